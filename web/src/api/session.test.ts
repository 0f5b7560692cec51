import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./http";
import { logIn, logOut, me, refresh, refreshDelayMs, resume, sessionReady } from "./session";

type Call = { url: string; init: RequestInit };
let calls: Call[] = [];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status });
}

const ME = { id: 7, email: "ada@example.com", username: "ada", display_name: null, is_admin: false, created_at: "2024-01-01T00:00:00Z" };

function serve(routes: Record<string, (init: RequestInit) => Response>) {
  calls = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const handler = routes[`${init.method ?? "GET"} ${url}`];
    return handler ? handler(init) : json(404, { detail: "Not found", code: "not_found" });
  });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("refreshDelayMs", () => {
  it("refreshes a minute before a 15-minute token expires", () => {
    expect(refreshDelayMs(900)).toBe(840_000);
  });
  it("never refreshes before 80% of a short lifetime", () => {
    expect(refreshDelayMs(60)).toBe(48_000);
  });
});

describe("the session", () => {
  it("resumes from the cookie on start, sending the CSRF header", async () => {
    serve({
      "POST /api/v1/auth/session/refresh": () => json(200, { access_token: "a1", token_type: "bearer", expires_in: 900 }),
      "GET /api/v1/me": (init) => ((init.headers as Record<string, string>).Authorization === "Bearer a1" ? json(200, ME) : json(401, {})),
    });
    await resume();
    expect(sessionReady.value).toBe(true);
    expect(me.value?.username).toBe("ada");
    expect((calls[0].init.headers as Record<string, string>)["X-FastFM-CSRF"]).toBe("1");
  });

  it("stays anonymous when the cookie is missing", async () => {
    serve({ "POST /api/v1/auth/session/refresh": () => json(401, { detail: "Not signed in", code: "no_session" }) });
    await resume();
    expect(me.value).toBeNull();
  });

  it("refreshes on a timer before expiry and uses the new token", async () => {
    let n = 0;
    serve({
      "POST /api/v1/auth/session": () => json(200, { access_token: "t0", token_type: "bearer", expires_in: 60 }),
      "POST /api/v1/auth/session/refresh": () => json(200, { access_token: `t${++n}`, token_type: "bearer", expires_in: 60 }),
      "GET /api/v1/me": () => json(200, ME),
      "GET /api/v1/playlists": (init) => json(200, { auth: (init.headers as Record<string, string>).Authorization }),
    });
    await logIn("ada", "pw");
    const login = calls.find((c) => c.url === "/api/v1/auth/session");
    expect(String(login?.init.body)).toBe("username=ada&password=pw");
    await vi.advanceTimersByTimeAsync(47_000);
    expect(n).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(n).toBe(1);
    expect(await api("/api/v1/playlists")).toEqual({ auth: "Bearer t1" });
  });

  it("makes one refresh for concurrent callers", async () => {
    let n = 0;
    serve({ "POST /api/v1/auth/session/refresh": () => json(200, { access_token: `c${++n}`, token_type: "bearer", expires_in: 900 }) });
    const results = await Promise.all([refresh(), refresh(), refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(n).toBe(1);
  });

  it("logging out forgets the user even when the server cannot be reached", async () => {
    me.value = ME;
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("offline");
    });
    await expect(logOut()).rejects.toThrow();
    expect(me.value).toBeNull();
  });
});
