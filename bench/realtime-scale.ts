// Realtime at scale (npm run bench:realtime-scale): thousands of shoppers per sidecar on
// PostgreSQL + Redis, as production runs it. Every shopper is the browser's own LiveClient
// (client/live/live-client.ts) in a child process, each on one product page; commits go through
// the real services and the real outbox relay into the Redis stream every sidecar reads.
//
// Scenarios (--scenario scale,storm,model, default all three):
//   scale  one sidecar with --per-sidecar shoppers (10,000) over --products products (1,000),
//          then two sidecars with that many each: commit -> browser latency at --rate commits/s
//          (40), sidecar memory per 1,000 shoppers, CPU per delivery and per relay publish
//          read, Redis CPU per publish.
//          The one-sidecar row runs again with the pub/sub adapter and the Socket.IO emitter
//          (the transport before decision 186): the same-run baseline.
//   storm  one sidecar with --per-sidecar shoppers is restarted (SIGTERM, then SIGKILL) while
//          commits go on: how long until every page is live again, how many recovered, and the
//          refetch requests per second the app receives from the pages that could not.
//   model  the figures of `scale` predict what --model-sidecars (4) sidecars with
//          --model-shoppers (20,000) shoppers at --model-rate (100) commits/s use; then that runs.
//          docs/scaling.md builds on the same model.
import { createServer } from "node:http";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { inTransaction } from "@/server/db/transaction";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { createRedisPublisher, type Publisher } from "@/server/realtime/publisher";
import { OutboxRelay } from "@/server/realtime/relay";
import { productRoom } from "@/shared/events";
import { buildBundles } from "@/scripts/bundles";
import { processCpuMs } from "./lib/cpu";
import { percentile, round } from "./lib/load";
import { forkChild, health, now, prepareBenchData, sleep, startSidecar, stop, untilConnects, type BenchData, type Child } from "./lib/realtime-harness";
import { intFlag, machineInfo, parseFlags, printTable, strFlag, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const SCENARIOS = new Set(strFlag(flags, "scenario", "scale,storm,model").split(","));
const PER_SIDECAR = intFlag(flags, "per-sidecar", 10_000);
const PRODUCTS = intFlag(flags, "products", 1000);
const RATE = intFlag(flags, "rate", 40);
/** Rounds of measuring windows, each window this long (see scale()). */
const ROUNDS = intFlag(flags, "rounds", 3);
const WINDOW_SECONDS = intFlag(flags, "window", 10);
const MODEL_SIDECARS = intFlag(flags, "model-sidecars", 4);
const MODEL_SHOPPERS = intFlag(flags, "model-shoppers", 20_000);
const MODEL_RATE = intFlag(flags, "model-rate", 100);
const REDIS_URL = strFlag(flags, "redis", "redis://127.0.0.1:6379");
/** Shoppers per child process (each holds a file descriptor per connection). */
const PER_CHILD = 5000;
/** Products nobody watches (the first takes the publishes that price a sidecar's reading of an
 * entry apart from its deliveries). */
const UNWATCHED = 50;
/** Entries addressed to every shopper, for the CPU per delivery. */
const FANOUT_ENTRIES = 20;
/** Publishes per second to a product nobody watches, for the CPU per publish. */
const UNWATCHED_RATE = 200;
const BASE_PORT = 3961;
const REFETCH_PORT = 3959;
const CLIENTS_SCRIPT = path.join(import.meta.dirname, "lib/live-clients.ts");

type Adapter = "streams" | "pubsub";

// ---------- measuring ----------
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info("cpu");
  const v = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
  return (v("used_cpu_user") + v("used_cpu_sys")) * 1000;
}

interface Snapshot {
  at: number;
  sidecars: number[];
  redis: number;
}
async function snapshot(fleet: Fleet, redis: Redis): Promise<Snapshot> {
  return { at: now(), sidecars: fleet.procs.map((p) => processCpuMs(p.pid!) ?? 0), redis: await redisCpuMs(redis) };
}
/** CPU ms per second of wall time between two snapshots: each sidecar, Redis. */
function cpuRates(a: Snapshot, b: Snapshot) {
  const s = (b.at - a.at) / 1000;
  return { seconds: s, sidecars: b.sidecars.map((x, i) => (x - a.sidecars[i]!) / s), redis: (b.redis - a.redis) / s };
}

