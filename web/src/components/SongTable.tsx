import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { me } from "../api/session";
import type { SongRef } from "../api/types";
import { duration } from "../lib/format";
import { loadLikes } from "./library";
import { SongActions } from "./SongActions";

export function ArtistLinks({ artists }: { artists: { id: number; name: string }[] }) {
  return (
    <>
      {artists.map((a, i) => (
        <span key={a.id}>
          {i > 0 && ", "}
          <a class="link" href={`/artists/${a.id}`}>
            {a.name}
          </a>
        </span>
      ))}
    </>
  );
}

interface Props {
  songs: SongRef[];
  label: string;
  onError: (message: string | null) => void;
  lead?: (song: SongRef, index: number) => ComponentChildren;
}

/** A list of songs: title link, artists, duration, and the signed-in actions. */
export function SongTable({ songs, label, onError, lead }: Props) {
  const signedIn = me.value !== null;
  useEffect(() => {
    if (signedIn && songs.length) loadLikes(songs.map((s) => s.id)).catch((e: Error) => onError(e.message));
  }, [songs, signedIn]);
  if (!songs.length) return <p class="text-sm text-zinc-500">No songs.</p>;
  return (
    <ul aria-label={label} class="divide-y divide-zinc-200 dark:divide-zinc-800">
      {songs.map((song, i) => (
        <li key={`${song.id}-${i}`} class="flex items-center gap-3 py-2">
          {lead && <span class="w-8 text-right text-sm tabular-nums text-zinc-500">{lead(song, i)}</span>}
          <div class="min-w-0 flex-1">
            <a class="link font-medium" href={`/songs/${song.id}`}>
              {song.title}
            </a>
            <div class="truncate text-sm text-zinc-500">
              <ArtistLinks artists={song.artists} />
            </div>
          </div>
          <span class="text-sm tabular-nums text-zinc-500">{duration(song.duration_ms)}</span>
          <SongActions songId={song.id} title={song.title} onError={onError} />
        </li>
      ))}
    </ul>
  );
}
