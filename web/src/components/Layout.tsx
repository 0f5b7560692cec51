import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { logOut, me, sessionReady } from "../api/session";
import { location, navigate, query } from "../router";

const LINKS = [
  ["/", "Browse"],
  ["/playlists", "Playlists"],
  ["/liked", "Liked songs"],
  ["/account", "Account"],
] as const;

function SearchBox() {
  const [value, setValue] = useState(query("q") ?? "");
  const path = location.value.path;
  useEffect(() => {
    if (path === "/search") setValue(query("q") ?? "");
  }, [path, location.value.search]);
  // On /search the results follow the box as you type, a moment after the last key.
  useEffect(() => {
    if (path !== "/search" || value === (query("q") ?? "")) return;
    const timer = setTimeout(() => navigate(`/search?q=${encodeURIComponent(value)}`, true), 250);
    return () => clearTimeout(timer);
  }, [value]);
  return (
    <form
      role="search"
      class="flex-1 sm:max-w-xs"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/search?q=${encodeURIComponent(value.trim())}`);
      }}
    >
      <input
        type="search"
        aria-label="Search"
        placeholder="Search songs, artists, albums"
        class="input"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
    </form>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const user = me.value;
  const path = location.value.path;
  return (
    <div class="min-h-screen">
      <header class="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div class="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-3">
          <a href="/" class="text-lg font-bold text-violet-700 dark:text-violet-300">
            FastFM
          </a>
          {user && (
            <nav aria-label="Main" class="flex gap-3 text-sm">
              {LINKS.map(([href, name]) => (
                <a
                  key={href}
                  href={href}
                  aria-current={path === href ? "page" : undefined}
                  class={`rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${path === href ? "font-semibold text-violet-700 dark:text-violet-300" : ""}`}
                >
                  {name}
                </a>
              ))}
              {user.is_admin && (
                <a href="/admin" class="rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                  Catalog
                </a>
              )}
            </nav>
          )}
          <SearchBox />
          <div class="ml-auto flex items-center gap-2 text-sm">
            {user ? (
              <>
                <span class="text-zinc-500">{user.display_name ?? user.username}</span>
                <button
                  class="btn"
                  onClick={async () => {
                    await logOut().catch(() => undefined);
                    navigate("/login", true);
                  }}
                >
                  Log out
                </button>
              </>
            ) : !sessionReady.value ? null : (
              <>
                <a class="btn" href={`/login?next=${encodeURIComponent(path)}`}>
                  Log in
                </a>
                <a class="btn btn-primary" href="/register">
                  Sign up
                </a>
              </>
            )}
          </div>
        </div>
      </header>
      <main class="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </div>
  );
}
