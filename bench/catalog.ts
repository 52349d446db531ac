// Requests per second of the catalog list procedure (`catalog.list`, limit 24) over HTTP on
// loopback, each target beside a raw-`pg` baseline measured in the same run, on a fresh
// PostgreSQL database that is dropped at the end. See bench/README.md and docs/performance.md.
//
//   node --import tsx bench/catalog.ts [--concurrency 32] [--seconds 10] [--real-app auto|on|off]
//                                      [--port 3410 (bare servers)] [--app-port 3400 (sidecar +1)]
//
// Targets (each its own process; the load generator is this process):
//   baseline  bare Node http server + pg.Pool: the same single statement the service runs for
//             catalog.list, the same tRPC/superjson JSON body, no tRPC, no Prisma
//   trpc      bare Node http server + tRPC's fetch adapter (appRouter, createContextInner with
//             the Prisma client): the real procedure, without Next.js
//   app       the real production app (`npm start`, or `next start` on the existing build when
//             `npm start` would rebuild): GET /api/trpc/catalog.list
// Internal: `--serve baseline|trpc --port N --url DB --pool N` runs one bare server.
import { PRODUCT_CARDS_SQL } from "@/server/services/catalog/list-products";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { buildIsCurrent } from "../scripts/build";
import { createBenchDb, DEFAULT_ADMIN_URL, type BenchDb } from "./lib/bench-db";
import { addCpu, checkQuiet, cpuDelta, cpuSnapshot, cpuUse, NO_CPU, type CpuDelta, type CpuUse } from "./lib/cpu";
import { mergeLoads, round, runLoad, summarize, type LoadResult, type Summary } from "./lib/load";
import { stopGroup } from "./lib/process-group";
import { boolFlag, intFlag, machineInfo, parseFlags, printTable, strFlag, writeResults, type Flags } from "./lib/report";

const ROOT = path.resolve(import.meta.dirname, "..");
const THIS_FILE = path.join(ROOT, "bench/catalog.ts");
const INPUT = { json: { limit: 24 } };
const PATH = `/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify(INPUT))}`;

const flags = parseFlags(process.argv.slice(2));

// ===================================================================== bare servers (child)

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

