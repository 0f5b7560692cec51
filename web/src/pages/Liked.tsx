import { useState } from "preact/hooks";
import { api } from "../api/http";
import type { Page, Song } from "../api/types";
import { Alert, Loading } from "../components/Alert";
import { liked } from "../components/library";
import { Pager } from "../components/Pager";
import { SongTable } from "../components/SongTable";
import { plural } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { Player } from "./Player";

export function LikedPage() {
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const page = useLoad(() => api<Page<{ song: Song; liked_at: string }>>(`/api/v1/me/liked?limit=50&offset=${offset}`), [offset]);
  // Unliking a song here takes it off the list at once.
  const songs = (page.data?.items ?? []).map((i) => i.song).filter((s) => liked.value[s.id] !== false);
  return (
    <section>
      <h1 class="text-2xl font-bold">Liked songs</h1>
      {page.data && <p class="text-sm text-zinc-500">{plural(page.data.total, "song")}</p>}
      <Alert message={error ?? page.error?.message} />
      {page.data && <Player base="/api/v1/me/liked/shuffle" empty={page.data.total === 0} />}
      {page.loading && <Loading label="Loading your liked songs" />}
      {page.data && <SongTable songs={songs} label="Liked songs" onError={setError} />}
      {page.data && <Pager offset={offset} limit={50} total={page.data.total} onPage={setOffset} />}
    </section>
  );
}
