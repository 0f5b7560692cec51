/** Where to go after signing in: the page the user came from, never off the site. */
export function nextPath(raw: string | null): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw === "/login" || raw === "/register") return "/";
  return raw;
}

/** Parse "3:25" or "205" (seconds) into milliseconds; null for anything else. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+):)?(\d+)$/.exec(text.trim());
  if (!m) return null;
  const ms = ((m[1] ? Number(m[1]) * 60 : 0) + Number(m[2])) * 1000;
  return ms > 0 ? ms : null;
}
