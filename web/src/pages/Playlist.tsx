import { useState } from "preact/hooks";
import { api } from "../api/http";
import { me } from "../api/session";
import type { Page, Playlist, PlaylistTrack } from "../api/types";
import { Alert, Loading } from "../components/Alert";
import { Pager } from "../components/Pager";
import { longDuration, plural } from "../lib/format";
import { useAction, useLoad } from "../lib/useLoad";
import { navigate } from "../router";
import { NotFoundPage } from "./Auth";
import { Player } from "./Player";
import { Share } from "./Share";
import { Tracks } from "./Tracks";

const PAGE = 100;

export function PlaylistPage({ id }: { id: string }) {
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState(false);
  const [error, run, setError] = useAction();
  const playlist = useLoad(() => api<Playlist>(`/api/v1/playlists/${id}`), [id, me.value?.id]);
  const tracks = useLoad(
    () => api<Page<PlaylistTrack>>(`/api/v1/playlists/${id}/tracks?limit=${PAGE}&offset=${offset}`),
    [id, offset, me.value?.id],
  );
  /** Every change ends by reading the playlist back: the page shows what the server has. */
  async function change(work: () => Promise<unknown>): Promise<boolean> {
    const ok = await run(work);
    await Promise.all([playlist.reload(), tracks.reload()]);
    return ok;
  }
  if (playlist.error?.status === 404 || playlist.error?.status === 422) return <NotFoundPage />;
  if (!playlist.data) return <>{playlist.error ? <Alert message={playlist.error.message} /> : <Loading label="Loading the playlist" />}</>;
  const p = playlist.data;
  const user = me.value;
  const isOwner = user?.id === p.owner.id;
  const canEdit = isOwner || p.collaborators.some((c) => c.id === user?.id);
  return (
    <article>
      <p class="text-sm uppercase tracking-wide text-zinc-500">{p.is_public ? "Public playlist" : "Private playlist"}</p>
      <h1 class="text-3xl font-bold">{p.name}</h1>
      {p.description && <p class="mt-1 max-w-prose text-zinc-600 dark:text-zinc-300">{p.description}</p>}
      <p class="mt-1 text-sm text-zinc-500">
        by {p.owner.display_name ?? p.owner.username} · {plural(p.track_count, "track")} ·{" "}
        <span aria-label="Total duration">{longDuration(p.total_duration_ms)}</span>
      </p>
      <div class="mt-3 flex flex-wrap gap-2">
        {canEdit && (
          <button class="btn" onClick={() => setEditing(!editing)} aria-expanded={editing}>
            Edit details
          </button>
        )}
        {isOwner && <Share playlist={p} change={change} error={error} />}
        {user && (
          <button
            class="btn"
            onClick={() => run(async () => navigate(`/parties/${(await api<{ id: number }>("/api/v1/parties", { method: "POST", json: { playlist_id: p.id } })).id}`))}
          >
            Start a party
          </button>
        )}
        {isOwner && (
          <button
            class="btn"
            onClick={async () => {
              if (!window.confirm(`Delete “${p.name}”? This cannot be undone.`)) return;
              if (await run(() => api(`/api/v1/playlists/${p.id}`, { method: "DELETE" }))) navigate("/playlists");
            }}
          >
            Delete playlist
          </button>
        )}
      </div>
      {editing && <Details playlist={p} change={change} done={() => setEditing(false)} />}
      <Alert message={error} />
      {user && <Player base={`/api/v1/playlists/${p.id}/shuffle`} empty={p.track_count === 0} />}
      <h2 class="mb-1 mt-6 text-xl font-semibold">Tracks</h2>
      {tracks.data && (
        <>
          <Tracks playlist={p} tracks={tracks.data.items} canEdit={canEdit} change={change} onError={setError} />
          <Pager offset={offset} limit={PAGE} total={tracks.data.total} onPage={setOffset} label="Track pages" />
        </>
      )}
    </article>
  );
}

function Details({ playlist, change, done }: { playlist: Playlist; change: (w: () => Promise<unknown>) => Promise<boolean>; done: () => void }) {
  const [name, setName] = useState(playlist.name);
  const [description, setDescription] = useState(playlist.description ?? "");
  async function save(e: Event) {
    e.preventDefault();
    const body = { name, description: description.trim() ? description : null };
    if (await change(() => api(`/api/v1/playlists/${playlist.id}`, { method: "PATCH", json: body }))) done();
  }
  return (
    <form onSubmit={save} class="card mt-3 max-w-lg">
      <label class="label" for="pl-name">
        Playlist name
      </label>
      <input id="pl-name" class="input mb-3" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label class="label" for="pl-description">
        Description
      </label>
      <textarea id="pl-description" class="input mb-3" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      <button class="btn btn-primary">Save</button>
    </form>
  );
}