// ---------- the fleet ----------
interface Fleet {
  adapter: Adapter;
  ports: number[];
  procs: ChildProcess[];
  children: Child[];
  /** Shoppers per product, over the whole fleet. */
  watchers: number;
}

async function startFleet(sidecars: number, adapter: Adapter): Promise<Fleet> {
  const ports = Array.from({ length: sidecars }, (_, i) => BASE_PORT + i);
  const procs = ports.map((port) => startSidecar(port, { redisUrl: REDIS_URL, adapter }));
  for (const port of ports) await untilConnects(`http://127.0.0.1:${port}`, 20_000);
  return { adapter, ports, procs, children: [], watchers: 0 };
}

/** `perSidecar` shoppers on each sidecar, shopper i on product i mod PRODUCTS. */
async function connectShoppers(fleet: Fleet, data: BenchData, perSidecar: number, refetchUrl: string | null): Promise<number> {
  const t0 = now();
  const jobs: Promise<unknown>[] = [];
  for (const port of fleet.ports) {
    for (let from = 0; from < perSidecar; from += PER_CHILD) {
      const n = Math.min(PER_CHILD, perSidecar - from);
      const child = await forkChild(CLIENTS_SCRIPT);
      fleet.children.push(child);
      const products = Array.from({ length: n }, (_, i) => data.products[(from + i) % PRODUCTS]!.productId);
      jobs.push(child.call({ cmd: "connect", url: `http://127.0.0.1:${port}`, products, refetchUrl }));
    }
  }
  await Promise.all(jobs);
  fleet.watchers = (perSidecar * fleet.ports.length) / PRODUCTS;
  return now() - t0;
}

async function stopFleet(fleet: Fleet): Promise<void> {
  await Promise.all(fleet.children.map((c) => c.close()));
  await Promise.all(fleet.procs.map((p) => stop(p)));
}

interface ChildReport {
  shoppers: number;
  live: number;
  delivered: number;
  gaps: number;
  recovered: number;
  resynced: number;
  refetches: number;
  refetchErrors: number;
  refetchBySecond: [number, number][];
  lastBackAt: number;
  receipts: [string, number[]][];
  rssBytes: number;
}
async function reports(fleet: Fleet, receipts = false): Promise<ChildReport[]> {
  return Promise.all(fleet.children.map((c) => c.call<ChildReport>({ cmd: "report", receipts })));
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

// ---------- committing ----------
/** Commits stock changes at `rate` per second for `seconds`, to `targets` in turn, kicking the
 * relay after each as the app does. Returns each change's commit time by `variantId:version`. */
async function commitAt(data: BenchData, relay: OutboxRelay, targets: BenchData["products"], rate: number, seconds: number, stopSignal?: { stop: boolean }) {
  const commits = new Map<string, { at: number; productId: string; version: number }>();
  const interval = 1000 / rate;
  const t0 = now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total && !stopSignal?.stop; i++) {
    const t = targets[i % targets.length]!;
    const r = await inTransaction(data.db, (tx) => adjustStock(tx, data.seller, { variantId: t.variantId, delta: -1, reason: "CORRECTION" }));
    commits.set(`${r.variantId}:${r.version}`, { at: now(), productId: t.productId, version: r.version });
    void relay.kick();
    const wait = t0 + (i + 1) * interval - now();
    if (wait > 0) await sleep(wait);
  }
  await relay.kick();
  return commits;
}

/** One stock event per publish, UNWATCHED_RATE a second for `seconds`; returns how many. */
async function publishUnwatched(publisher: Publisher, data: BenchData, target: BenchData["products"][number], seconds: number): Promise<number> {
  const t0 = now();
  const total = UNWATCHED_RATE * seconds;
  for (let k = 0; k < total; k++) {
    await publisher.publish([
      { event: "stock.changed", rooms: [productRoom(target.productId)], payload: { productId: target.productId, variantId: target.variantId, storeId: data.seller.storeId, stock: 5, lowStockThreshold: 5, priceMinor: 1000, currency: "USD", delta: -1, reason: "CORRECTION", version: k + 1 } },
    ]);
    const wait = t0 + ((k + 1) * 1000) / UNWATCHED_RATE - now();
    if (wait > 0) await sleep(wait);
  }
  return total;
}

