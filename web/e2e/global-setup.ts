/**
 * Starts a real FastFM on a free port with a fresh SQLite database, or with
 * FASTFM_E2E_PROFILE=postgresql a fresh PostgreSQL database and a Redis key prefix of its
 * own (servers at FASTFM_TEST_POSTGRES_HOST / FASTFM_TEST_REDIS_URL, defaults local), plus
 * the demo catalog and an admin, serving the built app. Spotify is configured against the
 * suite's fake Spotify (tests/integrations/spotify), started here too, so linking and
 * importing run end to end. The returned function tears everything down.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const FASTFM = join(ROOT, ".venv", "bin", "fastfm");
const PYTHON = join(ROOT, ".venv", "bin", "python");
export const ADMIN = { username: "admin", password: "admin password 123" };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url} within ${ms} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

const PG_HOST = process.env.FASTFM_TEST_POSTGRES_HOST ?? "127.0.0.1";
const REDIS_URL = process.env.FASTFM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";
const SPOTIFY = {
  FASTFM_SPOTIFY_CLIENT_ID: "fake-client-id",
  FASTFM_SPOTIFY_CLIENT_SECRET: "fake-client-secret",
  FASTFM_SPOTIFY_TOKEN_KEYS: Buffer.alloc(32, "k").toString("base64url"),
};

export interface Server {
  url: string;
  stop: () => Promise<void>;
}

/** A FastFM of its own (database, data folder, port), with the demo catalog and the admin.
 *  `spotifyUrl`: configured against the fake Spotify there; omitted: Spotify unconfigured. */
export async function startServer(spotifyUrl?: string): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), "fastfm-e2e-"));
  const postgres = process.env.FASTFM_E2E_PROFILE === "postgresql";
  const name = `fastfm_e2e_${Date.now().toString(36)}_${process.pid}`;
  if (postgres) execFileSync("createdb", ["-h", PG_HOST, "-U", "postgres", name], { stdio: "inherit" });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("FASTFM_SPOTIFY_"))),
    FASTFM_DATA_DIR: dir,
    FASTFM_DATABASE_URL: postgres
      ? `postgresql+asyncpg://postgres@${PG_HOST}:5432/${name}`
      : `sqlite+aiosqlite:///${join(dir, "e2e.db")}`,
    FASTFM_SECRET_KEY: "e2e-secret-key-that-is-long-enough-for-hs256-0123456789",
    FASTFM_WEB_DIR: join(ROOT, "web", "dist"),
    FASTFM_ACCESS_TOKEN_MINUTES: "1",
    FASTFM_PASSWORD_HASH_TIME_COST: "1",
    FASTFM_PASSWORD_HASH_MEMORY_KIB: "8192",
    FASTFM_PASSWORD_HASH_PARALLELISM: "1",
    FASTFM_LOGIN_ADDRESS_LIMIT: "10000/5minutes",
    FASTFM_LOG_LEVEL: "WARNING",
  };
  if (spotifyUrl) {
    Object.assign(env, SPOTIFY, {
      FASTFM_SPOTIFY_ACCOUNTS_URL: spotifyUrl,
      FASTFM_SPOTIFY_API_URL: `${spotifyUrl}/v1`,
      FASTFM_SPOTIFY_REDIRECT_URI: `${url}/api/v1/auth/spotify/callback`,
      FASTFM_FRONTEND_URL: url,
    });
  }
  if (postgres) {
    env.FASTFM_REDIS_URL = REDIS_URL;
    env.FASTFM_REDIS_KEY_PREFIX = name;
  }
  execFileSync(FASTFM, ["db", "upgrade"], { env, stdio: "inherit" });
  execFileSync(FASTFM, ["seed", "--demo"], { env, stdio: "ignore" });
  execFileSync(FASTFM, ["users", "create", "--username", ADMIN.username, "--email", "admin@example.com", "--admin", "--password-stdin"], {
    env,
    input: ADMIN.password,
    stdio: ["pipe", "ignore", "inherit"],
  });
  const server = spawn(FASTFM, ["serve", "--host", "127.0.0.1", "--port", String(port), "--no-upgrade"], { env, stdio: "inherit" });
  await waitFor(`${url}/healthz`, 30_000);
  return {
    url,
    stop: async () => {
      await stop(server);
      rmSync(dir, { recursive: true, force: true });
      if (postgres) {
        execFileSync("dropdb", ["-h", PG_HOST, "-U", "postgres", "--if-exists", name], { stdio: "inherit" });
        // Only this run's keys: they all start with its own prefix.
        const keys = execFileSync("redis-cli", ["-u", REDIS_URL, "--scan", "--pattern", `${name}*`]).toString().split("\n").filter(Boolean);
        if (keys.length) execFileSync("redis-cli", ["-u", REDIS_URL, "del", ...keys], { stdio: "ignore" });
      }
    },
  };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  console.log(`browser tests on ${process.env.FASTFM_E2E_PROFILE === "postgresql" ? "PostgreSQL + Redis" : "SQLite"}`);
  const spotifyPort = await freePort();
  const spotifyUrl = `http://127.0.0.1:${spotifyPort}`;
  const spotify = spawn(PYTHON, ["-m", "tests.integrations.spotify.serve", "--port", String(spotifyPort)], { cwd: ROOT, stdio: "inherit" });
  await waitFor(`${spotifyUrl}/v1/me`, 30_000);
  const server = await startServer(spotifyUrl);
  process.env.FASTFM_E2E_URL = server.url;
  return async () => {
    await server.stop();
    await stop(spotify);
  };
}
