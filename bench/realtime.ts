// Realtime benchmark (npm run bench:realtime): commit-to-browser latency, fan-out beside a plain
// `ws` broadcast server measured in the same run, sidecar memory and startup time.
// Three processes, as in production: this one commits through the real services and runs the
// outbox relay; the sidecar (the bundle npm start runs); a child holding the socket clients.
//   --clients 1000   --events 100   --rates 10,40 (commits per second)   --backend both|pglite|postgres
//   --repeat 3 (latency rows, conflation on and off in turn: decision 201, and the floor)
// The floor: the same commits, each sent straight from this process to a plain `ws` server that
// broadcasts it, encoded once, to as many plain `ws` clients on the hot product: what this machine
// gives with no relay, no Redis and no Socket.IO on either side.
import path from "node:path";
import { spawn } from "node:child_process";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { createHttpPublisher, createRedisPublisher, type Publisher } from "@/server/realtime/publisher";
import { OutboxRelay } from "@/server/realtime/relay";
import { internalPublishKey } from "@/server/realtime/tokens";
import { buildBundles } from "@/scripts/bundles";
import { processCpuMs } from "./lib/cpu";
import { percentile, round } from "./lib/load";
import { BENCH_SECRET as SECRET, benchRoot as root, forkChild, health, now, prepareBenchData, sleep, startSidecar as startSidecarAt, stop, untilConnects, type Child } from "./lib/realtime-harness";
import { intFlag, machineInfo, parseFlags, printTable, strFlag, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const CLIENTS = intFlag(flags, "clients", 1000);
const EVENTS = intFlag(flags, "events", 100);
const RATES = strFlag(flags, "rates", "10,40")
  .split(",")
  .map((r) => Number(r))
  .filter((r) => r > 0);
const BACKEND = strFlag(flags, "backend", "both");
/** Latency rows run this many times, conflation on and off in turn (the order alternating), so
 * that the machine's drift between two rows does not decide the comparison; medians reported. */
const REPEAT = intFlag(flags, "repeat", 3);
const REDIS_URL = strFlag(flags, "redis", "redis://127.0.0.1:6379");
const SPREAD_PRODUCTS = 500;
const SIDECAR_PORT = 3941;
const WS_PORT = 3951;

// ---------- processes ----------
const startSidecar = (redisUrl?: string, conflate: "on" | "off" = "on") => startSidecarAt(SIDECAR_PORT, { redisUrl, env: { SIDECAR_CONFLATE: conflate } });
type ClientsChild = Child;
const clientsChild = () => forkChild(path.join(import.meta.dirname, "lib/socket-clients.ts"));
async function startWsServer() {
  const p = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "lib/ws-broadcast-server.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(WS_PORT) },
    stdio: "inherit",
  });
  for (let i = 0; i < 200 && !(await fetch(`http://127.0.0.1:${WS_PORT}/health`).then((r) => r.ok, () => false)); i++) await sleep(50);
  return p;
}

// ---------- databases ----------
interface BenchData {
  db: Db;
  backend: "pglite" | "postgres";
  seller: { userId: string; storeId: string };
  hot: { productId: string; variantId: string };
  spread: { productId: string; variantId: string }[];
  close(): Promise<void>;
}
async function prepare(backend: "pglite" | "postgres"): Promise<BenchData> {
  const data = await prepareBenchData(backend, SPREAD_PRODUCTS);
  return { ...data, hot: data.products[0]!, spread: data.products };
}

// ---------- scenarios ----------
interface LatencyResult {
  scenario: string;
  rate: number;
  backend: string;
  /** SIDECAR_CONFLATE: "off" is the same-run baseline (every event to every page); "-" the floor. */
  conflation: "on" | "off" | "-";
  via: string;
  events: number;
  deliveries: number;
  expected: number;
  /** Events the clients received: fewer than `deliveries` where the sidecar conflated (decision 201). */
  received: number;
  p50: number;
  p99: number;
  max: number;
  /** Commit -> the first of its watchers shows it. */
  firstP50: number;
  firstP99: number;
  /** Commit -> published: with Redis, the relay's claim, its checks and the append to the stream
   * (the part before the sidecar); over HTTP and for the floor, the server's answer, which comes
   * after it has written the event to every client. */
  publishedP50: number;
  publishedP99: number;
  /** CPU per event received by a client, from the timed commits to the last receipt: of the
   * server (the sidecar, or the plain ws server) and of the process holding the clients. */
  serverCpuUs: number;
  clientsCpuUs: number;
}

const FLOOR = "one product, plain ws (floor)";
type Scenario = "one product" | "500 products" | typeof FLOOR;

