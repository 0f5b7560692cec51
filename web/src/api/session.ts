/**
 * The signed-in session. The access token lives only in memory; the refresh token is
 * an httpOnly cookie the page cannot read. A reload asks the server for a fresh access
 * token with that cookie; a timer refreshes it before it expires.
 */
import { signal } from "@preact/signals";
import { api, ApiError, CSRF_HEADER, useTokenSource } from "./http";
import type { Me, SessionToken } from "./types";

export const me = signal<Me | null>(null);
export const sessionReady = signal(false);
let accessToken: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<boolean> | null = null;

/** When to refresh: a minute before expiry, but never before 80% of the lifetime. */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = expiresInSeconds * 1000;
  return Math.max(lifetime * 0.8, lifetime - 60_000);
}

function adopt(token: SessionToken): void {
  accessToken = token.access_token;
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), refreshDelayMs(token.expires_in));
}

function forget(): void {
  accessToken = null;
  clearTimeout(timer);
  me.value = null;
}

async function rotate(): Promise<boolean> {
  try {
    adopt(
      await api<SessionToken>("/api/v1/auth/session/refresh", {
        method: "POST",
        headers: CSRF_HEADER,
        auth: false,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) forget();
    return false;
  }
}

async function withLock(locks: LockManager): Promise<boolean> {
  let result = false;
  await locks.request("fastfm-session", async () => {
    result = await rotate();
  });
  return result;
}

/** One refresh at a time, in this tab and across tabs (the cookie rotates on use). */
export function refresh(): Promise<boolean> {
  if (!inflight) {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    const run = locks ? withLock(locks) : rotate();
    inflight = run.finally(() => {
      inflight = null;
    });
  }
  return inflight as Promise<boolean>;
}

useTokenSource({ token: () => accessToken, refresh });

/** The access token in memory now (for the party WebSocket, which takes it in its URL). */
export function currentAccessToken(): string | null {
  return accessToken;
}

async function loadMe(): Promise<void> {
  me.value = await api<Me>("/api/v1/me");
}

/** On start: resume the cookie's session, if there is one. */
export async function resume(): Promise<void> {
  try {
    if (await refresh()) await loadMe();
  } catch {
    forget();
  } finally {
    sessionReady.value = true;
  }
}

export async function logIn(login: string, password: string): Promise<void> {
  adopt(
    await api<SessionToken>("/api/v1/auth/session", {
      method: "POST",
      form: { username: login, password },
      headers: CSRF_HEADER,
      auth: false,
    }),
  );
  await loadMe();
}

export async function register(email: string, username: string, password: string): Promise<void> {
  await api<Me>("/api/v1/auth/register", { method: "POST", json: { email, username, password }, auth: false });
  await logIn(username, password);
}

const logoutListeners: (() => void)[] = [];
export function onLogout(listener: () => void): void {
  logoutListeners.push(listener);
}

/** End this browser's login; every cached private thing is dropped. */
export async function logOut(): Promise<void> {
  try {
    await api("/api/v1/auth/session", { method: "DELETE", headers: CSRF_HEADER });
  } finally {
    forget();
    logoutListeners.forEach((listener) => listener());
  }
}

export async function logOutEverywhere(): Promise<void> {
  await api("/api/v1/auth/logout-all", { method: "POST" });
  await logOut();
}

export function setMe(value: Me): void {
  me.value = value;
}
