// `npm start`: the one command a newcomer runs. Builds when no (current) build exists,
// creates and migrates the database (embedded PGlite unless DATABASE_URL is set), seeds the
// demo catalog on first run, then serves the app and the Socket.IO sidecar side by side.
// Ctrl-C (or SIGTERM) stops both; if either dies, the other is stopped too.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childProcessEnv, env, pgliteDir } from "@/server/env";
// The fingerprint of the sources a build was made from (also stamped by the Dockerfile on the
// build it prepares, so the image never builds at run time).
import { buildFingerprint as fingerprint, FINGERPRINT_FILE as fpFile } from "./build-fingerprint";
import { buildSidecar, SIDECAR_BUNDLE } from "./build-sidecar";

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

const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const prismaBin = path.join(root, "node_modules/prisma/build/index.js");

// 1. The Prisma client is generated code (git-ignored, made offline): generate it when missing,
//    since everything below imports it.
if (!existsSync(path.join(root, "generated/prisma/client.ts"))) {
  log("generating the Prisma client");
  run(process.execPath, [prismaBin, "generate"]);
}

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
//    second), so the sidecar starts while Next.js builds.
if (dev) {
  if (withSidecar) startChild("sidecar", ["--conditions=react-server", "--import", "tsx", path.join(root, "server/realtime/sidecar-main.ts")]);
} else {
  const fp = fingerprint();
  const built =
    existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(SIDECAR_BUNDLE) && existsSync(fpFile) && readFileSync(fpFile, "utf8") === fp;
  if (!built) {
    log("building the app for production (first run or sources changed; a minute or two)");
    rmSync(fpFile, { force: true });
    await buildSidecar();
  }
  if (withSidecar) startChild("sidecar", [SIDECAR_BUNDLE]);
  if (!built) {
    run(process.execPath, [nextBin, "build"], { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
    writeFileSync(fpFile, fp);
  }
}

// 4. Database: migrate, and seed the demo catalog when it is empty. The embedded database
//    keeps a stamp of the migrations it has (inside its own folder, so a reset removes it);
//    when it matches, there is nothing to do and we skip opening it twice (a faster restart).
{
  const { readMigrations } = await import("@/server/db/migrate");
  const wanted = createHash("sha256").update(readMigrations().map((m) => `${m.name}:${m.checksum}`).join("\n")).digest("hex");
  const stampFile = env.DATABASE_URL ? null : path.join(pgliteDir(dataDir), "livemarket-migrations.sha256");
  const upToDate = stampFile !== null && existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted;
  if (!upToDate) {
    const { openDb } = await import("@/server/db/client");
    const { migrateTarget, isEmpty } = await import("@/server/db/setup");
    const target = env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: pgliteDir(dataDir) };
    const handle = await openDb(target, { poolSize: 2 });
    try {
      const m = await migrateTarget(target, handle);
      if (m.applied.length) log(`applied ${m.applied.length} migration(s): ${m.applied.join(", ")}`);
      if (await isEmpty(handle)) {
        log("empty database: loading the demo catalog");
        const { seedDatabase } = await import("@/prisma/seed/seed");
        const s = await seedDatabase(handle.db);
        log(`seeded ${s.products} products, ${s.variants} variants, ${s.users} users`);
      }
    } finally {
      await handle.close(); // the app process opens the embedded database next
    }
    if (stampFile) writeFileSync(stampFile, wanted);
  }
}

// 5. Serve the app (the sidecar is already up), through scripts/app-server.ts: Next.js behind
//    a server that tells the app each request's socket address (see that file).
startChild("app", ["--import", "tsx", path.join(root, "scripts/app-server.ts"), ...(dev ? ["--dev"] : []), "--port", String(env.PORT)], {
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
