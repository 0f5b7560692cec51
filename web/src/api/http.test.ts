import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, errorMessage, qs, useTokenSource } from "./http";

afterEach(() => vi.unstubAllGlobals());

describe("errorMessage", () => {
  it("uses the API's detail", () => {
    expect(errorMessage(409, { detail: "This username is taken", code: "username_taken" })).toBe("This username is taken");
  });
  it("turns a 422 list into sentences naming the field", () => {
    const body = { detail: [{ loc: ["body", "username"], msg: "String should have at least 3 characters" }] };
    expect(errorMessage(422, body)).toBe("username: String should have at least 3 characters");
  });
  it("explains network and server failures", () => {
    expect(errorMessage(0, null)).toMatch(/cannot be reached/);
    expect(errorMessage(502, "<html>")).toMatch(/server had a problem/);
  });
});

describe("qs", () => {
  it("drops empty values", () => {
    expect(qs({ q: "a b", offset: 0, sort: undefined, x: "" })).toBe("?q=a+b&offset=0");
    expect(qs({})).toBe("");
  });
});

describe("api", () => {
  it("refreshes once on 401 and retries with the new token", async () => {
    let token = "old";
    const refresh = vi.fn(async () => {
      token = "new";
      return true;
    });
    useTokenSource({ token: () => token, refresh });
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === "Bearer new"
        ? new Response(JSON.stringify({ ok: 1 }), { status: 200 })
        : new Response(JSON.stringify({ detail: "Access token expired", code: "token_expired" }), { status: 401 });
    });
    vi.stubGlobal("fetch", fetch);
    expect(await api("/api/v1/me")).toEqual({ ok: 1 });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("throws ApiError with the status, code and detail", async () => {
    useTokenSource({ token: () => null, refresh: async () => false });
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ detail: "Playlist not found", code: "playlist_not_found" }), { status: 404 }));
    const error = await api("/api/v1/playlists/9").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: "playlist_not_found", message: "Playlist not found" });
  });

  it("answers undefined for 204", async () => {
    vi.stubGlobal("fetch", async () => new Response(null, { status: 204 }));
    expect(await api("/x", { method: "DELETE" })).toBeUndefined();
  });
});