// ---------- scale ----------
interface ScaleResult {
  sidecars: number;
  adapter: Adapter;
  shoppers: number;
  connectS: number;
  rate: number;
  commits: number;
  deliveries: number;
  expected: number;
  gaps: number;
  p50: number;
  p99: number;
  max: number;
  /** Per sidecar: RSS before shoppers connected and with them, MB. */
  rssRestMB: number[];
  rssMB: number[];
  perThousandMB: number;
  /** CPU ms per second per sidecar with nobody connected, and with the shoppers connected and
   * nothing happening. */
  restCpuMsPerS: number[];
  idleCpuMsPerS: number[];
  /** Per sidecar: CPU µs per relay publish it reads (one XREAD wake-up, nobody on it watching
   * the products), and per delivery. */
  cpuPerBatchUs: number;
  /** The relay's publishes per second during the watched commits, and events in each. */
  batchesPerS: number;
  eventsPerBatch: number;
  cpuPerDeliveryUs: number;
  /** Redis CPU µs per relay publish (appended once, read by every sidecar), and at rest. */
  redisPerBatchUs: number;
  redisIdleMsPerS: number;
  /** CPU ms per second of each sidecar during the commits. */
  loadCpuMsPerS: number[];
  /** Every round's window, for a look at the spread. */
  windows: { idleCpuMsPerS: number[]; loadCpuMsPerS: number[][]; perPublishUs: number[] };
  childRssMB: number;
}

