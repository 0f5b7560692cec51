/** A small history router on signals: the path and query are signals the app reads. */
import { signal } from "@preact/signals";

export const location = signal({ path: window.location.pathname, search: window.location.search });

export function navigate(to: string, replace = false): void {
  const url = new URL(to, window.location.origin);
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  location.value = { path: url.pathname, search: url.search };
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => {
  location.value = { path: window.location.pathname, search: window.location.search };
});

/** Links inside the app navigate without a page load. */
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const anchor = (event.target as Element | null)?.closest?.("a");
  if (!anchor || anchor.target || anchor.origin !== window.location.origin) return;
  if (anchor.pathname.startsWith("/api/") || anchor.pathname.startsWith("/docs")) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
});

export function query(name: string): string | null {
  return new URLSearchParams(location.value.search).get(name);
}

/** `/playlists/:id` against a path: the params, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const have = path.replace(/\/+$/, "").split("/");
  if (path === "/" && pattern === "/") return {};
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}
