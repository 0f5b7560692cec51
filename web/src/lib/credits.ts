import type { Credit } from "../api/types";

/** One editable credit: strings, as form controls hold them. */
export interface CreditRow { artistId: string; role: string; detail: string }

export function toRows(credits: Credit[]): CreditRow[] {
  return credits.map((c) => ({ artistId: String(c.artist.id), role: c.role, detail: c.detail ?? "" }));
}

/** The `credits` of a song PATCH; a row without an artist is a mistake the person must fix. */
export function toCredits(rows: CreditRow[]): { artist_id: number; role: string; detail: string | null }[] {
  return rows.map((row, i) => {
    if (!row.artistId) throw new Error(`Choose an artist for credit ${i + 1}.`);
    return { artist_id: Number(row.artistId), role: row.role, detail: row.detail.trim() || null };
  });
}