async function scale(data: BenchData, sidecars: number, perSidecar: number, rate: number, adapter: Adapter, redis: Redis): Promise<ScaleResult> {
  const fleet = await startFleet(sidecars, adapter);
  const publisher: Publisher = createRedisPublisher({ redisUrl: REDIS_URL, adapter });
  for (let i = 0; i < 100; i++) {
    try {
      await publisher.publish([]);
      break;
    } catch {
      await sleep(50);
    }
  }
  // The relay's publishes counted: each is one MULTI of XADDs, which every sidecar reads in one
  // XREAD wake-up, so Redis and a sidecar pay per publish more than per event.
  let batches = 0;
  const counted: Publisher = { kind: publisher.kind, close: () => publisher.close(), publish: (m) => ((batches += m.length > 0 ? 1 : 0), publisher.publish(m)) };
  const relay = new OutboxRelay(data.db, counted, { pollMs: 60_000 });
  try {
    await sleep(500);
    const rssRest = await Promise.all(fleet.ports.map(async (p) => (await health(p)).rssBytes));
    // At rest with nobody connected: what a sidecar costs before its first shopper.
    const r0 = await snapshot(fleet, redis);
    await sleep(5000);
    const rest = cpuRates(r0, await snapshot(fleet, redis));
    const connectMs = await connectShoppers(fleet, data, perSidecar, null);
    await sleep(3000);
    const rss = await Promise.all(fleet.ports.map(async (p) => (await health(p)).rssBytes));
    const conns = await Promise.all(fleet.ports.map(async (p) => (await health(p)).connections));
    if (sum(conns) !== perSidecar * sidecars) throw new Error(`${sum(conns)} of ${perSidecar * sidecars} shoppers connected`);

    // Rounds of three windows each: at rest with everyone connected (heartbeats, timers, GC),
    // commits to products nobody watches (what a sidecar pays for every stream entry it reads),
    // commits to watched products in turn. Means over the rounds (the windows are of one length:
    // total CPU over total time): a major GC of a large heap is part of what a sidecar costs, and
    // it falls into one window in a few: a median of three windows hides it or doubles it, by
    // chance.
    const unwatched = data.products.slice(PRODUCTS, PRODUCTS + UNWATCHED);
    const watched = data.products.slice(0, PRODUCTS);
    await commitAt(data, relay, watched, rate, 1); // warm-up
    await sleep(500);
    await Promise.all(fleet.children.map((c) => c.call({ cmd: "reset" })));
    const commits = new Map<string, { at: number; productId: string; version: number }>();
    const idleW: number[] = [];
    const unwatchedW: number[] = [];
    const loadW: number[][] = [];
    const redisIdleW: number[] = [];
    const redisLoadW: number[] = [];
    const batchesW: number[] = [];
    const eventsPerBatchW: number[] = [];
    const avg = (xs: number[]) => sum(xs) / xs.length;
    for (let r = 0; r < ROUNDS; r++) {
      const i0 = await snapshot(fleet, redis);
      await sleep(WINDOW_SECONDS * 1000);
      const idle = cpuRates(i0, await snapshot(fleet, redis));
      // Publishes to a product nobody watches, UNWATCHED_RATE a second straight into the stream
      // (the sidecar's cost of reading one does not depend on who appended it): at 40 a second
      // the cost hides in the noise of the heap's collections.
      const u0 = await snapshot(fleet, redis);
      const ub = await publishUnwatched(publisher, data, unwatched[0]!, WINDOW_SECONDS);
      const u = cpuRates(u0, await snapshot(fleet, redis));
      const w0 = await snapshot(fleet, redis);
      const wb0 = batches;
      const wc = await commitAt(data, relay, watched.slice((r * rate * WINDOW_SECONDS) % PRODUCTS).concat(watched), rate, WINDOW_SECONDS);
      const w = cpuRates(w0, await snapshot(fleet, redis));
      const wb = batches - wb0;
      batchesW.push(wb / w.seconds);
      eventsPerBatchW.push(wc.size / Math.max(1, wb));
      for (const [k, v] of wc) commits.set(k, v);
      idleW.push(avg(idle.sidecars));
      unwatchedW.push((avg(u.sidecars) - avg(idle.sidecars)) / (ub / u.seconds));
      loadW.push(w.sidecars);
      redisIdleW.push(idle.redis);
      redisLoadW.push((w.redis - idle.redis) / (wb / w.seconds));
    }
    const expected = commits.size * fleet.watchers;
    let reps = await reports(fleet);
    for (let i = 0; i < 100 && sum(reps.map((r) => r.delivered)) < expected; i++) {
      await sleep(100);
      reps = await reports(fleet);
    }
    reps = await reports(fleet, true);
    const lat: number[] = [];
    for (const r of reps)
      for (const [key, times] of r.receipts) {
        const c = commits.get(key);
        if (c) for (const t of times) lat.push(t - c.at);
      }
    lat.sort((a, b) => a - b);
    const deliveries = lat.length;
    const gaps = sum(reps.map((r) => r.gaps));

    // CPU per delivery, where deliveries dominate: entries addressed to every product room, each
    // delivered to every shopper (at 40 commits/s to products with a few watchers each, a
    // sidecar's cost is mostly reading entries, and its cost per delivery drowns in GC noise).
    await Promise.all(fleet.children.map((c) => c.call({ cmd: "reset" })));
    const everyRoom = watched.map((p) => productRoom(p.productId));
    const f0 = await snapshot(fleet, redis);
    for (let k = 1; k <= FANOUT_ENTRIES; k++) {
      await publisher.publish([
        // Each entry another variant: nothing for the sidecar to conflate (decision 201).
        { event: "stock.changed", rooms: everyRoom, payload: { productId: watched[0]!.productId, variantId: `fanout-${k}`, storeId: data.seller.storeId, stock: 5, lowStockThreshold: 5, priceMinor: 1000, currency: "USD", delta: -1, reason: "CORRECTION", version: k } },
      ]);
      await sleep(50);
    }
    const fanoutExpected = FANOUT_ENTRIES * perSidecar * sidecars;
    for (let i = 0; i < 600 && sum((await reports(fleet)).map((r) => r.delivered)) < fanoutExpected; i++) await sleep(100);
    const f = cpuRates(f0, await snapshot(fleet, redis));
    // Per sidecar: CPU above rest per stream entry read (unwatched windows), per delivery (the
    // fan-out window, less its entries).
    const perBatchMs = avg(unwatchedW);
    const perDeliveryMs = ((avg(f.sidecars) - avg(idleW)) * f.seconds - FANOUT_ENTRIES * perBatchMs) / (FANOUT_ENTRIES * perSidecar);
    const redisPerBatchMs = avg(redisLoadW);
    const idle = { sidecars: fleet.ports.map(() => avg(idleW)), redis: avg(redisIdleW) };
    const l = { sidecars: fleet.ports.map((_, i) => avg(loadW.map((w) => w[i]!))) };
    const mb = (b: number) => round(b / 2 ** 20, 1);
    return {
      sidecars,
      adapter,
      shoppers: perSidecar * sidecars,
      connectS: round(connectMs / 1000, 1),
      rate,
      commits: commits.size,
      deliveries,
      expected,
      gaps,
      p50: round(percentile(lat, 50)),
      p99: round(percentile(lat, 99)),
      max: round(lat[lat.length - 1] ?? NaN),
      rssRestMB: rssRest.map(mb),
      rssMB: rss.map(mb),
      perThousandMB: round((sum(rss) - sum(rssRest)) / 2 ** 20 / (perSidecar * sidecars) * 1000, 1),
      restCpuMsPerS: rest.sidecars.map((x) => round(x, 1)),
      idleCpuMsPerS: idle.sidecars.map((x) => round(x, 1)),
      cpuPerBatchUs: round(perBatchMs * 1000, 0),
      batchesPerS: round(avg(batchesW), 1),
      eventsPerBatch: round(avg(eventsPerBatchW), 2),
      cpuPerDeliveryUs: round(perDeliveryMs * 1000, 1),
      redisPerBatchUs: round(redisPerBatchMs * 1000, 0),
      redisIdleMsPerS: round(idle.redis, 1),
      loadCpuMsPerS: l.sidecars.map((x) => round(x, 0)),
      windows: { idleCpuMsPerS: idleW.map((x) => round(x, 1)), loadCpuMsPerS: loadW.map((w) => w.map((x) => round(x, 1))), perPublishUs: unwatchedW.map((x) => round(x * 1000, 0)) },
      childRssMB: mb(Math.max(...reps.map((r) => r.rssBytes))),
    };
  } finally {
    await relay.stop();
    await publisher.close();
    await stopFleet(fleet);
  }
}