async function latency(data: BenchData, publisher: Publisher | "plain ws", server: number, clients: ClientsChild, scenario: Scenario, rate: number, conflation: LatencyResult["conflation"]): Promise<LatencyResult> {
  const interval = 1000 / rate;
  const targets = scenario === "500 products" ? data.spread : [data.hot];
  const rooms = Array.from({ length: CLIENTS }, (_, i) => [targets[i % targets.length]!.productId]);
  if (publisher === "plain ws") await clients.call({ cmd: "connect-ws", url: `ws://127.0.0.1:${WS_PORT}`, count: CLIENTS, track: true });
  else await clients.call({ cmd: "connect-io", url: `http://127.0.0.1:${SIDECAR_PORT}`, rooms });
  const watchers = new Map<string, number>();
  for (const r of rooms) watchers.set(r[0]!, (watchers.get(r[0]!) ?? 0) + 1);

  // After each commit: the relay (as the app does after a mutation), or, for the floor, the
  // committed state straight to the plain ws server.
  /** `${variantId}:${version}` -> when its publish returned. */
  const published = new Map<string, number>();
  const timed: Publisher | undefined =
    publisher === "plain ws"
      ? undefined
      : {
          kind: publisher.kind,
          close: () => publisher.close(),
          async publish(messages) {
            await publisher.publish(messages);
            const t = now();
            for (const m of messages) if ("payload" in m) published.set(`${(m.payload as { variantId: string }).variantId}:${(m.payload as { version: number }).version}`, t);
          },
        };
  // Each row publishes its own commits only: the floor's commits write outbox rows too, which no
  // relay takes (published by the next row's relay, they were 2.8x the events and a second's lag).
  await data.db.$executeRaw`UPDATE "OutboxEvent" SET "publishedAt" = now() WHERE "publishedAt" IS NULL`;
  const relay = timed ? new OutboxRelay(data.db, timed, { pollMs: 60_000 }) : undefined;
  const after = async (r: { live: { variantId: string; version: number } }) => {
    if (relay) return relay.kick();
    const res = await fetch(`http://127.0.0.1:${WS_PORT}/event`, { method: "POST", body: JSON.stringify({ payload: { ...r.live, delta: -1, reason: "CORRECTION" } }) });
    await res.body?.cancel();
    // The plain ws server answers once it has written the event to every client.
    published.set(`${r.live.variantId}:${r.live.version}`, now());
  };
  const commits = new Map<string, { at: number; watchers: number }>();
  // Warm-up: a few changes not counted.
  for (let i = 0; i < 10; i++) {
    await after(await inTransaction(data.db, (tx) => adjustStock(tx, data.seller, { variantId: targets[i % targets.length]!.variantId, delta: -1, reason: "CORRECTION" })));
  }
  await sleep(200);
  await clients.call({ cmd: "reset" });
  const cpuAt = [processCpuMs(server) ?? 0, processCpuMs(clients.pid) ?? 0];

  for (let i = 0; i < EVENTS; i++) {
    const t = targets[i % targets.length]!;
    const started = now();
    const r = await inTransaction(data.db, (tx) => adjustStock(tx, data.seller, { variantId: t.variantId, delta: -1, reason: "CORRECTION" }));
    commits.set(`${r.variantId}:${r.version}`, { at: now(), watchers: watchers.get(t.productId) ?? 0 });
    void after(r);
    const wait = interval - (now() - started);
    if (wait > 0) await sleep(wait);
  }
  await relay?.kick();
  const expected = [...commits.values()].reduce((s, c) => s + c.watchers, 0);
  let report = await clients.call<{ receipts: [string, number[]][]; total: number; received: number }>({ cmd: "report" });
  for (let i = 0; i < 50 && report.total < expected; i++) {
    await sleep(100);
    report = await clients.call({ cmd: "report" });
  }
  const [serverMs, clientsMs] = [processCpuMs(server) ?? 0, processCpuMs(clients.pid) ?? 0].map((ms, i) => ms - cpuAt[i]!) as [number, number];
  await relay?.stop();
  const lat: number[] = [];
  /** Per commit, until the first page showed it: the relay, Redis and the sidecar's queue,
   * before the fan-out to every watcher. */
  const first: number[] = [];
  const pub: number[] = [];
  for (const [key, times] of report.receipts) {
    const c = commits.get(key);
    if (!c) continue;
    for (const t of times) lat.push(t - c.at);
    first.push(Math.min(...times) - c.at);
    const p = published.get(key);
    if (p !== undefined) pub.push(p - c.at);
  }
  return {
    scenario,
    rate,
    backend: data.backend,
    conflation,
    via: publisher === "plain ws" ? "plain ws broadcast" : publisher.kind === "redis-streams" ? "Redis stream + streams adapter" : publisher.kind === "redis" ? "Redis emitter + pub/sub adapter" : "HTTP to the sidecar",
    events: EVENTS,
    deliveries: lat.length,
    expected,
    received: report.received,
    p50: round(percentile(lat, 50)),
    p99: round(percentile(lat, 99)),
    firstP50: round(percentile(first, 50)),
    firstP99: round(percentile(first, 99)),
    publishedP50: round(percentile(pub, 50)),
    publishedP99: round(percentile(pub, 99)),
    serverCpuUs: round((serverMs * 1000) / Math.max(1, report.received), 1),
    clientsCpuUs: round((clientsMs * 1000) / Math.max(1, report.received), 1),
    max: round(lat.reduce((m, x) => (x > m ? x : m), -Infinity)),
  };
}

