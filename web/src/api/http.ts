/** JSON over fetch: the bearer token, one silent refresh on 401, errors as ApiError. */

export const CSRF_HEADER = { "X-FastFM-CSRF": "1" };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface FieldError { loc?: (string | number)[]; msg?: string }

/** The API's `detail` in words a person understands (422 lists become sentences). */
export function errorMessage(status: number, body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail)) {
    return (detail as FieldError[])
      .map((e) => {
        const field = (e.loc ?? []).filter((p) => p !== "body" && p !== "query").join(".");
        const msg = (e.msg ?? "is invalid").replace(/^Value error, /, "");
        return field ? `${field}: ${msg}` : msg;
      })
      .join("; ");
  }
  if (status === 0) return "The server cannot be reached. Check your connection.";
  if (status >= 500) return "The server had a problem. Please try again.";
  return `Request failed (${status})`;
}

export type TokenSource = {
  token(): string | null;
  refresh(): Promise<boolean>;
};

let tokens: TokenSource = { token: () => null, refresh: async () => false };

export function useTokenSource(source: TokenSource): void {
  tokens = source;
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  auth?: boolean;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
  const token = opts.auth === false ? null : tokens.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = new URLSearchParams(opts.form);
  }
  try {
    return await fetch(path, { method: opts.method ?? "GET", headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network_error", errorMessage(0, null));
  }
}

/** Call the API; a 401 with a token triggers one refresh and one retry. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let response = await send(path, opts);
  if (response.status === 401 && opts.auth !== false && tokens.token()) {
    if (await tokens.refresh()) response = await send(path, opts);
  }
  if (response.status === 204 || response.status === 304) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const code = (body as { code?: string } | null)?.code ?? `http_${response.status}`;
    throw new ApiError(response.status, code, errorMessage(response.status, body));
  }
  return body as T;
}

/** A query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