// ---------- storm ----------
interface StormResult {
  how: "SIGTERM (restart)" | "SIGKILL (crash)";
  shoppers: number;
  allBackS: number;
  back: number;
  recovered: number;
  resynced: number;
  refetches: number;
  peakRefetchPerS: number;
  refetchSeconds: number;
  gapsRecovered: number;
  missedAfter: number;
  commits: number;
  /** Redis CPU from the restart until every page had its last change (sessions, stream reads). */
  redisCpuMs: number;
}

async function storm(data: BenchData, perSidecar: number, redis: Redis): Promise<StormResult[]> {
  // The app's side of a refetch: every request counted by the second it arrived.
  const arrivals = new Map<number, number>();
  const server = createServer((req, res) => {
    const sec = Math.floor(now() / 1000);
    arrivals.set(sec, (arrivals.get(sec) ?? 0) + 1);
    res.writeHead(200, { "content-type": "application/json" });
    res.end("[]");
  });
  await new Promise<void>((r) => server.listen(REFETCH_PORT, "127.0.0.1", r));
  const fleet = await startFleet(1, "streams");
  const publisher = createRedisPublisher({ redisUrl: REDIS_URL, adapter: "streams" });
  await publisher.publish([]).catch(() => {});
  const relay = new OutboxRelay(data.db, publisher, { pollMs: 60_000 });
  const out: StormResult[] = [];
  try {
    await connectShoppers(fleet, data, perSidecar, `http://127.0.0.1:${REFETCH_PORT}/api/trpc/catalog.product`);
    await sleep(2000);
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      await Promise.all(fleet.children.map((c) => c.call({ cmd: "reset" })));
      arrivals.clear();
      // Commits go on through the restart: what a recovered page missed must reach it.
      const going = { stop: false };
      const committing = commitAt(data, relay, data.products.slice(0, PRODUCTS), 10, 600, going);
      await sleep(2000);
      const r0 = await redisCpuMs(redis);
      const t0 = now();
      await stop(fleet.procs[0]!, signal);
      fleet.procs[0] = startSidecar(fleet.ports[0]!, { redisUrl: REDIS_URL, adapter: "streams" });
      let reps = await reports(fleet);
      const deadline = t0 + 90_000;
      while (now() < deadline) {
        await sleep(250);
        reps = await reports(fleet);
        if (sum(reps.map((r) => r.live)) === perSidecar && sum(reps.map((r) => r.recovered + r.resynced)) === perSidecar) break;
      }
      const backAt = Math.max(...reps.map((r) => r.lastBackAt));
      // A few more seconds of commits with everyone back, then every page must have the last one.
      await sleep(4000);
      going.stop = true;
      const commits = await committing;
      await sleep(3000);
      const r1 = await redisCpuMs(redis);
      reps = await reports(fleet);
      // Every page must now show its product's last committed change: received, or refetched after.
      const last = new Map<string, { at: number; productId: string; version: number }>();
      for (const c of commits.values()) if ((last.get(c.productId)?.version ?? -1) < c.version) last.set(c.productId, c);
      const expected = [...last.values()].map((c) => [c.productId, c.version, c.at]);
      const missed = await Promise.all(fleet.children.map((c) => c.call<{ missed: number }>({ cmd: "missed", expected })));
      const rates = [...arrivals.values()];
      out.push({
        how: signal === "SIGTERM" ? "SIGTERM (restart)" : "SIGKILL (crash)",
        shoppers: perSidecar,
        allBackS: round((backAt - t0) / 1000, 1),
        back: sum(reps.map((r) => r.live)),
        recovered: sum(reps.map((r) => r.recovered)),
        resynced: sum(reps.map((r) => r.resynced)),
        refetches: sum(rates),
        peakRefetchPerS: rates.length ? Math.max(...rates) : 0,
        refetchSeconds: rates.length,
        gapsRecovered: sum(reps.map((r) => r.gaps)),
        missedAfter: sum(missed.map((m) => m.missed)),
        commits: commits.size,
        redisCpuMs: round(r1 - r0, 0),
      });
      await sleep(3000);
    }
  } finally {
    await relay.stop();
    await publisher.close();
    await stopFleet(fleet);
    server.close();
  }
  return out;
}