async function fanout(kind: "socket.io sidecar" | "plain ws broadcast", clients: ClientsChild, messages: number) {
  // Each message another variant: pure fan-out, nothing for conflation to leave out (decision 201).
  const payload = { productId: "fanout", storeId: "s", stock: 5, lowStockThreshold: 5, priceMinor: 1999, currency: "USD", delta: -1, reason: "ORDER", version: 1 };
  const rounds: number[] = [];
  for (let round_ = 0; round_ < 3; round_++) {
    await clients.call({ cmd: "reset" });
    const t0 = now();
    if (kind === "socket.io sidecar") {
      const msgs = Array.from({ length: messages }, (_, i) => ({ event: "stock.changed", rooms: ["product:fanout"], payload: { ...payload, variantId: `fanout-${i}` } }));
      const res = await fetch(`http://127.0.0.1:${SIDECAR_PORT}/internal/publish`, {
        method: "POST",
        headers: { authorization: `Bearer ${internalPublishKey(SECRET)}`, "content-type": "application/json" },
        body: JSON.stringify({ messages: msgs }),
      });
      if (res.status !== 204) throw new Error(`publish answered ${res.status}`);
    } else {
      await fetch(`http://127.0.0.1:${WS_PORT}/blast`, { method: "POST", body: JSON.stringify({ count: messages, payload }) });
    }
    let r = await clients.call<{ total: number; last: number }>({ cmd: "report" });
    for (let i = 0; i < 300 && r.total < CLIENTS * messages; i++) {
      await sleep(20);
      r = await clients.call({ cmd: "report" });
    }
    if (r.total < CLIENTS * messages) throw new Error(`${kind}: ${r.total} of ${CLIENTS * messages} delivered`);
    rounds.push((CLIENTS * messages) / ((r.last - t0) / 1000));
  }
  rounds.sort((a, b) => a - b);
  return Math.round(rounds[1]!); // the median of three
}

