/**
 * Starts a real FastFM on a free port with a fresh SQLite database, or with
 * FASTFM_E2E_PROFILE=postgresql a fresh PostgreSQL database and a Redis key prefix of its
 * own (servers at FASTFM_TEST_POSTGRES_HOST / FASTFM_TEST_REDIS_URL, defaults local), plus
 * the demo catalog and an admin, serving the built app. The returned function tears down.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const FASTFM = join(ROOT, ".venv", "bin", "fastfm");
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
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`FastFM did not answer ${url} within ${ms} ms`);
}

const PG_HOST = process.env.FASTFM_TEST_POSTGRES_HOST ?? "127.0.0.1";
const REDIS_URL = process.env.FASTFM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "fastfm-e2e-"));
  const postgres = process.env.FASTFM_E2E_PROFILE === "postgresql";
  const name = `fastfm_e2e_${Date.now().toString(36)}_${process.pid}`;
  if (postgres) execFileSync("createdb", ["-h", PG_HOST, "-U", "postgres", name], { stdio: "inherit" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
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
  if (postgres) {
    env.FASTFM_REDIS_URL = REDIS_URL;
    env.FASTFM_REDIS_KEY_PREFIX = name;
  }
  console.log(`browser tests on ${postgres ? "PostgreSQL + Redis" : "SQLite"}`);
  execFileSync(FASTFM, ["db", "upgrade"], { env, stdio: "inherit" });
  execFileSync(FASTFM, ["seed", "--demo"], { env, stdio: "ignore" });
  execFileSync(FASTFM, ["users", "create", "--username", ADMIN.username, "--email", "admin@example.com", "--admin", "--password-stdin"], {
    env,
    input: ADMIN.password,
    stdio: ["pipe", "ignore", "inherit"],
  });
  const port = await freePort();
  const server = spawn(FASTFM, ["serve", "--host", "127.0.0.1", "--port", String(port), "--no-upgrade"], { env, stdio: "inherit" });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, 30_000);
  process.env.FASTFM_E2E_URL = url;
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
    if (postgres) {
      execFileSync("dropdb", ["-h", PG_HOST, "-U", "postgres", "--if-exists", name], { stdio: "inherit" });
      // Only this run's keys: they all start with its own prefix.
      const keys = execFileSync("redis-cli", ["-u", REDIS_URL, "--scan", "--pattern", `${name}*`]).toString().split("\n").filter(Boolean);
      if (keys.length) execFileSync("redis-cli", ["-u", REDIS_URL, "del", ...keys], { stdio: "ignore" });
    }
  };
}
