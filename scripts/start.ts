// `npm start`: the one command a newcomer runs. Builds when no (current) build exists (never
// with NODE_ENV=production: there it serves the build `npm run build` prepared, or refuses),
// creates and migrates the database (embedded PGlite unless DATABASE_URL is set) and seeds the
// demo catalog on first run, in a child process, then serves the app and the Socket.IO sidecar
// side by side. This supervisor only starts, watches and stops processes: it never loads the
// Prisma client, the database or Next.js, so it stays small. Ctrl-C (or SIGTERM) stops both.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childProcessEnv, env, pgliteDir } from "@/server/env";
import { MIGRATION_STAMP, migrationsFingerprint, postgresIsPrepared } from "@/server/db/migrate";
import { APP_SERVER_BUNDLE, buildAll, buildIsCurrent, missingBuildTools, SIDECAR_BUNDLE } from "./build";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
// `npm start -- --no-sidecar`: the app alone, its sidecars run elsewhere (their own containers in
// deploy/docker-compose.yml: REDIS_URL carries the events, SIDECAR_INTERNAL_URL names one).
const withSidecar = !process.argv.includes("--no-sidecar");
const t0 = Date.now();
const log = (msg: string) => console.log(`[livemarket] ${msg}`);

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: childProcessEnv(extraEnv) });
  if (r.status !== 0) {
    console.error(`[livemarket] ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    for (const c of children) c.proc.kill("SIGTERM");
    process.exit(1);
  }
}

// 1. The Prisma client was generated (when missing or stale) by scripts/prisma-client.mjs,
//    which package.json loads before this file.

// 2. A signing secret for sessions, created once and kept in the data folder.
const dataDir = path.resolve(root, env.DATA_DIR);
mkdirSync(dataDir, { recursive: true });
let secret = env.NEXTAUTH_SECRET;
if (!secret) {
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  secret = readFileSync(file, "utf8").trim();
}

// The sidecar needs no database: start it now, so it is ready by the time the app is.
const appUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
const childEnv = childProcessEnv({
  DATA_DIR: dataDir,
  NEXTAUTH_SECRET: secret,
  NEXTAUTH_URL: appUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(env.PORT),
  SIDECAR_PORT: String(env.SIDECAR_PORT),
  // The sidecar this command runs beside the app: where the app checks it (/api/health) and,
  // without Redis, hands it events.
  SIDECAR_INTERNAL_URL: env.SIDECAR_INTERNAL_URL ?? `http://127.0.0.1:${env.SIDECAR_PORT}`,
});
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

/**
 * Either child that exits unexpectedly is started again, after a pause that doubles from 0.5 s
 * to at most 30 s (and is back to 0.5 s once the child has run for a minute): a crash never stops
 * the shop, and a crash loop does not spin. The sidecar holds no state (browsers reconnect and
 * refetch, the outbox keeps events meanwhile); the app's requests in flight fail, its database
 * transactions roll back, and its outbox rows are relayed after the restart. Only Ctrl-C or
 * SIGTERM stop the shop (or a first start that never becomes ready).
 */
const FIRST_PAUSE_MS = 500;
const MAX_PAUSE_MS = 30_000;
function startChild(name: string, args: string[], extraEnv: Record<string, string> = {}): void {
  let pause = FIRST_PAUSE_MS;
  const launch = () => {
    const startedAt = Date.now();
    const proc = spawn(process.execPath, args, { cwd: root, env: { ...childEnv, ...extraEnv }, stdio: "inherit" });
    const entry = { name, proc };
    children.push(entry);
    proc.on("exit", (code, signal) => {
      if (stopping) return;
      children.splice(children.indexOf(entry), 1);
      if (Date.now() - startedAt > 60_000) pause = FIRST_PAUSE_MS;
      console.error(`[livemarket] ${name} exited unexpectedly (${signal ?? `code ${code}`}); starting it again in ${pause / 1000} s`);
      setTimeout(() => stopping || launch(), pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    });
  };
  launch();
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      ({ proc }) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
          proc.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          proc.kill("SIGTERM");
        }),
    ),
  );
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
process.on("unhandledRejection", (err) => {
  console.error(`[livemarket] ${err instanceof Error ? err.message : String(err)}`);
  void stop(1);
});

