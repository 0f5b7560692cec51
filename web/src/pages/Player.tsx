import { useEffect, useState } from "preact/hooks";
import { api } from "../api/http";
import type { ShuffleNext, ShuffleState } from "../api/types";
import { Alert } from "../components/Alert";
import { ArtistLinks } from "../components/SongTable";
import { duration } from "../lib/format";

/** The smart shuffle over `base` (a playlist's or the liked songs' shuffle URL). */
export function Player({ base, empty }: { base: string; empty: boolean }) {
  const [current, setCurrent] = useState<ShuffleNext | null>(null);
  const [state, setState] = useState<ShuffleState | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function next() {
    // What was heard of the last song counts as a listen (there is no audio: the clock's time).
    if (current && elapsed > 0) {
      const heard = Math.min(elapsed, current.song.duration_ms);
      void api("/api/v1/me/plays", { method: "POST", json: { song_id: current.song.id, ms_played: heard } }).catch(() => undefined);
    }
    try {
      const answer = await api<ShuffleNext | undefined>(`${base}/next`);
      if (!answer) {
        setDone(true);
        setCurrent(null);
        return;
      }
      setCurrent(answer);
      setElapsed(0);
      setState(await api<ShuffleState>(base));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  async function start() {
    try {
      await api(base, { method: "POST", json: {} });
      await next();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const length = current?.song.duration_ms ?? 0;
  useEffect(() => {
    if (!current) return;
    const timer = setInterval(() => setElapsed((ms) => ms + 1000), 1000);
    return () => clearInterval(timer);
  }, [current]);
  useEffect(() => {
    if (current && elapsed >= length) void next();
  }, [elapsed]);

  return (
    <div class="my-4">
      <button class="btn btn-primary" disabled={empty} onClick={start}>
        <span aria-hidden="true">⤮</span> Shuffle
      </button>
      <Alert message={error} />
      {done && <p class="mt-2 text-sm text-zinc-500">Nothing to play.</p>}
      {current && (
        <section aria-label="Now playing" class="card mt-3">
          <p class="text-xs uppercase tracking-wide text-zinc-500">Now playing · cycle {current.cycle}</p>
          <p class="text-xl font-semibold">
            <a class="link" href={`/songs/${current.song.id}`}>
              {current.song.title}
            </a>
          </p>
          <p class="text-sm text-zinc-500">
            <ArtistLinks artists={current.song.artists} />
          </p>
          <div class="mt-2 flex items-center gap-2 text-sm tabular-nums">
            <span>{duration(Math.min(elapsed, length))}</span>
            <div
              role="progressbar"
              aria-label="Position in the song"
              aria-valuemin={0}
              aria-valuemax={Math.round(length / 1000)}
              aria-valuenow={Math.round(Math.min(elapsed, length) / 1000)}
              aria-valuetext={`${duration(Math.min(elapsed, length))} of ${duration(length)}`}
              class="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
            >
              <div class="h-full rounded-full bg-violet-600 transition-[width] duration-1000 ease-linear" style={{ width: `${(100 * Math.min(elapsed, length)) / Math.max(length, 1)}%` }} />
            </div>
            <span>{duration(length)}</span>
            <button class="btn" onClick={next}>
              Next
            </button>
          </div>
          <p class="mt-1 text-xs text-zinc-500">{current.remaining_in_cycle} more before this cycle ends</p>
          {state && state.upcoming.length > 0 && (
            <>
              <h3 class="mt-3 text-sm font-semibold">Up next</h3>
              <ol aria-label="Up next" class="text-sm">
                {state.upcoming.slice(0, 10).map((s, i) => (
                  <li key={`${s.id}-${i}`} class="py-0.5">
                    {i + 1}. <a class="link" href={`/songs/${s.id}`}>{s.title}</a> <span class="text-zinc-500">· {s.artists.map((a) => a.name).join(", ")}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      )}
    </div>
  );
}
