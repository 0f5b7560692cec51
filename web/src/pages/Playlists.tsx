import { useState } from "preact/hooks";
import { api } from "../api/http";
import type { Page, Playlist } from "../api/types";
import { Alert, Loading } from "../components/Alert";
import { Dialog } from "../components/Dialog";
import { JoinParty } from "../components/JoinParty";
import { longDuration, plural } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { navigate } from "../router";

export function PlaylistsPage() {
  const list = useLoad(() => api<Page<Playlist>>("/api/v1/playlists?limit=100&sort=-updated_at"), []);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function create(e: Event) {
    e.preventDefault();
    try {
      const playlist = await api<Playlist>("/api/v1/playlists", { method: "POST", json: { name } });
      setOpen(false);
      setName("");
      setError(null);
      navigate(`/playlists/${playlist.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <section>
      <div class="mb-4 flex items-center">
        <h1 class="text-2xl font-bold">Playlists</h1>
        <button class="btn btn-primary ml-auto" onClick={() => setOpen(true)}>
          New playlist
        </button>
      </div>
      <Alert message={list.error?.message} />
      {list.loading && <Loading label="Loading your playlists" />}
      {list.data && list.data.items.length === 0 && <p class="text-zinc-500">No playlists yet. Make one!</p>}
      {list.data && list.data.items.length > 0 && (
        <ul aria-label="Your playlists" class="grid gap-3 sm:grid-cols-2">
          {list.data.items.map((p) => (
            <li key={p.id} class="card">
              <a class="link text-lg font-semibold" href={`/playlists/${p.id}`}>
                {p.name}
              </a>
              <p class="text-sm text-zinc-500">
                {plural(p.track_count, "track")} · {longDuration(p.total_duration_ms)} · {p.is_public ? "Public" : "Private"}
                {p.collaborators.length > 0 && ` · shared with ${p.collaborators.length}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <JoinParty />
      <Dialog title="New playlist" open={open} onClose={() => setOpen(false)}>
        <form onSubmit={create}>
          <label class="label" for="new-playlist-name">
            Name
          </label>
          <input id="new-playlist-name" class="input" value={name} onInput={(e) => setName(e.currentTarget.value)} autofocus />
          <Alert message={error} />
          <div class="mt-4 flex justify-end gap-2">
            <button type="button" class="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button class="btn btn-primary">Create</button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
