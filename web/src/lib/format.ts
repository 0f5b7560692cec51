/** 3:07, or 1:02:03 past an hour. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "1 hr 5 min", "42 min", "30 sec": a playlist's or album's length in words. */
export function longDuration(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  if (minutes === 0) return `${Math.round(ms / 1000)} sec`;
  const h = Math.floor(minutes / 60);
  return h ? `${h} hr ${minutes % 60} min` : `${minutes} min`;
}

export function artists(list: { name: string }[]): string {
  return list.map((a) => a.name).join(", ");
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

const ROLE_NAMES: Record<string, string> = {
  composer: "Composer",
  lyricist: "Lyricist",
  producer: "Producer",
  co_producer: "Co-producer",
  engineer: "Engineer",
  mixing_engineer: "Mixing engineer",
  mastering_engineer: "Mastering engineer",
  arranger: "Arranger",
  featured_artist: "Featured artist",
  performer: "Performer",
};

/** The API's credit roles, in the order people expect them. */
export const ROLES = Object.keys(ROLE_NAMES);

export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

/** Credits grouped by role, in the order roles first appear. */
export function byRole<T extends { role: string }>(credits: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const credit of credits) {
    const list = groups.get(credit.role) ?? [];
    list.push(credit);
    groups.set(credit.role, list);
  }
  return [...groups.entries()];
}
