import type { ImportResult } from "../api/types";

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A finished Spotify import's report in a sentence or three. */
export function describeImport(result: ImportResult): string[] {
  const lines = [`Imported ${count(result.playlists.imported, "playlist")} and ${count(result.tracks.distinct, "track")}.`];
  const skipped = result.tracks.skipped_total;
  lines.push(skipped ? `${count(skipped, "track")} could not be matched (local files or unavailable).` : "Every track was matched.");
  if (result.likes.saved_tracks) lines.push(`${count(result.likes.added, "saved track")} added to your liked songs.`);
  const missing = result.playlists.not_found.length;
  if (missing) lines.push(`${count(missing, "playlist")} no longer ${missing === 1 ? "exists" : "exist"} on Spotify.`);
  return lines;
}
