import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api/http";
import type { ImportResult, Job } from "../api/types";
import { describeImport } from "../lib/importResult";
import { useAction } from "../lib/useLoad";
import { query } from "../router";
import { Alert } from "./Alert";
import { Progress } from "./Progress";

const POLL_MS = 500;

/** Link a Spotify account (Spotify's consent page, then back here) and import from it. */
export function SpotifyCard() {
  const [error, run] = useAction();
  const [job, setJob] = useState<Job | null>(null);
  const [notice, setNotice] = useState<string | null>(query("spotify") === "linked" ? "Spotify is linked. You can import now." : null);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  async function follow(id: number) {
    for (;;) {
      const now = await api<Job>(`/api/v1/jobs/${id}`);
      if (!alive.current) return;
      setJob(now);
      if (now.status === "succeeded" || now.status === "failed") return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  const link = () =>
    run(async () => {
      const { authorize_url } = await api<{ authorize_url: string }>("/api/v1/auth/spotify");
      window.location.assign(authorize_url);
    });
  const start = () =>
    run(async () => {
      setNotice(null);
      setJob(null);
      const { job_id } = await api<{ job_id: number }>("/api/v1/spotify/import", { method: "POST", json: {} }).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === "spotify_not_linked") throw new Error("Link your Spotify account first, then import.");
        throw e;
      });
      await follow(job_id);
    });
  const unlink = () =>
    run(async () => {
      await api("/api/v1/me/spotify", { method: "DELETE" });
      setJob(null);
      setNotice("Spotify is unlinked. What you imported stays.");
    });

  const busy = job !== null && (job.status === "queued" || job.status === "running");
  const { done, total } = job?.progress ?? { done: 0, total: 0 };
  return (
    <div class="card mb-4">
      <h2 class="mb-2 text-lg font-semibold">Spotify</h2>
      <p class="mb-3 text-sm text-zinc-500">Link your Spotify account, then import its playlists and saved tracks.</p>
      <Alert message={error} />
      <Alert message={job?.status === "failed" ? `The import failed: ${job.error ?? "unknown error"}` : null} />
      {notice && (
        <p role="status" class="my-3 text-sm text-green-800 dark:text-green-200">
          {notice}
        </p>
      )}
      {busy && (
        <div class="my-3 flex items-center gap-2 text-sm tabular-nums">
          <Progress label="Importing from Spotify" value={done} max={total} text={total ? `${done} of ${total}` : "Starting"} />
          <span>{total ? `${done} / ${total}` : "Starting…"}</span>
        </div>
      )}
      {job?.status === "succeeded" && job.result && (
        <div role="status" aria-label="Import result" class="my-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 dark:bg-green-950 dark:text-green-200">
          {describeImport(job.result as unknown as ImportResult).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <div class="flex flex-wrap gap-2">
        <button class="btn" onClick={link}>
          Link Spotify
        </button>
        <button class="btn btn-primary" onClick={start} disabled={busy}>
          Import from Spotify
        </button>
        <button class="btn" onClick={unlink}>
          Unlink Spotify
        </button>
      </div>
    </div>
  );
}
