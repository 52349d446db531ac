// What the realtime benchmarks share: the sidecar bundle as a process (what `npm start` runs),
// child processes driven over IPC, and a fresh database with products to change.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { io } from "socket.io-client";
import { openDb, type Db, type DbHandle } from "@/server/db/client";
import { migrateTarget } from "@/server/db/setup";
import { seedDatabase } from "@/prisma/seed/seed";
import { SIDECAR_BUNDLE } from "@/scripts/bundles";
import { createBenchDb } from "./bench-db";

export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret-xx";
export const benchRoot = path.resolve(import.meta.dirname, "../..");
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SidecarOptions {
  redisUrl?: string;
  adapter?: "streams" | "pubsub";
  env?: Record<string, string>;
}

export function startSidecar(port: number, o: SidecarOptions = {}): ChildProcess {
  return spawn(process.execPath, [SIDECAR_BUNDLE], {
    cwd: benchRoot,
    env: {
      ...process.env,
      SIDECAR_PORT: String(port),
      NEXTAUTH_SECRET: BENCH_SECRET,
      LOG_LEVEL: "warn",
      SIDECAR_MAX_CONNECTIONS_PER_ADDRESS: "1000000",
      REDIS_URL: o.redisUrl,
      ...(o.adapter ? { REALTIME_REDIS_ADAPTER: o.adapter } : {}),
      NODE_ENV: "production",
      ...o.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export async function stop(p: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.once("exit", () => resolve());
    p.kill(signal);
  });
}

/** Milliseconds until `url` accepts a Socket.IO connection. */
export async function untilConnects(url: string, deadlineMs = 10_000): Promise<number> {
  const t0 = now();
  while (now() - t0 < deadlineMs) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, timeout: 1000 });
      c.once("connect", () => (c.close(), resolve(true)));
      c.once("connect_error", () => (c.close(), resolve(false)));
    });
    if (ok) return now() - t0;
    await sleep(2);
  }
  throw new Error(`${url} did not accept a connection`);
}

export interface SidecarHealth {
  rssBytes: number;
  connections: number;
  eventsReceived: number;
}
export async function health(port: number): Promise<SidecarHealth> {
  return (await fetch(`http://127.0.0.1:${port}/health`)).json() as Promise<SidecarHealth>;
}

export interface Child {
  pid: number;
  call<T = Record<string, unknown>>(msg: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** A TypeScript child process answering one IPC message per message it is sent. */
export async function forkChild(script: string, execArgv: string[] = []): Promise<Child> {
  const child = fork(script, [], { execArgv: ["--import", "tsx", ...execArgv], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const queue: ((m: unknown) => void)[] = [];
  child.on("message", (m) => queue.shift()?.(m));
  await new Promise((r) => queue.push(r));
  return {
    pid: child.pid!,
    call: <T,>(msg: Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        queue.push(resolve as (m: unknown) => void);
        child.send(msg);
      }),
    async close() {
      await new Promise((r) => {
        queue.push(r);
        child.send({ cmd: "close" });
      });
      await stop(child);
    },
  };
}

export interface BenchData {
  db: Db;
  backend: "pglite" | "postgres";
  seller: { userId: string; storeId: string };
  /** Products with one well-stocked variant each, `bench-rt-0` first. */
  products: { productId: string; variantId: string }[];
  close(): Promise<void>;
}

/** A fresh, seeded database (a PGlite folder or a throwaway PostgreSQL database) with `count`
 * extra products to change. */
export async function prepareBenchData(backend: "pglite" | "postgres", count: number): Promise<BenchData> {
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  if (backend === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lm-bench-rt-"));
    const target = { pgliteDir: path.join(dir, "pglite") };
    handle = await openDb(target);
    await migrateTarget(target, handle);
    await seedDatabase(handle.db);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const bench = await createBenchDb();
    handle = await openDb({ url: bench.url }, { poolSize: 4 });
    cleanup = bench.drop;
  }
  const db = handle.db;
  const store = await db.store.findFirstOrThrow({ where: { slug: "northwind" } });
  const category = await db.category.findFirstOrThrow({ where: { parentId: { not: null } } });
  const ids = Array.from({ length: count }, (_, i) => ({ p: `benchp${i}`, v: `benchv${i}` }));
  await db.product.createMany({
    data: ids.map((x, i) => ({ id: x.p, storeId: store.id, categoryId: category.id, slug: `bench-rt-${i}`, title: `Bench ${i}`, status: "ACTIVE" as const })),
  });
  await db.variant.createMany({ data: ids.map((x, i) => ({ id: x.v, productId: x.p, sku: `BENCH-RT-${i}`, priceMinor: 1000, stock: 1_000_000 })) });
  await db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
  return {
    db,
    backend,
    seller: { userId: store.ownerId, storeId: store.id },
    products: ids.map((x) => ({ productId: x.p, variantId: x.v })),
    async close() {
      await handle.close();
      await cleanup();
    },
  };
}
