import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api/http";
import { connectParty, type PartyControl } from "../api/partySocket";
import { me } from "../api/session";
import type { Party, PartyState, Playlist } from "../api/types";
import { Alert, Loading } from "../components/Alert";
import { Progress } from "../components/Progress";
import { ArtistLinks } from "../components/SongTable";
import { duration } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { NotFoundPage } from "./Auth";

/** A listening party: everyone sees the same song at the same place; the host controls it. */
export function PartyPage({ id }: { id: string }) {
  const party = useLoad(() => api<Party>(`/api/v1/parties/${id}`), [id]);
  const playlist = useLoad(async () => (party.data ? api<Playlist>(`/api/v1/playlists/${party.data.playlist_id}`) : null), [party.data?.playlist_id]);
  const [state, setState] = useState<{ at: number; value: PartyState } | null>(null);
  const [ended, setEnded] = useState(false);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => performance.now());
  const socket = useRef<{ send: (c: PartyControl) => void; close: () => void } | null>(null);
  const partyId = party.data?.id;

  useEffect(() => {
    if (partyId === undefined) return;
    const connection = connectParty(partyId, {
      onState: (value) => {
        setState({ at: performance.now(), value });
        setError(null);
      },
      onEnded: () => setEnded(true),
      onError: setError,
      onConnected: setConnected,
    });
    socket.current = connection;
    return () => connection.close();
  }, [partyId]);
  useEffect(() => {
    const tick = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  if (party.error?.status === 404 || party.error?.status === 422) return <NotFoundPage title="Party not found" text="It has ended, or its playlist is not visible to you." />;
  if (!party.data) return <>{party.error ? <Alert message={party.error.message} /> : <Loading label="Joining the party" />}</>;
  const p = party.data;
  const isHost = me.value?.id === p.host.id;
  const send = (control: PartyControl) => socket.current?.send(control);
  async function end() {
    try {
      await api(`/api/v1/parties/${p.id}`, { method: "DELETE" });
      setEnded(true);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  if (ended) return <Ended />;

  const song = state?.value.song ?? null;
  const playing = state?.value.is_playing ?? false;
  const length = song?.duration_ms ?? 0;
  const position = state ? Math.min(length, state.value.position_ms + (playing ? Math.max(0, now - state.at) : 0)) : 0;
  return (
    <article>
      <p class="text-sm uppercase tracking-wide text-zinc-500">Listening party</p>
      <h1 class="text-3xl font-bold">{playlist.data?.name ?? "Listening party"}</h1>
      <dl class="mt-2 grid max-w-md grid-cols-[auto_1fr] gap-x-4 text-sm">
        <dt class="text-zinc-500">Join code</dt>
        <dd class="font-mono font-semibold tracking-widest">{p.join_code}</dd>
        <dt class="text-zinc-500">Host</dt>
        <dd>{p.host.display_name ?? p.host.username}</dd>
        <dt class="text-zinc-500">You</dt>
        <dd>{isHost ? "the host" : `listening along as ${me.value?.username ?? ""}`}</dd>
        <dt class="text-zinc-500">Connection</dt>
        <dd>
          <span role="status">{connected ? "Connected" : "Connecting…"}</span>
        </dd>
      </dl>
      <Alert message={error} />
      <section aria-label="Now playing" class="card mt-4 max-w-xl">
        <p class="text-xs uppercase tracking-wide text-zinc-500">{song ? (playing ? "Now playing" : "Paused") : "Nothing playing yet"}</p>
        {song ? (
          <>
            <p class="text-xl font-semibold">
              <a class="link" href={`/songs/${song.id}`}>
                {song.title}
              </a>
            </p>
            <p class="text-sm text-zinc-500">
              <ArtistLinks artists={song.artists} />
            </p>
            <div class="mt-2 flex items-center gap-2 text-sm tabular-nums">
              <span>{duration(position)}</span>
              <Progress label="Position in the song" value={Math.round(position / 1000)} max={Math.round(length / 1000)} text={`${duration(position)} of ${duration(length)}`} />
              <span>{duration(length)}</span>
            </div>
          </>
        ) : (
          <p class="text-sm text-zinc-500">{isHost ? "Press Play to start the playlist." : "Waiting for the host to start."}</p>
        )}
        {isHost ? (
          <div class="mt-3 flex gap-2">
            <button class="btn btn-primary" onClick={() => send({ type: playing ? "pause" : "play" })} disabled={!connected}>
              {playing ? "Pause" : "Play"}
            </button>
            <button class="btn" onClick={() => send({ type: "next" })} disabled={!connected}>
              Next
            </button>
            <button class="btn ml-auto" onClick={end}>
              End party
            </button>
          </div>
        ) : (
          <p class="mt-3 text-xs text-zinc-500">The host controls playback.</p>
        )}
      </section>
    </article>
  );
}

function Ended() {
  return (
    <article>
      <h1 class="text-3xl font-bold">This party has ended</h1>
      <p class="mt-2 text-zinc-500">The host ended it. Start a new one from any playlist.</p>
    </article>
  );
}
