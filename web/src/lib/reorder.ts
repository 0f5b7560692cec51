/** Spotify-style reorder bodies and their local effect. */
export interface Move { range_start: number; insert_before: number }

/** The PATCH body that moves the entry at `from` so it ends up at index `to`. */
export function moveBody(from: number, to: number): Move {
  return { range_start: from, insert_before: to > from ? to + 1 : to };
}

/** The list after the same move, to check the server's answer against. */
export function moved<T>(items: T[], from: number, to: number): T[] {
  const copy = items.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}