// ---------- model ----------
interface Prediction {
  sidecarCpuMsPerS: number;
  sidecarRssMB: number;
  redisCpuMsPerS: number;
}
/** What a fleet uses, from the figures one sidecar and two sidecars measured (docs/scaling.md).
 * `batchesPerS`: the relay's publishes per second (at most one per commit; fewer as commits
 * come faster and one publish carries several). */
export function predict(one: ScaleResult, two: ScaleResult | undefined, sidecars: number, shoppers: number, batchesPerS: number, deliveriesPerS: number): Prediction {
  const perSidecar = shoppers / sidecars;
  const rest = one.restCpuMsPerS[0]!;
  const idlePerShopper = (one.idleCpuMsPerS[0]! - rest) / one.shoppers;
  const sidecarCpuMsPerS = rest + perSidecar * idlePerShopper + batchesPerS * (one.cpuPerBatchUs / 1000) + (deliveriesPerS / sidecars) * (one.cpuPerDeliveryUs / 1000);
  const sidecarRssMB = one.rssRestMB[0]! + (perSidecar / 1000) * one.perThousandMB;
  // Redis: each publish is appended once and read by every sidecar: a + b * sidecars.
  const b = two ? Math.max(0, two.redisPerBatchUs - one.redisPerBatchUs) : 0;
  const a = one.redisPerBatchUs - b;
  const redisCpuMsPerS = one.redisIdleMsPerS + (batchesPerS * (a + b * sidecars)) / 1000;
  return { sidecarCpuMsPerS: round(sidecarCpuMsPerS, 1), sidecarRssMB: round(sidecarRssMB, 1), redisCpuMsPerS: round(redisCpuMsPerS, 1) };
}