async function serveTrpc(f: Flags): Promise<void> {
  const port = intFlag(f, "port", 0);
  const { fetchRequestHandler } = await import("@trpc/server/adapters/fetch");
  const { appRouter } = await import("@/server/api/root");
  const { createContextInner } = await import("@/server/api/trpc");
  const { openDb } = await import("@/server/db/client");
  const handle = await openDb({ url: strFlag(f, "url", "") }, { poolSize: intFlag(f, "pool", 10) });
  const db = handle.db;
  const server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1:${port}${req.url ?? "/"}`, { method: req.method, headers });
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => createContextInner({ db, session: null, clientAddress: req.socket.remoteAddress ?? "unknown" }),
    })
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        const out: Record<string, string> = {};
        response.headers.forEach((v, k) => (out[k] = v));
        res.writeHead(response.status, out);
        res.end(body);
      })
      .catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
  });
  await listen(server, port);
  console.log("READY");
}

// The statement the service (server/services/catalog/list-products.ts) runs for the first page,
// verbatim: the baseline serves the same query through raw pg.
const SQL_CARDS = `${PRODUCT_CARDS_SQL}
    WHERE p.status = 'ACTIVE' AND p."deletedAt" IS NULL
    ORDER BY p."createdAt" DESC, p.id DESC
    LIMIT $1`;

async function serveBaseline(f: Flags): Promise<void> {
  const port = intFlag(f, "port", 0);
  const pg = (await import("pg")).default;
  // timestamp(3) columns hold UTC, as Prisma writes and reads them.
  pg.types.setTypeParser(1114, (s: string) => new Date(`${s.replace(" ", "T")}Z`));
  const pool = new pg.Pool({ connectionString: strFlag(f, "url", ""), max: intFlag(f, "pool", 10) });
  pool.on("error", () => {});

  async function list(limit: number) {
    const rows = (await pool.query(SQL_CARDS, [limit + 1])).rows as { id: string; createdAt: Date }[];
    const hasMore = rows.length > limit;
    const items = hasMore ? rows.slice(0, limit) : rows;
    return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/api/trpc/catalog.list") {
      res.writeHead(404);
      res.end();
      return;
    }
    let limit = 24;
    try {
      const raw = JSON.parse(url.searchParams.get("input") ?? "{}") as { json?: { limit?: unknown } };
      const l = raw.json?.limit;
      if (l !== undefined) limit = typeof l === "number" && Number.isInteger(l) && l >= 1 && l <= 60 ? l : NaN;
    } catch {
      limit = NaN;
    }
    if (Number.isNaN(limit)) {
      res.writeHead(400);
      res.end();
      return;
    }
    list(limit)
      .then((data) => {
        // The tRPC + superjson envelope, built by hand: dates as ISO strings, listed in meta.
        const values: Record<string, ["Date"]> = {};
        const json = {
          items: data.items.map((it, i) => {
            values[`items.${i}.createdAt`] = ["Date"];
            return { ...it, createdAt: it.createdAt.toISOString() };
          }),
          nextCursor: data.nextCursor,
        };
        const body = JSON.stringify({ result: { data: { json, meta: { values, v: 1 } } } });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(body);
      })
      .catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
  });
  await listen(server, port);
  console.log("READY");
}

// ===================================================================== load generator (parent)

const CONCURRENCY = Math.max(1, intFlag(flags, "concurrency", 32));
const MAX_MS = intFlag(flags, "seconds", 10) * 1000;
const WARMUP_MS = intFlag(flags, "warmup", 3) * 1000;
const ROUNDS = Math.max(1, intFlag(flags, "rounds", 3));
const POOL = Math.max(1, intFlag(flags, "pool", 10));
const REAL_APP = strFlag(flags, "real-app", "auto"); // auto | on | off
const TARGETS = strFlag(flags, "targets", "baseline,trpc,app").split(",").filter(Boolean);
const ADMIN_URL = strFlag(flags, "admin-url", DEFAULT_ADMIN_URL);
const BARE_PORT = intFlag(flags, "port", 3410);
const NODE_OPTIONS = strFlag(flags, "node-options", ""); // extra NODE_OPTIONS for every server process
// The real app's ports: --app-port N (its sidecar on N + 1), so runs beside others' do not collide.
const APP_PORT = intFlag(flags, "app-port", 3400);
// --signed-in: every request carries the session cookie of a real signed-in customer (a JWT the
// app's secret signs, naming a real session row), as a signed-in shopper's browser sends it.
const SIGNED_IN = boolFlag(flags, "signed-in", false);
const AUTH_SECRET = randomBytes(32).toString("base64url");
let cookie: string | null = null;

/** The demo customer's session cookie for the app: a UserSession row and next-auth's JWT. */
async function signedInCookie(url: string): Promise<string> {
  const { openDb } = await import("@/server/db/client");
  const { createSession, SESSION_MAX_AGE_SECONDS } = await import("@/server/auth/sessions");
  const { encode } = await import("next-auth/jwt");
  const handle = await openDb({ url }, { poolSize: 1 });
  try {
    const u = await handle.db.user.findFirstOrThrow({ where: { role: "CUSTOMER", disabledAt: null }, orderBy: { email: "asc" } });
    const { id: sid } = await createSession(handle.db, { userId: u.id, userAgent: "bench/catalog.ts" });
    const token = await encode({ secret: AUTH_SECRET, maxAge: SESSION_MAX_AGE_SECONDS, token: { uid: u.id, sid, role: u.role, mfa: "not-enrolled", name: u.name, email: u.email } });
    return `next-auth.session-token=${token}`;
  } finally {
    await handle.close();
  }
}
const SIDECAR_PORT = APP_PORT + 1;

function get(agent: http.Agent, port: number, p: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: p, agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
  });
}

async function portAnswers(port: number): Promise<boolean> {
  const agent = new http.Agent();
  try {
    await get(agent, port, "/");
    return true;
  } catch {
    return false;
  } finally {
    agent.destroy();
  }
}

interface Server {
  name: string;
  port: number;
  proc: ChildProcess;
  how: string;
  stop(): Promise<void>;
}

/** The node flags this process runs under (npm run bench:catalog: the react-server condition, the
 * Prisma client hook, tsx), so the servers it starts load `server-only` modules as the app does. */
const NODE_ARGS = process.execArgv.length ? process.execArgv : ["--import", "tsx"];

type BareKind = "baseline" | "trpc";
const BARE_HOW: Record<BareKind, string> = {
  baseline: "bare node:http + pg.Pool, the same single statement, same JSON body",
  trpc: "bare node:http + @trpc/server fetchRequestHandler + appRouter + Prisma",
};

async function startBare(kind: BareKind, port: number, url: string): Promise<Server> {
  const proc = spawn(process.execPath, [...NODE_ARGS, THIS_FILE, "--serve", kind, "--port", String(port), "--url", url, "--pool", String(POOL)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", NODE_OPTIONS: [process.env.NODE_OPTIONS, NODE_OPTIONS].filter(Boolean).join(" ") },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("READY")) resolve();
    });
    proc.once("exit", (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)));
  });
  return { name: kind, port, proc, how: BARE_HOW[kind], stop: () => stopGroup(proc) };
}

// --- the real app
/** A `next build` anywhere on this machine (any form: next, npm run build, sh -c "next build"),
 * or a .next folder without BUILD_ID that changed in the last two minutes (a build in progress). */
function buildRunning(): boolean {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (/\bnext(\/dist\/bin\/next)?\s+build\b/.test(cmd) || /npm(-cli\.js)?\s+run\s+build\b/.test(cmd)) return true;
    } catch {
      // gone
    }
  }
  const dir = path.join(ROOT, ".next");
  if (existsSync(dir) && !existsSync(path.join(dir, "BUILD_ID"))) {
    const recent = readdirSync(dir).some((n) => Date.now() - statSync(path.join(dir, n)).mtimeMs < 120_000);
    if (recent) return true;
  }
  return false;
}

async function startApp(url: string): Promise<Server | { skipped: string }> {
  if (buildRunning()) return { skipped: "a `next build` is running on this machine (another engineer); the real-app variant was skipped" };
  if (await portAnswers(APP_PORT)) return { skipped: `port ${APP_PORT} is already in use` };
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("no .next/BUILD_ID: building the app once (next build)");
    const b = spawn(process.execPath, [nextBin, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
    const code = await new Promise<number | null>((r) => b.once("exit", r));
    if (code !== 0) return { skipped: `next build failed (exit ${code})` };
  }
  // What scripts/start.ts itself asks before serving (scripts/build.ts).
  const current = buildIsCurrent();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(APP_PORT),
    SIDECAR_PORT: String(SIDECAR_PORT),
    DATA_DIR: path.join(ROOT, ".data/bench"),
    NEXTAUTH_SECRET: AUTH_SECRET,
    NEXTAUTH_URL: `http://127.0.0.1:${APP_PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, NODE_OPTIONS].filter(Boolean).join(" "),
  };
  // `npm start` rebuilds when the sources changed since the last build; we never trigger a
  // build while .next/BUILD_ID exists, so in that case the existing build is served with
  // scripts/app-server.ts, which is exactly what `npm start` runs as its app process.
  const how = current ? "npm start (existing build is current)" : "scripts/app-server.ts on the existing .next build (npm start would rebuild: sources changed since the build)";
  const proc = current
    ? spawn("npm", ["start"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], detached: true })
    : spawn(process.execPath, [...NODE_ARGS, path.join(ROOT, "scripts/app-server.ts"), "--port", String(APP_PORT)], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const deadline = Date.now() + 90_000;
  const agent = new http.Agent();
  try {
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) return { skipped: `the app exited (${proc.exitCode}) before it was healthy` };
      try {
        const r = await get(agent, APP_PORT, "/api/health");
        if (r.status === 200) return { name: "app", port: APP_PORT, proc, how, stop: () => stopGroup(proc) };
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    agent.destroy();
  }
  await stopGroup(proc);
  return { skipped: "the app did not become healthy within 90 s" };
}