// 3. Build when there is no build of the current sources: the sidecar bundle first (under a
//    second), so the sidecar starts while Next.js builds. With NODE_ENV=production nothing is
//    built here: a production start serves what `npm run build` prepared (an install without
//    dev dependencies could not build, and a start should not spend minutes building).
const startSidecar = () => withSidecar && startChild("sidecar", [SIDECAR_BUNDLE]);
if (dev) {
  if (withSidecar) startChild("sidecar", ["--conditions=react-server", "--import", "tsx", path.join(root, "server/realtime/sidecar-main.ts")]);
} else if (buildIsCurrent()) {
  startSidecar();
} else {
  const why = env.NODE_ENV === "production" ? "NODE_ENV=production never builds at start" : missingBuildTools().length ? `${missingBuildTools().join(", ")} not installed` : null;
  if (why) {
    console.error(`[livemarket] there is no build of these sources (${why}): run \`npm run build\` with the dev dependencies installed (a full \`npm ci\`), then \`npm start\`. The README's "Running in production" has the steps.`);
    process.exit(1);
  }
  log("building the app for production (first run or sources changed; a minute or two)");
  try {
    await buildAll(startSidecar);
  } catch (err) {
    console.error(`[livemarket] ${(err as Error).message}`);
    await stop(1);
  }
}

// 4. Database: migrate, and seed the demo catalog when it is empty, in a child process
//    (scripts/db.ts prepare). The embedded database keeps a stamp of the migrations it has; a
//    server's `_prisma_migrations` table is read; when either matches (and the server's database
//    has been seeded) there is nothing to do, and the child is not started at all.
{
  const stampFile = env.DATABASE_URL ? null : path.join(pgliteDir(dataDir), MIGRATION_STAMP);
  // A PostgreSQL server is asked directly (one query through pg): migrated and seeded, no child.
  const upToDate = env.DATABASE_URL ? await postgresIsPrepared(env.DATABASE_URL) : stampFile !== null && existsSync(stampFile) && readFileSync(stampFile, "utf8") === migrationsFingerprint();
  if (!upToDate) run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/db.ts"), "prepare"], { DATA_DIR: dataDir });
}

// 5. Serve the app (the sidecar is already up), through scripts/app-server.ts: Next.js behind
//    a server that tells the app each request's socket address (see that file).
//    WEB_CONCURRENCY > 1: that many app processes behind the port (node:cluster), in the
//    production shape only (decisions.md 113).
let workers = env.WEB_CONCURRENCY;
if (workers > 1 && (dev || !env.DATABASE_URL || !env.REDIS_URL)) {
  const why = dev ? "npm run dev is one process" : !env.DATABASE_URL ? "the embedded database belongs to one process: set DATABASE_URL" : "the processes share limits and cache invalidations through Redis: set REDIS_URL";
  log(`WEB_CONCURRENCY=${workers} ignored, one app process (${why})`);
  workers = 1;
}
//    Served from its bundle (dist/app-server.mjs, made with the build); `npm run dev` runs the source.
const appServer = dev ? ["--import", "tsx", path.join(root, "scripts/app-server.ts"), "--dev"] : [APP_SERVER_BUNDLE];
startChild("app", [...appServer, "--port", String(env.PORT), "--workers", String(workers)], {
  NODE_ENV: dev ? "development" : "production",
});

async function waitFor(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!stopping) throw new Error(`${url} did not become healthy`);
}

try {
  const deadline = Date.now() + (dev ? 180_000 : 60_000);
  await Promise.all([
    waitFor(`http://127.0.0.1:${env.PORT}/api/health`, deadline),
    ...(withSidecar ? [waitFor(`http://127.0.0.1:${env.SIDECAR_PORT}/health`, deadline)] : []),
  ]);
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: open ${appUrl}  (${withSidecar ? `sidecar on port ${env.SIDECAR_PORT}` : "sidecar elsewhere"}; ${env.DATABASE_URL ? "PostgreSQL server" : `embedded PostgreSQL in ${path.relative(root, pgliteDir(dataDir)) || pgliteDir(dataDir)}`})`);
  log("press Ctrl-C to stop");
} catch (err) {
  console.error(`[livemarket] ${(err as Error).message}`);
  await stop(1);
}
