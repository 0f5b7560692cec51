import { useState } from "preact/hooks";
import { api } from "../api/http";
import type { Playlist, PlaylistTrack } from "../api/types";
import { ArtistLinks } from "../components/SongTable";
import { SongActions } from "../components/SongActions";
import { duration } from "../lib/format";
import { moveBody } from "../lib/reorder";

interface Props {
  playlist: Playlist;
  tracks: PlaylistTrack[];
  canEdit: boolean;
  /** Run a change; it refreshes the playlist from the server afterwards. */
  change: (work: () => Promise<unknown>) => Promise<boolean>;
  onError: (message: string | null) => void;
}

/** The `Tracks` list: move by buttons (keyboard) or drag and drop, remove. */
export function Tracks({ playlist, tracks, canEdit, change, onError }: Props) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");
  const base = `/api/v1/playlists/${playlist.id}/tracks`;

  async function move(from: number, to: number, title: string) {
    if (to < 0 || to >= playlist.track_count || from === to) return;
    const ok = await change(() =>
      api(base, { method: "PATCH", json: { ...moveBody(from, to), snapshot_id: playlist.snapshot_id } }),
    );
    if (ok) {
      setAnnounce(`${title} moved to position ${to + 1}`);
      // Keep the keyboard where the moved entry went.
      requestAnimationFrame(() => {
        const button = document.querySelector<HTMLButtonElement>(
          `[data-position="${to}"] [data-move="${to > from ? "down" : "up"}"]:not(:disabled)`,
        );
        (button ?? document.querySelector<HTMLButtonElement>(`[data-position="${to}"] [data-move]`))?.focus();
      });
    }
  }
  async function remove(position: number, title: string) {
    const ok = await change(() =>
      api(base, { method: "DELETE", json: { positions: [position], snapshot_id: playlist.snapshot_id } }),
    );
    if (ok) setAnnounce(`${title} removed`);
  }

  if (!tracks.length) return <p class="my-4 text-zinc-500">No tracks yet. Add songs from Browse or Search.</p>;
  return (
    <>
      <ol aria-label="Tracks" class="divide-y divide-zinc-200 dark:divide-zinc-800">
        {tracks.map((t) => (
          <li
            key={`${t.position}-${t.song.id}`}
            data-position={t.position}
            draggable={canEdit}
            onDragStart={(e) => {
              setDragFrom(t.position);
              e.dataTransfer?.setData("text/plain", String(t.position));
            }}
            onDragOver={(e) => canEdit && dragFrom !== null && e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragFrom !== null) void move(dragFrom, t.position, tracks.find((x) => x.position === dragFrom)?.song.title ?? "");
              setDragFrom(null);
            }}
            class={`flex items-center gap-3 py-2 ${dragFrom === t.position ? "opacity-50" : ""} ${canEdit ? "cursor-grab" : ""}`}
          >
            <span class="w-8 text-right text-sm tabular-nums text-zinc-500">{t.position + 1}</span>
            <div class="min-w-0 flex-1">
              <a class="link font-medium" href={`/songs/${t.song.id}`}>
                {t.song.title}
              </a>
              <div class="truncate text-sm text-zinc-500">
                <ArtistLinks artists={t.song.artists} />
              </div>
            </div>
            <span class="text-sm tabular-nums text-zinc-500">{duration(t.song.duration_ms)}</span>
            <SongActions songId={t.song.id} title={t.song.title} onError={onError} />
            {canEdit && (
              <span class="flex gap-1">
                <button class="btn btn-small" data-move="up" aria-label="Move up" title={`Move ${t.song.title} up`} disabled={t.position === 0} onClick={() => move(t.position, t.position - 1, t.song.title)}>
                  ↑
                </button>
                <button
                  class="btn btn-small"
                  data-move="down"
                  aria-label="Move down"
                  title={`Move ${t.song.title} down`}
                  disabled={t.position === playlist.track_count - 1}
                  onClick={() => move(t.position, t.position + 1, t.song.title)}
                >
                  ↓
                </button>
                <button class="btn btn-small" aria-label="Remove" title={`Remove ${t.song.title}`} onClick={() => remove(t.position, t.song.title)}>
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      <p role="status" class="sr-only">
        {announce}
      </p>
    </>
  );
}
