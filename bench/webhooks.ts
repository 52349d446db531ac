// Webhook benchmark (npm run bench:webhooks), on a throwaway PostgreSQL database:
//  1. Deliveries per second to a loopback receiver that verifies every signature: outbox rows
//     fanned out by the worker, claimed, signed, POSTed and recorded (concurrency 16), beside a
//     baseline measured in the same run: a bare loop POSTing the same signed bodies with the same
//     concurrency and the same HTTP client settings (a new connection per POST), no database.
//     The difference is our overhead: fan-out, claims, leases and the log.
//  2. orders.place latency (the checkout, what the procedure runs) with no
//     webhook worker, with the worker delivering to a healthy receiver, and with the worker
//     stuck on a receiver that never answers (every attempt waits out the 10 s timeout).
// Rounds interleave the implementations so background load falls on all of them alike.
//   --events 2000   --rounds 3   --orders 150
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { openDb } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { outboxEvent, recordEvents } from "@/server/services/outbox/record-event";
import { checkout } from "@/server/services/orders/checkout";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "@/server/services/webhooks";
import { signWebhook, verifyWebhookSignature } from "@/server/webhooks/signature";
import { WebhookWorker } from "@/server/webhooks/worker";
import { createBenchDb } from "./lib/bench-db";
import { percentile, round } from "./lib/load";
import { intFlag, machineInfo, parseFlags, printTable, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const EVENTS = intFlag(flags, "events", 2000);
const ROUNDS = intFlag(flags, "rounds", 3);
const ORDERS = intFlag(flags, "orders", 150);
const CONCURRENCY = 16;
const silent = { info() {}, warn() {}, error() {} };

function receiver(opts: { hang?: boolean; secret: () => string }): Promise<{ server: Server; url: string; count: () => number; bad: () => number }> {
  let n = 0;
  let bad = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (opts.hang) return; // never answers
      const ok = verifyWebhookSignature({ secret: opts.secret(), body: Buffer.concat(chunks).toString("utf8"), header: req.headers["livemarket-signature"] as string });
      n++;
      if (!ok) bad++;
      res.writeHead(ok ? 200 : 400).end(ok ? "ok" : "bad");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, count: () => n, bad: () => bad })),
  );
}

/** The baseline: the same signed bodies POSTed by a bare loop, CONCURRENCY at once. */
async function bareLoop(url: string, secret: string, bodies: string[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const one = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "Livemarket-Signature": signWebhook(secret, body, Math.floor(Date.now() / 1000)) } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) await one(bodies[next++]!);
    }),
  );
  return performance.now() - started;
}

