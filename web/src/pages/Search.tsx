import { useEffect, useState } from "preact/hooks";
import { api, ApiError, qs } from "../api/http";
import type { Album, Artist, Page, Playlist, Song } from "../api/types";
import { Alert, Loading } from "../components/Alert";
import { SongTable } from "../components/SongTable";
import { query } from "../router";
import { AlbumGrid, ArtistGrid } from "./Browse";

interface Results { songs: Song[]; artists: Artist[]; albums: Album[]; playlists: Playlist[] }

/** The search endpoint when the server has it; otherwise the lists' `q` filters. */
async function search(q: string): Promise<Results> {
  try {
    const r = await api<{ songs?: Page<Song>; artists?: Page<Artist>; albums?: Page<Album>; playlists?: Page<Playlist> }>(
      `/api/v1/search${qs({ q, type: "song,artist,album,playlist", limit: 20 })}`,
    );
    return { songs: r.songs?.items ?? [], artists: r.artists?.items ?? [], albums: r.albums?.items ?? [], playlists: r.playlists?.items ?? [] };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const [songs, artists, albums] = await Promise.all([
    api<Page<Song>>(`/api/v1/songs${qs({ q, limit: 20 })}`),
    api<Page<Artist>>(`/api/v1/artists${qs({ q, limit: 20 })}`),
    api<Page<Album>>(`/api/v1/albums${qs({ q, limit: 20 })}`),
  ]);
  return { songs: songs.items, artists: artists.items, albums: albums.items, playlists: [] };
}

export function SearchPage() {
  const q = query("q") ?? "";
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!q.trim()) {
      setResults(null);
      return;
    }
    let current = true;
    setBusy(true);
    search(q.trim())
      .then((r) => current && (setResults(r), setError(null)))
      .catch((e: Error) => current && setError(e.message))
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [q]);
  const none = results && !results.songs.length && !results.artists.length && !results.albums.length && !results.playlists.length;
  return (
    <section>
      <h1 class="mb-3 text-2xl font-bold">{q.trim() ? `Results for “${q.trim()}”` : "Search"}</h1>
      {!q.trim() && <p class="text-zinc-500">Type in the search box above: results appear as you type.</p>}
      <Alert message={error} />
      {busy && !results && <Loading label="Searching" />}
      {none && <p class="text-zinc-500">Nothing matches “{q}”.</p>}
      {results && results.songs.length > 0 && (
        <><h2 class="mb-2 mt-4 text-xl font-semibold">Songs</h2><SongTable songs={results.songs} label="Songs" onError={setError} /></>
      )}
      {results && results.artists.length > 0 && (
        <><h2 class="mb-2 mt-6 text-xl font-semibold">Artists</h2><ArtistGrid artists={results.artists} /></>
      )}
      {results && results.albums.length > 0 && (
        <><h2 class="mb-2 mt-6 text-xl font-semibold">Albums</h2><AlbumGrid albums={results.albums} /></>
      )}
      {results && results.playlists.length > 0 && (
        <>
          <h2 class="mb-2 mt-6 text-xl font-semibold">Playlists</h2>
          <ul aria-label="Playlists">
            {results.playlists.map((p) => (
              <li key={p.id}><a class="link" href={`/playlists/${p.id}`}>{p.name}</a></li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
