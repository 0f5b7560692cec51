import { useState } from "preact/hooks";
import { api } from "../api/http";
import { me } from "../api/session";
import { liked, loadMyPlaylists, myPlaylists, setLiked } from "./library";

interface Props {
  songId: number;
  title: string;
  onError: (message: string | null) => void;
  /** Called after a like or unlike the server accepted (e.g. to show the new count). */
  onChange?: () => void;
}

/** `Like` (a toggle) and `Add to playlist` (a menu of the caller's playlists). */
export function SongActions({ songId, title, onError, onChange }: Props) {
  if (!me.value) return null;
  return (
    <span class="flex items-center gap-1">
      <LikeButton songId={songId} title={title} onError={onError} onChange={onChange} />
      <AddToPlaylist songId={songId} onError={onError} />
    </span>
  );
}

function LikeButton({ songId, title, onError, onChange }: Props) {
  const pressed = liked.value[songId] ?? false;
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    try {
      await setLiked(songId, !pressed);
      onError(null);
      onChange?.();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <button
      class={`btn btn-small ${pressed ? "border-pink-500 text-pink-600 dark:text-pink-400" : ""}`}
      aria-pressed={pressed}
      aria-label="Like"
      title={pressed ? `Unlike ${title}` : `Like ${title}`}
      disabled={busy}
      onClick={toggle}
    >
      <span aria-hidden="true">{pressed ? "♥" : "♡"}</span>
    </button>
  );
}

function AddToPlaylist({ songId, onError }: Omit<Props, "title">) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  async function toggle() {
    if (!open) {
      try {
        await loadMyPlaylists();
      } catch (e) {
        onError((e as Error).message);
        return;
      }
    }
    setOpen(!open);
  }
  async function add(id: number, name: string) {
    try {
      await api(`/api/v1/playlists/${id}/tracks`, { method: "POST", json: { song_ids: [songId] } });
      setAdded(`Added to ${name}`);
      onError(null);
      setOpen(false);
    } catch (e) {
      onError((e as Error).message);
    }
  }
  return (
    <span class="relative">
      <button class="btn btn-small" aria-expanded={open} aria-haspopup="menu" onClick={toggle}>
        Add to playlist
      </button>
      {open && (
        <div
          role="menu"
          aria-label="Your playlists"
          class="absolute right-0 z-20 mt-1 min-w-48 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          {(myPlaylists.value ?? []).length === 0 && <p class="px-2 py-1 text-sm text-zinc-500">No playlists yet</p>}
          {(myPlaylists.value ?? []).map((p) => (
            <button
              key={p.id}
              role="menuitem"
              class="block w-full rounded px-2 py-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
              onClick={() => add(p.id, p.name)}
            >
              {p.name}
            </button>
          ))}
        </div>
      )}
      {added && (
        <span role="status" class="sr-only">
          {added}
        </span>
      )}
    </span>
  );
}