// ---------- main ----------
async function main() {
  // Always rebuilt (a few seconds): a bundle left from older code would measure that code.
  await buildBundles();
  const results: Record<string, unknown> = { machine: machineInfo(), clients: CLIENTS, events: EVENTS, rates: RATES };

  // Startup and memory at rest.
  const startups: number[] = [];
  const atRest: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = startSidecar();
    startups.push(await untilConnects(`http://127.0.0.1:${SIDECAR_PORT}`));
    await sleep(300);
    atRest.push((await health(SIDECAR_PORT)).rssBytes);
    await stop(p);
  }
  const startupMs = round(percentile(startups, 50), 0);
  const restMB = round(percentile(atRest, 50) / 2 ** 20, 1);

  // Fan-out and memory per 1,000 clients, beside the plain ws server.
  const FAN_MESSAGES = 100;
  const sidecar = startSidecar();
  await untilConnects(`http://127.0.0.1:${SIDECAR_PORT}`);
  let clients = await clientsChild();
  await clients.call({ cmd: "connect-io", url: `http://127.0.0.1:${SIDECAR_PORT}`, rooms: Array.from({ length: CLIENTS }, () => ["fanout"]) });
  await sleep(500);
  const withClients = (await health(SIDECAR_PORT)).rssBytes;
  const perThousandMB = round(((withClients - percentile(atRest, 50)) / 2 ** 20) * (1000 / CLIENTS), 1);
  const ioRate = await fanout("socket.io sidecar", clients, FAN_MESSAGES);
  await clients.close();
  await stop(sidecar);

  const wsServer = await startWsServer();
  clients = await clientsChild();
  await clients.call({ cmd: "connect-ws", url: `ws://127.0.0.1:${WS_PORT}`, count: CLIENTS });
  const wsRate = await fanout("plain ws broadcast", clients, FAN_MESSAGES);
  await clients.close();
  await stop(wsServer);

  // Commit-to-browser latency.
  const latencies: LatencyResult[] = [];
  const backends: ("pglite" | "postgres")[] = BACKEND === "both" ? ["pglite", "postgres"] : [BACKEND as "pglite" | "postgres"];
  for (const backend of backends) {
    const data = await prepare(backend);
    const viaRedis = backend === "postgres";
    try {
      // Conflation on (the default) and off, the same-run baseline for the hot product, and the
      // floor, in turn.
      const order = Array.from({ length: REPEAT }, (_, r) => (r % 2 === 0 ? (["on", "off", "-"] as const) : (["-", "off", "on"] as const))).flat();
      for (const conflation of order) {
        if (conflation === "-") {
          const ws = await startWsServer();
          try {
            for (const rate of RATES) {
              const c = await clientsChild();
              latencies.push(await latency(data, "plain ws", ws.pid!, c, FLOOR, rate, "-"));
              await c.close();
            }
          } finally {
            await stop(ws);
          }
          continue;
        }
        const sc = startSidecar(viaRedis ? REDIS_URL : undefined, conflation);
        await untilConnects(`http://127.0.0.1:${SIDECAR_PORT}`);
        const publisher = viaRedis ? createRedisPublisher({ redisUrl: REDIS_URL }) : createHttpPublisher({ sidecarUrl: `http://127.0.0.1:${SIDECAR_PORT}`, key: internalPublishKey(SECRET) });
        if (viaRedis) for (let i = 0; i < 100; i++) { try { await publisher.publish([]); break; } catch { await sleep(50); } }
        await sleep(300);
        try {
          for (const rate of RATES) {
            for (const scenario of ["one product", "500 products"] as const) {
              const c = await clientsChild();
              latencies.push(await latency(data, publisher, sc.pid!, c, scenario, rate, conflation));
              await c.close();
            }
          }
        } finally {
          await publisher.close();
          await stop(sc);
        }
      }
    } finally {
      await data.close();
    }
  }

  console.log(`\nRealtime benchmark: ${CLIENTS} clients, ${EVENTS} commits per row, each row ${REPEAT} times\n`);
  // Medians over the repeats of each row.
  const rows = new Map<string, LatencyResult[]>();
  for (const l of latencies) {
    const k = [l.scenario, l.rate, l.backend, l.conflation].join("|");
    rows.set(k, [...(rows.get(k) ?? []), l]);
  }
  const med = (xs: number[]) => round(percentile(xs, 50));
  const span = (xs: number[]) => `${round(Math.min(...xs))}–${round(Math.max(...xs))}`;
  printTable(
    ["commit -> browser shows it", "commits/s", "backend", "conflation", "runs", "shown", "events sent", "p50 ms", "p99 ms (median)", "p99 ms (range)", "first page p99 ms", "server CPU µs/event", "clients CPU µs/event"],
    [...rows.values()].map((ls) => {
      const l = ls[0]!;
      const all = (f: (x: LatencyResult) => number) => ls.map(f);
      const shown = `${all((x) => x.deliveries).reduce((a, b) => a + b, 0)}/${all((x) => x.expected).reduce((a, b) => a + b, 0)}`;
      return [l.scenario, l.rate, l.backend, l.conflation, ls.length, shown, all((x) => x.received).reduce((a, b) => a + b, 0), med(all((x) => x.p50)), med(all((x) => x.p99)), span(all((x) => x.p99)), med(all((x) => x.firstP99)), med(all((x) => x.serverCpuUs)), med(all((x) => x.clientsCpuUs))];
    }),
  );
  console.log("\nEvery run:\n");
  printTable(
    ["commit -> browser shows it", "commits/s", "backend", "via", "conflation", "shown", "events sent", "p50 ms", "p99 ms", "max ms", "first page p50 ms", "first page p99 ms", "published p50 ms", "published p99 ms", "server CPU µs/event", "clients CPU µs/event"],
    latencies.map((l) => [l.scenario, l.rate, l.backend, l.via, l.conflation, `${l.deliveries}/${l.expected}`, l.received, l.p50, l.p99, l.max, l.firstP50, l.firstP99, l.publishedP50, l.publishedP99, l.serverCpuUs, l.clientsCpuUs]),
  );
  console.log("");
  printTable(
    ["fan-out", `deliveries/s to ${CLIENTS} clients`, "ratio"],
    [
      ["socket.io sidecar", ioRate, round(ioRate / wsRate, 2)],
      ["plain ws broadcast (baseline)", wsRate, 1],
    ],
  );
  console.log("");
  printTable(
    ["sidecar", "value", "goal"],
    [
      ["memory at rest (RSS)", `${restMB} MB`, "< 70 MB"],
      [`memory per 1,000 clients`, `${perThousandMB} MB`, "-"],
      ["start to first accepted connection (median of 5)", `${startupMs} ms`, "< 300 ms"],
    ],
  );
  Object.assign(results, { latencies, fanout: { socketio: ioRate, ws: wsRate, ratio: round(ioRate / wsRate, 2), messages: FAN_MESSAGES }, memory: { restMB, perThousandMB }, startupMs, startups });
  console.log(`\nresults: ${path.relative(root, writeResults("realtime", results))}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