interface TargetResult {
  target: string;
  how: string;
  summary: Summary;
  cpu: CpuUse;
  bodyBytes: number;
  sameBodyAsBaseline: boolean | null;
}

interface Prepared {
  server: Server;
  agent: http.Agent;
  op: () => Promise<string>;
  bodyBytes: number;
  body: unknown;
  loads: LoadResult[];
  cpu: CpuDelta;
}

/** First request (kept for the body comparison), then the warm-up. */
async function prepare(s: Server): Promise<Prepared> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const first = await get(agent, s.port, PATH);
  if (first.status !== 200) throw new Error(`${s.name}: HTTP ${first.status}: ${first.body.toString().slice(0, 300)}`);
  const op = async () => {
    const r = await get(agent, s.port, PATH);
    return r.status === 200 && r.body.length > 100 ? "ok" : `HTTP ${r.status}`;
  };
  await runLoad({ concurrency: CONCURRENCY, maxOps: Number.MAX_SAFE_INTEGER, maxMs: WARMUP_MS, op });
  return { server: s, agent, op, bodyBytes: first.body.length, body: JSON.parse(first.body.toString()) as unknown, loads: [], cpu: NO_CPU };
}

async function measureSlice(p: Prepared, ms: number): Promise<void> {
  const c0 = cpuSnapshot(p.server.proc.pid);
  p.loads.push(await runLoad({ concurrency: CONCURRENCY, maxOps: Number.MAX_SAFE_INTEGER, maxMs: ms, op: p.op }));
  p.cpu = addCpu(p.cpu, cpuDelta(c0, cpuSnapshot(p.server.proc.pid)));
}