// ---------- main ----------
async function main() {
  // Always rebuilt (a few seconds): a bundle left from older code would measure that code.
  await buildBundles();
  const redis = new Redis(REDIS_URL);
  const results: Record<string, unknown> = { machine: machineInfo(), perSidecar: PER_SIDECAR, products: PRODUCTS, rate: RATE, rounds: ROUNDS, windowSeconds: WINDOW_SECONDS };
  const data = await prepareBenchData("postgres", PRODUCTS + UNWATCHED);
  const scales: ScaleResult[] = [];
  try {
    if (SCENARIOS.has("scale") || SCENARIOS.has("model")) {
      scales.push(await scale(data, 1, PER_SIDECAR, RATE, "streams", redis));
      if (SCENARIOS.has("scale")) scales.push(await scale(data, 1, PER_SIDECAR, RATE, "pubsub", redis));
      scales.push(await scale(data, 2, PER_SIDECAR, RATE, "streams", redis));
      console.log(`\nRealtime at scale: PostgreSQL + Redis, ${PRODUCTS} products, shopper i on product i mod ${PRODUCTS}, ${RATE} commits/s; ${ROUNDS} rounds of ${WINDOW_SECONDS} s windows (at rest; ${UNWATCHED_RATE} publishes/s nobody watches; watched commits), means\n`);
      printTable(
        ["sidecars", "adapter", "shoppers", "connect s", "deliveries", "gaps", "p50 ms", "p99 ms", "max ms", "RSS MB per sidecar", "MB per 1,000", "CPU µs per delivery", "CPU µs per publish", "publishes/s", "events each", "CPU ms/s alone", "CPU ms/s with shoppers", "Redis µs per publish"],
        scales.map((s) => [s.sidecars, s.adapter, s.shoppers, s.connectS, `${s.deliveries}/${s.expected}`, s.gaps, s.p50, s.p99, s.max, s.rssMB.join(", "), s.perThousandMB, s.cpuPerDeliveryUs, s.cpuPerBatchUs, s.batchesPerS, s.eventsPerBatch, s.restCpuMsPerS.join(", "), s.idleCpuMsPerS.join(", "), s.redisPerBatchUs]),
      );
      results.scale = scales;
    }
    if (SCENARIOS.has("model")) {
      const one = scales.find((s) => s.sidecars === 1 && s.adapter === "streams")!;
      const two = scales.find((s) => s.sidecars === 2 && s.adapter === "streams");
      // Worst case first (every commit its own publish), then at the publish rate the relay reached.
      const deliveriesPerS = MODEL_RATE * (MODEL_SHOPPERS / PRODUCTS);
      const worst = predict(one, two, MODEL_SIDECARS, MODEL_SHOPPERS, MODEL_RATE, deliveriesPerS);
      const run = await scale(data, MODEL_SIDECARS, MODEL_SHOPPERS / MODEL_SIDECARS, MODEL_RATE, "streams", redis);
      const predicted = predict(one, two, MODEL_SIDECARS, MODEL_SHOPPERS, run.batchesPerS, deliveriesPerS);
      const measured = {
        sidecarCpuMsPerS: round(sum(run.loadCpuMsPerS) / run.sidecars, 1),
        sidecarRssMB: round(sum(run.rssMB) / run.sidecars, 1),
        redisCpuMsPerS: round(run.redisIdleMsPerS + (run.redisPerBatchUs * run.batchesPerS) / 1000, 1),
      };
      const off = (p: number, m: number) => `${round(((m - p) / p) * 100, 0)} %`;
      console.log(
        `\nModel check: ${MODEL_SIDECARS} sidecars, ${MODEL_SHOPPERS} shoppers, ${MODEL_RATE} commits/s, predicted from the one- and two-sidecar rows above ` +
          `at the relay's publish rate in the run (${run.batchesPerS}/s, ${run.eventsPerBatch} events each); worst case: one publish per commit\n`,
      );
      printTable(
        ["per sidecar / Redis", "worst case", "predicted", "measured", "difference"],
        [
          ["sidecar CPU ms per second", worst.sidecarCpuMsPerS, predicted.sidecarCpuMsPerS, measured.sidecarCpuMsPerS, off(predicted.sidecarCpuMsPerS, measured.sidecarCpuMsPerS)],
          ["sidecar RSS MB", worst.sidecarRssMB, predicted.sidecarRssMB, measured.sidecarRssMB, off(predicted.sidecarRssMB, measured.sidecarRssMB)],
          ["Redis CPU ms per second", worst.redisCpuMsPerS, predicted.redisCpuMsPerS, measured.redisCpuMsPerS, off(predicted.redisCpuMsPerS, measured.redisCpuMsPerS)],
        ],
      );
      console.log(`latency in that run: p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.deliveries}/${run.expected} deliveries`);
      results.model = { sidecars: MODEL_SIDECARS, shoppers: MODEL_SHOPPERS, rate: MODEL_RATE, worst, predicted, measured, run };
    }
    if (SCENARIOS.has("storm")) {
      const storms = await storm(data, PER_SIDECAR, redis);
      console.log(`\nReconnect storm: one sidecar with ${PER_SIDECAR} shoppers restarted while 10 commits/s go on\n`);
      printTable(
        ["restart", "all back in s", "back", "recovered", "resynced", "refetch requests", "peak per s", "over s", "out of order", "missed", "commits", "Redis CPU ms"],
        storms.map((s) => [s.how, s.allBackS, `${s.back}/${s.shoppers}`, s.recovered, s.resynced, s.refetches, s.peakRefetchPerS, s.refetchSeconds, s.gapsRecovered, s.missedAfter, s.commits, s.redisCpuMs]),
      );
      results.storm = storms;
    }
  } finally {
    await data.close();
    redis.disconnect();
  }
  console.log(`\nresults: ${writeResults("realtime-scale", results)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
