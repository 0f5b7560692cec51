import { useState } from "preact/hooks";
import { api, qs } from "../api/http";
import type { Album, Artist, Page, Song } from "../api/types";
import { Alert, Loading } from "../components/Alert";
import { Pager } from "../components/Pager";
import { ArtistLinks, SongTable } from "../components/SongTable";
import { longDuration, plural } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { navigate, query } from "../router";

const KINDS = {
  songs: { label: "Songs", sorts: [["title", "Title"], ["-release_date", "Newest"], ["-like_count", "Most liked"], ["-play_count", "Most played"], ["duration_ms", "Shortest"]] },
  albums: { label: "Albums", sorts: [["title", "Title"], ["-release_date", "Newest"], ["release_date", "Oldest"]] },
  artists: { label: "Artists", sorts: [["name", "Name"], ["-follower_count", "Most followed"], ["-created_at", "Recently added"]] },
} as const;
type Kind = keyof typeof KINDS;
const LIMIT = 20;

export function BrowsePage() {
  const kind: Kind = (query("tab") as Kind) in KINDS ? (query("tab") as Kind) : "songs";
  const sort = query("sort") ?? KINDS[kind].sorts[0][0];
  const offset = Math.max(0, Number(query("offset") ?? 0) || 0);
  const [error, setError] = useState<string | null>(null);
  const go = (next: Partial<{ tab: string; sort: string; offset: number }>) =>
    navigate(`/${qs({ tab: kind, sort, offset, ...next })}`);
  const page = useLoad(
    () => api<Page<Song | Album | Artist>>(`/api/v1/${kind}${qs({ sort, offset, limit: LIMIT })}`),
    [kind, sort, offset],
  );
  return (
    <section>
      <h1 class="mb-4 text-2xl font-bold">Browse</h1>
      <div class="mb-4 flex flex-wrap items-center gap-3">
        <div role="group" aria-label="What to browse" class="flex gap-1">
          {(Object.keys(KINDS) as Kind[]).map((k) => (
            <button key={k} class={`btn ${k === kind ? "btn-primary" : ""}`} aria-pressed={k === kind} onClick={() => navigate(`/?tab=${k}`)}>
              {KINDS[k].label}
            </button>
          ))}
        </div>
        <label class="ml-auto flex items-center gap-2 text-sm">
          Sort by
          <select class="input w-auto" value={sort} onChange={(e) => go({ sort: e.currentTarget.value, offset: 0 })}>
            {KINDS[kind].sorts.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Alert message={error ?? page.error?.message} />
      {page.loading && <Loading label={`Loading ${KINDS[kind].label.toLowerCase()}`} />}
      {page.data && kind === "songs" && <SongTable songs={page.data.items as Song[]} label="Songs" onError={setError} />}
      {page.data && kind === "albums" && <AlbumGrid albums={page.data.items as Album[]} />}
      {page.data && kind === "artists" && <ArtistGrid artists={page.data.items as Artist[]} />}
      {page.data && <Pager offset={offset} limit={LIMIT} total={page.data.total} onPage={(o) => go({ offset: o })} />}
    </section>
  );
}

export function AlbumGrid({ albums }: { albums: Album[] }) {
  if (!albums.length) return <p class="text-sm text-zinc-500">No albums.</p>;
  return (
    <ul aria-label="Albums" class="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {albums.map((a) => (
        <li key={a.id} class="card">
          <a class="link font-semibold" href={`/albums/${a.id}`}>
            {a.title}
          </a>
          <div class="text-sm text-zinc-500">
            <ArtistLinks artists={a.artists} />
          </div>
          <div class="mt-1 text-xs text-zinc-500">
            {a.release_date?.slice(0, 4)} · {plural(a.track_count, "track")} · {longDuration(a.total_duration_ms)}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function ArtistGrid({ artists }: { artists: Artist[] }) {
  if (!artists.length) return <p class="text-sm text-zinc-500">No artists.</p>;
  return (
    <ul aria-label="Artists" class="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
      {artists.map((a) => (
        <li key={a.id} class="card">
          <a class="link font-semibold" href={`/artists/${a.id}`}>
            {a.name}
          </a>
          <div class="text-xs text-zinc-500">{a.genres.map((g) => g.name).join(", ")}</div>
        </li>
      ))}
    </ul>
  );
}