function finish(p: Prepared, reference: unknown): TargetResult {
  const merged = mergeLoads(p.loads);
  const summary = summarize(merged);
  const same = p.server.name === "baseline" ? null : isDeepStrictEqual(p.body, reference);
  if (same === false) console.log(`  WARNING: ${p.server.name} body differs from the baseline's`);
  console.log(
    `  ${p.server.name.padEnd(8)} ${summary.ok} ok in ${summary.elapsedS}s = ${summary.perSecond}/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms` +
      `${Object.keys(summary.outcomes).length ? ` ${JSON.stringify(summary.outcomes)}` : ""}`,
  );
  return { target: p.server.name, how: p.server.how, summary, cpu: cpuUse(p.cpu, merged.ok), bodyBytes: p.bodyBytes, sameBodyAsBaseline: same };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`catalog benchmark: GET ${PATH}\n  concurrency ${CONCURRENCY}, pool ${POOL}, warm-up ${WARMUP_MS / 1000} s, ${MAX_MS / 1000} s per target`);
  const backgroundLoadPct = await checkQuiet();
  let bench: BenchDb | null = null;
  const running: Server[] = [];
  const results: TargetResult[] = [];
  const notes: string[] = [];
  // Ctrl-C: bench-db drops the database and exits; take our servers down with us.
  process.once("exit", () => {
    for (const s of running) {
      try {
        process.kill(-s.proc.pid!, "SIGTERM");
      } catch {
        // gone
      }
    }
  });
  try {
    bench = await createBenchDb(ADMIN_URL);
    console.log(`database ${bench.name}: ${bench.seed.products} products, ${bench.seed.variants} variants`);
    if (SIGNED_IN) {
      cookie = await signedInCookie(bench.url);
      notes.push("every request carries a signed-in customer's session cookie (--signed-in)");
    }
    // Start every server first (an idle one costs no CPU), warm each up, then measure in
    // interleaved rounds (the order rotates) so background load falls on all targets alike.
    for (const target of TARGETS) {
      if (target === "baseline" || target === "trpc") {
        running.push(await startBare(target, BARE_PORT + ["baseline", "trpc"].indexOf(target), bench.url));
      } else if (target === "app") {
        if (REAL_APP === "off") {
          notes.push("real app: not run (--real-app off)");
          continue;
        }
        const started = await startApp(bench.url);
        if ("skipped" in started) {
          notes.push(`real app: skipped: ${started.skipped}`);
          console.log(`  app      skipped: ${started.skipped}`);
          if (REAL_APP === "on") process.exitCode = 1;
          continue;
        }
        running.push(started);
        notes.push(`real app: ${started.how}`);
        if (cookie) {
          // The cookie must really sign in (else the run would measure a signed-out visitor).
          const agent = new http.Agent();
          const me = await get(agent, started.port, "/api/trpc/auth.me").finally(() => agent.destroy());
          if (me.status !== 200) throw new Error(`--signed-in: auth.me answered ${me.status}: ${me.body.toString().slice(0, 200)}`);
        }
      } else {
        throw new Error(`unknown target ${target}`);
      }
    }
    const prepared: Prepared[] = [];
    for (const s of running) prepared.push(await prepare(s));
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < prepared.length; k++) await measureSlice(prepared[(k + r) % prepared.length]!, MAX_MS / ROUNDS);
    }
    const reference = prepared.find((p) => p.server.name === "baseline")?.body;
    for (const p of prepared) {
      results.push(finish(p, reference));
      p.agent.destroy();
    }

    const base = results.find((r) => r.target === "baseline");
    const rate = (x: TargetResult) => x.summary.ok / x.summary.elapsedS;
    // Shown to 2 decimals; goals use the exact ratio.
    const rows = results.map((r) => ({ ...r, ratio: base ? round(rate(r) / rate(base), 2) : null, ratioExact: base ? round(rate(r) / rate(base), 4) : null }));
    console.log("");
    printTable(
      ["target", "requests/s", "p50 ms", "p99 ms", "x baseline", "server CPU ms/req", "PG CPU ms/req", "client CPU ms/req", "machine busy %", "same body"],
      rows.map((r) => [
        r.target, r.summary.perSecond, r.summary.p50Ms, r.summary.p99Ms, r.ratio ?? "-",
        r.cpu.serverMsPerOp, r.cpu.postgresMsPerOp, r.cpu.selfMsPerOp, r.cpu.machineBusyPct,
        r.sameBodyAsBaseline === null ? "-" : r.sameBodyAsBaseline ? "yes" : "NO",
      ]),
    );
    const goals = rows
      .filter((r) => (r.target === "trpc" || r.target === "app") && r.ratioExact !== null)
      .map((r) => ({ target: r.target, goal: 0.3, ratio: r.ratioExact!, met: r.ratioExact! >= 0.3 }));
    for (const g of goals) console.log(`goal ${g.target}: >= ${g.goal}x baseline -> ${g.ratio.toFixed(3)}x, ${g.met ? "MET" : "NOT MET"}`);
    for (const n of notes) console.log(n);
    const file = writeResults("catalog", {
      benchmark: "catalog",
      date: new Date().toISOString(),
      machine: machineInfo(),
      backgroundLoadPct,
      settings: { path: PATH, signedIn: SIGNED_IN, concurrency: CONCURRENCY, pool: POOL, rounds: ROUNDS, nodeOptions: NODE_OPTIONS, warmupSeconds: WARMUP_MS / 1000, seconds: MAX_MS / 1000, targets: TARGETS },
      results: rows,
      goals,
      notes,
      totalSeconds: round((Date.now() - t0) / 1000, 1),
    });
    console.log(`results: ${file} (total ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } finally {
    for (const s of running) await s.stop();
    if (bench) {
      await bench.drop();
      console.log(`dropped ${bench.name}`);
    }
  }
}

const serve = strFlag(flags, "serve", "");
if (boolFlag(flags, "help", false)) {
  console.log(`node --import tsx bench/catalog.ts [flags]
  --concurrency N   concurrent client connections (default 32)
  --seconds N       measured seconds per target (default 10), split into --rounds
  --rounds N        interleaved rounds (default 3)
  --warmup N        warm-up seconds per target (default 3)
  --pool N          database pool of the bare servers (default 10, the app's own default)
  --targets LIST    baseline,trpc,app (default all; the others are compared to baseline)
  --real-app MODE   auto (skip when a build is running or the port is busy), on (fail then), off
  --node-options S  extra NODE_OPTIONS for every server process, e.g. "--max-semi-space-size=32"
  --port N          first port of the bare servers (default 3410)
  --app-port N      the real app's port (default 3400; its sidecar N + 1)
  --signed-in       send a signed-in customer's session cookie with every request
  --admin-url URL   server to create the bench database on (default ${DEFAULT_ADMIN_URL})`);
} else if (serve === "trpc" || serve === "baseline") {
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => process.exit(0));
  await (serve === "baseline" ? serveBaseline(flags) : serveTrpc(flags));
} else {
  await main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