async function main() {
  const load = os.loadavg()[0]!;
  console.log(`machine: ${os.cpus().length} cpus, load ${load.toFixed(2)}`);
  const bench = await createBenchDb();
  const handle = await openDb({ url: bench.url }, { poolSize: 10 });
  const db = handle.db;
  try {
    const store = await db.store.findUniqueOrThrow({ where: { slug: "northwind" }, select: { id: true, ownerId: true } });
    const variant = await db.variant.findFirstOrThrow({ where: { product: { storeId: store.id, status: "ACTIVE" } }, select: { id: true, productId: true, priceMinor: true, currency: true } });
    await db.variant.update({ where: { id: variant.id }, data: { stock: 1_000_000 } });
    const seller = { id: store.ownerId, role: "SELLER" };
    // Nothing recorded before the endpoints exist is theirs.
    await new WebhookWorker(db, { allowPrivate: true, logger: silent }).settle();

    // ---- 1. deliveries per second ----
    let secret = "";
    const rx = await receiver({ secret: () => secret });
    const made = await inTransaction(db, (tx) => createWebhookEndpoint(tx, { actor: seller, storeId: store.id, url: rx.url, events: ["stock.changed"] }, { allowPrivate: true }));
    secret = made.secret;
    const ours: number[] = [];
    const bare: number[] = [];
    const dispatchMs: number[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const events = Array.from({ length: EVENTS }, (_, i) =>
        outboxEvent("stock.changed", variant.productId, { productId: variant.productId, variantId: variant.id, storeId: store.id, stock: i, lowStockThreshold: 5, priceMinor: variant.priceMinor, currency: variant.currency, version: i, delta: 1, reason: "RESTOCK" }),
      );
      const order = round_ % 2 === 0 ? ["ours", "bare"] : ["bare", "ours"];
      for (const which of order) {
        if (which === "ours") {
          for (let i = 0; i < events.length; i += 500) await inTransaction(db, (tx) => recordEvents(tx, events.slice(i, i + 500)));
          const w = new WebhookWorker(db, { allowPrivate: true, logger: silent, concurrency: CONCURRENCY, perEndpoint: CONCURRENCY });
          const before = rx.count();
          const t0 = performance.now();
          while ((await w.dispatchBatch()) > 0);
          const t1 = performance.now();
          await w.settle();
          const t2 = performance.now();
          if (rx.count() - before !== EVENTS) throw new Error(`expected ${EVENTS} deliveries, got ${rx.count() - before}`);
          dispatchMs.push(t1 - t0);
          ours.push(t2 - t0);
        } else {
          const bodies = events.map((e, i) => JSON.stringify({ id: `evt_bare_${round_}_${i}`, type: "stock.changed", created: new Date().toISOString(), data: e.payload }));
          bare.push(await bareLoop(rx.url, secret, bodies));
        }
      }
    }
    if (rx.bad() > 0) throw new Error(`${rx.bad()} deliveries failed verification`);
    await inTransaction(db, (tx) => deleteWebhookEndpoint(tx, { actor: seller, storeId: store.id, id: made.endpoint.id }));
    const rate = (ms: number[]) => round(EVENTS / (percentile(ms, 50) / 1000), 0);

    // ---- 2. orders.place latency beside a hanging receiver ----
    const customer = await db.user.findUniqueOrThrow({ where: { email: "customer@livemarket.test" }, select: { id: true } });
    let healthySecret = "";
    const healthy = await receiver({ secret: () => healthySecret });
    const hanging = await receiver({ hang: true, secret: () => "" });
    const place = async () => {
      const t0 = performance.now();
      await checkout(db, customer.id, {
        idempotencyKey: `bench-wh-${Math.random().toString(36).slice(2)}`,
        lines: [{ variantId: variant.id, quantity: 1 }],
        delivery: { name: "Bench", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "b@example.com" },
        payment: { method: "card", cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" },
      });
      return performance.now() - t0;
    };
    const scenarios = ["no worker", "healthy receiver", "hanging receiver"] as const;
    const latencies: Record<(typeof scenarios)[number], number[]> = { "no worker": [], "healthy receiver": [], "hanging receiver": [] };
    const stuck: number[] = [];
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      for (const s of round_ % 2 === 0 ? scenarios : [...scenarios].reverse()) {
        let worker: WebhookWorker | null = null;
        let endpointId: string | null = null;
        if (s !== "no worker") {
          const target = s === "healthy receiver" ? healthy : hanging;
          const ep = await inTransaction(db, (tx) => createWebhookEndpoint(tx, { actor: seller, storeId: store.id, url: target.url, events: ["order.placed", "stock.changed"] }, { allowPrivate: true }));
          if (s === "healthy receiver") healthySecret = ep.secret;
          endpointId = ep.endpoint.id;
          worker = new WebhookWorker(db, { allowPrivate: true, logger: silent }).start();
        }
        for (let i = 0; i < Math.ceil(ORDERS / ROUNDS); i++) {
          latencies[s].push(await place());
          void worker?.kick(); // what the app does after every mutation
        }
        if (worker) {
          if (s === "hanging receiver") stuck.push(await db.webhookDelivery.count({ where: { endpointId: endpointId!, lockedUntil: { not: null }, status: "PENDING" } }));
          await inTransaction(db, (tx) => deleteWebhookEndpoint(tx, { actor: seller, storeId: store.id, id: endpointId! }));
          hanging.server.closeAllConnections();
          await worker.stop();
        }
      }
    }
    for (const r of [rx, healthy, hanging]) {
      r.server.closeAllConnections();
      r.server.close();
    }

    const p = (xs: number[], q: number) => round(percentile(xs, q), 1);
    console.log(`\nWebhook deliveries to a loopback receiver (${EVENTS} events a round, ${ROUNDS} rounds, concurrency ${CONCURRENCY}; median round)`);
    printTable(
      ["path", "deliveries/s", "median round ms"],
      [
        ["webhook worker (fan-out + claim + sign + POST + log)", rate(ours), round(percentile(ours, 50), 0)],
        ["  of which fan-out (outbox -> deliveries)", round(EVENTS / (percentile(dispatchMs, 50) / 1000), 0), round(percentile(dispatchMs, 50), 0)],
        ["baseline: bare signed POST loop, no database", rate(bare), round(percentile(bare, 50), 0)],
      ],
    );
    console.log(`\norders.place latency (checkout, ${latencies["no worker"].length} orders per scenario, sequential)`);
    printTable(
      ["scenario", "p50 ms", "p99 ms", "max ms"],
      scenarios.map((s) => [s, p(latencies[s], 50), p(latencies[s], 99), p(latencies[s], 100)]),
    );
    console.log(`deliveries held by the hanging receiver at the end of each round: ${stuck.join(", ")}`);
    const file = writeResults("webhooks", {
      machine: { ...machineInfo(), loadAvg1: load },
      settings: { events: EVENTS, rounds: ROUNDS, orders: ORDERS, concurrency: CONCURRENCY },
      deliveries: { oursMs: ours, dispatchMs, bareMs: bare, oursPerSec: rate(ours), barePerSec: rate(bare) },
      orders: Object.fromEntries(scenarios.map((s) => [s, { p50: p(latencies[s], 50), p99: p(latencies[s], 99), max: p(latencies[s], 100), n: latencies[s].length }])),
      hangingHeld: stuck,
    });
    console.log(`\nresults: ${file}`);
  } finally {
    await handle.close();
    await bench.drop();
  }
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
