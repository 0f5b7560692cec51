import { useState } from "preact/hooks";
import { api } from "../api/http";
import { me } from "../api/session";
import type { Artist, Genre, Page, Song } from "../api/types";
import { toCredits, toRows, type CreditRow } from "../lib/credits";
import { roleName, ROLES } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { Alert } from "./Alert";

/** For admins: a song's genres and its production credits (several people, several roles). */
export function SongMetaEdit({ song, onSaved }: { song: Song; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  if (!me.value?.is_admin) return null;
  if (!open) {
    return (
      <button class="btn mt-3 ml-2" onClick={() => setOpen(true)}>
        Change genres and credits
      </button>
    );
  }
  return <MetaForm song={song} close={() => setOpen(false)} onSaved={onSaved} />;
}

function MetaForm({ song, close, onSaved }: { song: Song; close: () => void; onSaved: () => void }) {
  const genres = useLoad(() => api<Page<Genre>>("/api/v1/genres?limit=100&sort=name"), []);
  const artists = useLoad(() => api<Page<Artist>>("/api/v1/artists?limit=100&sort=name"), []);
  const [chosen, setChosen] = useState(() => new Set(song.genres.map((g) => g.id)));
  const [rows, setRows] = useState<CreditRow[]>(() => toRows(song.credits));
  const [error, setError] = useState<string | null>(null);
  const setRow = (i: number, change: Partial<CreditRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  function toggle(id: number) {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  }
  async function save(e: Event) {
    e.preventDefault();
    try {
      await api(`/api/v1/songs/${song.id}`, { method: "PATCH", json: { genre_ids: [...chosen], credits: toCredits(rows) } });
      close();
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form onSubmit={save} class="card mt-3 max-w-2xl">
      <fieldset class="mb-4">
        <legend class="mb-1 text-sm font-semibold">Genres</legend>
        <div class="flex flex-wrap gap-x-4 gap-y-1">
          {(genres.data?.items ?? []).map((g) => (
            <label key={g.id} class="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" checked={chosen.has(g.id)} onChange={() => toggle(g.id)} />
              {g.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset class="mb-3">
        <legend class="mb-1 text-sm font-semibold">Credits</legend>
        <ol aria-label="Credits to save" class="space-y-2">
          {rows.map((row, i) => (
            <li key={i} class="flex flex-wrap items-center gap-2">
              <select aria-label={`Credited artist ${i + 1}`} class="input w-auto" value={row.artistId} onChange={(e) => setRow(i, { artistId: e.currentTarget.value })}>
                <option value="">Choose…</option>
                {(artists.data?.items ?? []).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <select aria-label={`Role ${i + 1}`} class="input w-auto" value={row.role} onChange={(e) => setRow(i, { role: e.currentTarget.value })}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleName(r)}
                  </option>
                ))}
              </select>
              <input aria-label={`Detail ${i + 1}`} placeholder="Detail (e.g. guitar)" class="input w-44" value={row.detail} onInput={(e) => setRow(i, { detail: e.currentTarget.value })} />
              <button type="button" class="btn btn-small" aria-label={`Remove credit ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
        <button type="button" class="btn btn-small mt-2" onClick={() => setRows([...rows, { artistId: "", role: "producer", detail: "" }])}>
          Add credit
        </button>
      </fieldset>
      <Alert message={error ?? genres.error?.message ?? artists.error?.message} />
      <div class="flex gap-2">
        <button class="btn btn-primary">Save genres and credits</button>
        <button type="button" class="btn" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
