import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { me, sessionReady } from "./api/session";
import { Loading } from "./components/Alert";
import { Layout } from "./components/Layout";
import { AccountPage } from "./pages/Account";
import { AdminPage } from "./pages/Admin";
import { LoginPage, NotFoundPage, RegisterPage } from "./pages/Auth";
import { BrowsePage } from "./pages/Browse";
import { AlbumPage, ArtistPage, SongPage } from "./pages/Catalog";
import { LikedPage } from "./pages/Liked";
import { PartyPage } from "./pages/Party";
import { PlaylistPage } from "./pages/Playlist";
import { PlaylistsPage } from "./pages/Playlists";
import { SearchPage } from "./pages/Search";
import { location, match, navigate } from "./router";

/** A page that needs a signed-in user sends everyone else to log in, then back. */
function Private({ children }: { children: ComponentChildren }) {
  const ready = sessionReady.value;
  const signedIn = me.value !== null;
  const { path, search } = location.value;
  useEffect(() => {
    if (ready && !signedIn) navigate(`/login?next=${encodeURIComponent(path + search)}`, true);
  }, [ready, signedIn, path]);
  if (!ready) return <Loading label="Signing you in" />;
  return signedIn ? <>{children}</> : null;
}

/** A page whose content depends on who is asking (a private playlist) waits for the session. */
function AfterSession({ children }: { children: ComponentChildren }) {
  return sessionReady.value ? <>{children}</> : <Loading label="Signing you in" />;
}

type Route = [string, (p: Record<string, string>) => ComponentChildren];
const ROUTES: Route[] = [
  ["/", () => <BrowsePage />],
  ["/login", () => <LoginPage />],
  ["/register", () => <RegisterPage />],
  ["/search", () => <SearchPage />],
  ["/songs/:id", (p) => <SongPage id={p.id} />],
  ["/albums/:id", (p) => <AlbumPage id={p.id} />],
  ["/artists/:id", (p) => <ArtistPage id={p.id} />],
  ["/playlists", () => <Private><PlaylistsPage /></Private>],
  ["/playlists/:id", (p) => <AfterSession><PlaylistPage id={p.id} /></AfterSession>],
  ["/liked", () => <Private><LikedPage /></Private>],
  ["/account", () => <Private><AccountPage /></Private>],
  ["/admin", () => <Private><AdminPage /></Private>],
  ["/parties/:id", (p) => <Private><PartyPage id={p.id} /></Private>],
];

const TITLES: Record<string, string> = { "/": "Browse", "/login": "Log in", "/register": "Create account", "/playlists": "Playlists", "/liked": "Liked songs", "/account": "Account", "/search": "Search", "/admin": "Catalog" };
const PREFIX_TITLES: [string, string][] = [["/parties/", "Listening party"]];

export function App() {
  const path = location.value.path;
  useEffect(() => {
    const title = TITLES[path] ?? PREFIX_TITLES.find(([prefix]) => path.startsWith(prefix))?.[1] ?? "FastFM";
    document.title = `${title} · FastFM`;
  }, [path]);
  // Public pages draw at once; private ones wait for the session (see Private).
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    // A fresh component per entity, so nothing of the last one lingers.
    if (params) return <Layout key={path}>{render(params)}</Layout>;
  }
  return (
    <Layout>
      <NotFoundPage />
    </Layout>
  );
}
