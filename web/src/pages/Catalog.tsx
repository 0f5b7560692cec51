import { useState } from "preact/hooks";
import { api } from "../api/http";
import type { Album, Artist, Page, Song, SongRef } from "../api/types";
import { AdminEdit } from "../components/AdminEdit";
import { Alert, Loading } from "../components/Alert";
import { Pager } from "../components/Pager";
import { SongMetaEdit } from "../components/SongMetaEdit";
import { SongActions } from "../components/SongActions";
import { ArtistLinks, SongTable } from "../components/SongTable";
import { byRole, duration, longDuration, plural, roleName } from "../lib/format";
import { parseDuration } from "../lib/input";
import { useLoad } from "../lib/useLoad";
import { AlbumGrid } from "./Browse";
import { NotFoundPage } from "./Auth";

function Genres({ genres }: { genres: { id: number; name: string }[] }) {
  if (!genres.length) return null;
  return (
    <ul aria-label="Genres" class="mt-2 flex flex-wrap gap-1">
      {genres.map((g) => (
        <li key={g.id} class="rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-800 dark:bg-violet-900 dark:text-violet-100">
          {g.name}
        </li>
      ))}
    </ul>
  );
}

export function SongPage({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  const song = useLoad(() => api<Song>(`/api/v1/songs/${id}`), [id]);
  if (song.error?.status === 404 || song.error?.status === 422) return <NotFoundPage />;
  if (!song.data) return <>{song.error ? <Alert message={song.error.message} /> : <Loading label="Loading the song" />}</>;
  const s = song.data;
  return (
    <article>
      <p class="text-sm uppercase tracking-wide text-zinc-500">Song</p>
      <h1 class="text-3xl font-bold">{s.title}</h1>
      <p class="mt-1 text-zinc-600 dark:text-zinc-300">
        <ArtistLinks artists={s.artists} />
        {s.album && (
          <>
            {" · "}
            <a class="link" href={`/albums/${s.album.id}`}>
              {s.album.title}
            </a>
          </>
        )}
      </p>
      <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt class="text-zinc-500">Duration</dt>
        <dd>{duration(s.duration_ms)}</dd>
        {s.release_date && (<><dt class="text-zinc-500">Released</dt><dd>{s.release_date}</dd></>)}
        {s.track_number && (<><dt class="text-zinc-500">Track</dt><dd>{s.disc_number ?? 1}-{s.track_number}</dd></>)}
        {s.explicit && (<><dt class="text-zinc-500">Content</dt><dd>Explicit</dd></>)}
        <dt class="text-zinc-500">Likes</dt>
        <dd>{s.like_count}</dd>
      </dl>
      <Genres genres={s.genres} />
      <div class="mt-4">
        <SongActions songId={s.id} title={s.title} onError={setError} onChange={song.reload} />
      </div>
      <Alert message={error} />
      <AdminEdit
        path={`/api/v1/songs/${s.id}`}
        fields={[
          { name: "title", label: "Title", value: s.title },
          { name: "duration", label: "Duration (m:ss)", value: duration(s.duration_ms) },
        ]}
        toBody={(v) => ({ title: v.title, duration_ms: parseDuration(v.duration) ?? -1 })}
        onSaved={song.reload}
      />
      <SongMetaEdit song={s} onSaved={song.reload} />
      <Credits credits={s.credits.map((c) => ({ role: c.role, name: c.artist.name, href: `/artists/${c.artist.id}`, detail: c.detail }))} />
    </article>
  );
}

function Credits({ credits }: { credits: { role: string; name: string; href: string; detail: string | null }[] }) {
  if (!credits.length) return null;
  return (
    <section class="mt-6" aria-labelledby="credits-heading">
      <h2 id="credits-heading" class="mb-2 text-xl font-semibold">Credits</h2>
      <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {byRole(credits).map(([role, list]) => (
          <>
            <dt key={`${role}-t`} class="text-zinc-500">{roleName(role)}</dt>
            <dd key={`${role}-d`}>
              {list.map((c, i) => (
                <span key={c.href + i}>
                  {i > 0 && ", "}
                  <a class="link" href={c.href}>{c.name}</a>
                  {c.detail && ` (${c.detail})`}
                </span>
              ))}
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

export function AlbumPage({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  const album = useLoad(() => api<Album>(`/api/v1/albums/${id}`), [id]);
  if (album.error?.status === 404 || album.error?.status === 422) return <NotFoundPage />;
  if (!album.data) return <>{album.error ? <Alert message={album.error.message} /> : <Loading label="Loading the album" />}</>;
  const a = album.data;
  const tracks = a.tracks ?? [];
  return (
    <article>
      <p class="text-sm uppercase tracking-wide text-zinc-500">{a.album_type}</p>
      <h1 class="text-3xl font-bold">{a.title}</h1>
      <p class="mt-1 text-zinc-600 dark:text-zinc-300">
        <ArtistLinks artists={a.artists} /> · {a.release_date} · {plural(a.track_count, "track")} · {longDuration(a.total_duration_ms)}
      </p>
      <Genres genres={a.genres} />
      <AdminEdit
        path={`/api/v1/albums/${a.id}`}
        fields={[
          { name: "title", label: "Title", value: a.title },
          { name: "release_date", label: "Release date", value: a.release_date ?? "", type: "date" },
        ]}
        onSaved={album.reload}
      />
      <Alert message={error} />
      <h2 class="mb-2 mt-6 text-xl font-semibold">Tracklist</h2>
      <SongTable
        songs={tracks.map((t) => t.song)}
        label="Tracklist"
        onError={setError}
        lead={(_s: SongRef, i: number) => tracks[i].track_number}
      />
    </article>
  );
}

export function ArtistPage({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  const [songOffset, setSongOffset] = useState(0);
  const artist = useLoad(() => api<Artist>(`/api/v1/artists/${id}`), [id]);
  const albums = useLoad(() => api<Page<Album>>(`/api/v1/artists/${id}/albums?limit=50`), [id]);
  const songs = useLoad(() => api<Page<Song>>(`/api/v1/artists/${id}/songs?limit=20&offset=${songOffset}`), [id, songOffset]);
  const credits = useLoad(
    () => api<Page<{ song: SongRef; role: string; detail: string | null }>>(`/api/v1/artists/${id}/credits?limit=100`),
    [id],
  );
  if (artist.error?.status === 404 || artist.error?.status === 422) return <NotFoundPage />;
  if (!artist.data) return <>{artist.error ? <Alert message={artist.error.message} /> : <Loading label="Loading the artist" />}</>;
  const a = artist.data;
  return (
    <article>
      <p class="text-sm uppercase tracking-wide text-zinc-500">Artist</p>
      <h1 class="text-3xl font-bold">{a.name}</h1>
      <p class="text-sm text-zinc-500">{plural(a.follower_count, "follower")}</p>
      <Genres genres={a.genres} />
      {a.bio && <p class="mt-3 max-w-prose">{a.bio}</p>}
      <AdminEdit
        path={`/api/v1/artists/${a.id}`}
        fields={[
          { name: "name", label: "Name", value: a.name },
          { name: "bio", label: "Bio", value: a.bio ?? "", type: "textarea" },
        ]}
        onSaved={artist.reload}
      />
      <Alert message={error} />
      <h2 class="mb-2 mt-6 text-xl font-semibold">Albums</h2>
      {albums.data && <AlbumGrid albums={albums.data.items} />}
      <h2 class="mb-2 mt-6 text-xl font-semibold">Songs</h2>
      {songs.data && (
        <>
          <SongTable songs={songs.data.items} label="Songs" onError={setError} />
          <Pager offset={songOffset} limit={20} total={songs.data.total} onPage={setSongOffset} />
        </>
      )}
      {credits.data && credits.data.items.length > 0 && (
        <section class="mt-6">
          <h2 class="mb-2 text-xl font-semibold">Production credits</h2>
          <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {byRole(credits.data.items).map(([role, list]) => (
              <>
                <dt key={`${role}-t`} class="text-zinc-500">{roleName(role)}</dt>
                <dd key={`${role}-d`}>
                  {list.map((c, i) => (
                    <span key={c.song.id + "-" + i}>
                      {i > 0 && ", "}
                      <a class="link" href={`/songs/${c.song.id}`}>{c.song.title}</a>
                    </span>
                  ))}
                </dd>
              </>
            ))}
          </dl>
        </section>
      )}
    </article>
  );
}
