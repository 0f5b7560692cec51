import { useState } from "preact/hooks";
import { api } from "../api/http";
import type { Playlist, UserRef } from "../api/types";
import { Alert } from "../components/Alert";
import { Dialog } from "../components/Dialog";

interface Props { playlist: Playlist; change: (work: () => Promise<unknown>) => Promise<boolean>; error: string | null }

/** The owner's `Share` dialog: `Public`, and collaborators added by username. */
export function Share({ playlist, change, error }: Props) {
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState("");
  const base = `/api/v1/playlists/${playlist.id}`;
  async function add(e: Event) {
    e.preventDefault();
    const ok = await change(async () => {
      const user = await api<UserRef>(`/api/v1/users/by-username/${encodeURIComponent(username.trim())}`);
      await api(`${base}/collaborators/${user.id}`, { method: "PUT" });
    });
    if (ok) setUsername("");
  }
  return (
    <>
      <button class="btn" onClick={() => setOpen(true)}>
        Share
      </button>
      <Dialog title={`Share “${playlist.name}”`} open={open} onClose={() => setOpen(false)}>
        <label class="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={playlist.is_public}
            onChange={(e) => change(() => api(base, { method: "PATCH", json: { is_public: e.currentTarget.checked } }))}
          />
          Public
        </label>
        <p class="mb-3 text-xs text-zinc-500">Anyone with the link can see a public playlist.</p>
        <h3 class="text-sm font-semibold">Collaborators</h3>
        {playlist.collaborators.length === 0 && <p class="text-sm text-zinc-500">Nobody yet.</p>}
        <ul aria-label="Collaborators" class="mb-2 text-sm">
          {playlist.collaborators.map((c) => (
            <li key={c.id} class="flex items-center gap-2 py-1">
              {c.username}
              <button
                class="btn btn-small ml-auto"
                aria-label={`Remove ${c.username}`}
                onClick={() => change(() => api(`${base}/collaborators/${c.id}`, { method: "DELETE" }))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={add} class="flex items-end gap-2">
          <div class="flex-1">
            <label class="label" for="share-username">
              Username
            </label>
            <input id="share-username" class="input" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
          </div>
          <button class="btn btn-primary">Add collaborator</button>
        </form>
        <Alert message={error} />
        <div class="mt-4 flex justify-end">
          <button class="btn" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      </Dialog>
    </>
  );
}
