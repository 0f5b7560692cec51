import { useState } from "preact/hooks";
import { api } from "../api/http";
import type { Album, Artist, Page } from "../api/types";
import { Alert } from "../components/Alert";
import { ROLES } from "../lib/format";
import { parseDuration } from "../lib/input";
import { useAction, useLoad } from "../lib/useLoad";
import { navigate } from "../router";


export function AdminPage() {
  const artists = useLoad(() => api<Page<Artist>>("/api/v1/artists?limit=100&sort=name"), []);
  const albums = useLoad(() => api<Page<Album>>("/api/v1/albums?limit=100&sort=title"), []);
  const [error, run] = useAction();
  const [artist, setArtist] = useState({ name: "", bio: "" });
  const [album, setAlbum] = useState({ title: "", album_type: "album", release_date: "", artist: "" });
  const [song, setSong] = useState({ title: "", duration: "", album: "", artist: "", creditArtist: "", role: "producer", detail: "" });
  const artistOptions = (artists.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>);

  async function createArtist(e: Event) {
    e.preventDefault();
    await run(async () => {
      const made = await api<Artist>("/api/v1/artists", { method: "POST", json: { name: artist.name, bio: artist.bio || null } });
      await artists.reload();
      navigate(`/artists/${made.id}`);
    });
  }
  async function createAlbum(e: Event) {
    e.preventDefault();
    await run(async () => {
      const body = { title: album.title, album_type: album.album_type, release_date: album.release_date || null, artist_ids: album.artist ? [Number(album.artist)] : [] };
      const made = await api<Album>("/api/v1/albums", { method: "POST", json: body });
      navigate(`/albums/${made.id}`);
    });
  }
  async function createSong(e: Event) {
    e.preventDefault();
    await run(async () => {
      const duration_ms = parseDuration(song.duration);
      if (!duration_ms) throw new Error("Duration must be minutes:seconds, like 3:25");
      const credits = song.creditArtist ? [{ artist_id: Number(song.creditArtist), role: song.role, detail: song.detail || null }] : [];
      const body = {
        title: song.title,
        duration_ms,
        album_id: song.album ? Number(song.album) : null,
        artist_ids: song.artist ? [Number(song.artist)] : [],
        credits,
      };
      const made = await api<{ id: number }>("/api/v1/songs", { method: "POST", json: body });
      navigate(`/songs/${made.id}`);
    });
  }
  return (
    <section>
      <h1 class="mb-4 text-2xl font-bold">Catalog</h1>
      <Alert message={error} />
      <div class="grid gap-4 md:grid-cols-3">
        <form class="card" onSubmit={createArtist}>
          <h2 class="mb-3 text-lg font-semibold">New artist</h2>
          <label class="label" for="ar-name">Artist name</label>
          <input id="ar-name" class="input mb-3" value={artist.name} onInput={(e) => setArtist({ ...artist, name: e.currentTarget.value })} />
          <label class="label" for="ar-bio">Bio</label>
          <textarea id="ar-bio" class="input mb-3" value={artist.bio} onInput={(e) => setArtist({ ...artist, bio: e.currentTarget.value })} />
          <button class="btn btn-primary">Add artist</button>
        </form>
        <form class="card" onSubmit={createAlbum}>
          <h2 class="mb-3 text-lg font-semibold">New album</h2>
          <label class="label" for="al-title">Album title</label>
          <input id="al-title" class="input mb-3" value={album.title} onInput={(e) => setAlbum({ ...album, title: e.currentTarget.value })} />
          <label class="label" for="al-type">Type</label>
          <select id="al-type" class="input mb-3" value={album.album_type} onChange={(e) => setAlbum({ ...album, album_type: e.currentTarget.value })}>
            {["album", "single", "ep", "compilation"].map((t) => <option key={t}>{t}</option>)}
          </select>
          <label class="label" for="al-date">Release date</label>
          <input id="al-date" type="date" class="input mb-3" value={album.release_date} onInput={(e) => setAlbum({ ...album, release_date: e.currentTarget.value })} />
          <label class="label" for="al-artist">Album artist</label>
          <select id="al-artist" class="input mb-3" value={album.artist} onChange={(e) => setAlbum({ ...album, artist: e.currentTarget.value })}>
            <option value="">Choose…</option>
            {artistOptions}
          </select>
          <button class="btn btn-primary">Add album</button>
        </form>
        <form class="card" onSubmit={createSong}>
          <h2 class="mb-3 text-lg font-semibold">New song</h2>
          <label class="label" for="so-title">Song title</label>
          <input id="so-title" class="input mb-3" value={song.title} onInput={(e) => setSong({ ...song, title: e.currentTarget.value })} />
          <label class="label" for="so-duration">Duration (m:ss)</label>
          <input id="so-duration" class="input mb-3" value={song.duration} onInput={(e) => setSong({ ...song, duration: e.currentTarget.value })} />
          <label class="label" for="so-artist">Performing artist</label>
          <select id="so-artist" class="input mb-3" value={song.artist} onChange={(e) => setSong({ ...song, artist: e.currentTarget.value })}>
            <option value="">Choose…</option>
            {artistOptions}
          </select>
          <label class="label" for="so-album">On album</label>
          <select id="so-album" class="input mb-3" value={song.album} onChange={(e) => setSong({ ...song, album: e.currentTarget.value })}>
            <option value="">None</option>
            {(albums.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
          </select>
          <fieldset class="mb-3 rounded border border-zinc-200 p-2 dark:border-zinc-700">
            <legend class="px-1 text-sm font-medium">Credit</legend>
            <label class="label" for="so-credit-artist">Credited artist</label>
            <select id="so-credit-artist" class="input mb-2" value={song.creditArtist} onChange={(e) => setSong({ ...song, creditArtist: e.currentTarget.value })}>
              <option value="">None</option>
              {artistOptions}
            </select>
            <label class="label" for="so-role">Role</label>
            <select id="so-role" class="input mb-2" value={song.role} onChange={(e) => setSong({ ...song, role: e.currentTarget.value })}>
              {ROLES.map((r) => <option key={r} value={r}>{r.replace(/_/g, " ")}</option>)}
            </select>
            <label class="label" for="so-detail">Detail</label>
            <input id="so-detail" class="input" value={song.detail} onInput={(e) => setSong({ ...song, detail: e.currentTarget.value })} />
          </fieldset>
          <button class="btn btn-primary">Add song</button>
        </form>
      </div>
    </section>
  );
}
