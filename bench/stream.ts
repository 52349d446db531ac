// Order stream benchmark (npm run bench:stream), on a throwaway PostgreSQL database and the local
// Redis:
//  1. Events ingested per second by one consumer on each transport (the PostgreSQL queue table;
//     Redis Streams), beside a raw baseline in the same run: a plain XREADGROUP loop that inserts the
//     same rows (order, items, payment, delivery) with plain `pg`, one transaction per event, then
//     XACK: no validation, idempotency, stock, outbox or dead letters. The gap is our overhead.
//  2. GET /api/orders/{order_uid} through its handler (admin session): p50/p99 answered from the
//     order cache, and from the database (a cache of one entry: every call misses).
// Rounds interleave the paths so background load falls on all of them alike.
//   --events 2000   --rounds 3   --reads 2000
import os from "node:os";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";
import type { Session } from "next-auth";
import { openDb } from "@/server/db/client";
import { OrderStreamConsumer } from "@/server/stream/consumer";
import { OrderCache } from "@/server/stream/order-cache";
import { createOrderApi } from "@/server/stream/order-api";
import { PgStreamTransport } from "@/server/stream/pg-transport";
import { RedisStreamTransport } from "@/server/stream/redis-transport";
import { CONSUMER_GROUP, ORDERS_IN } from "@/server/stream/transport";
import { FIXTURE_ORDER_EVENT } from "@/server/services/orders/order-event-fixture";
import type { TOrderEvent } from "@/server/services/orders/order-event";
import { createBenchDb } from "./lib/bench-db";
import { percentile, round } from "./lib/load";
import { intFlag, machineInfo, parseFlags, printTable, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const EVENTS = intFlag(flags, "events", 2000);
const ROUNDS = intFlag(flags, "rounds", 3);
const READS = intFlag(flags, "reads", 2000);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const silent = { info() {}, warn() {}, error() {} };

function events(n: number, knownChrtIds: number[]): TOrderEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const uid = `b${randomBytes(9).toString("hex")}`;
    const item = FIXTURE_ORDER_EVENT.items[0]!;
    const chrt = i % 3 === 0 ? knownChrtIds[i % knownChrtIds.length]! : 1_900_000_000 + (i % 1000);
    return { ...FIXTURE_ORDER_EVENT, order_uid: uid, payment: { ...FIXTURE_ORDER_EVENT.payment, transaction: uid }, items: [{ ...item, chrt_id: chrt, rid: `${uid}-0` }] };
  });
}

/** The baseline: XREADGROUP, JSON.parse, the same rows inserted with plain pg, XACK. */
async function rawBaseline(url: string, key: string, n: number): Promise<number> {
  const redis = new Redis(REDIS_URL);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let done = 0;
  const started = performance.now();
  while (done < n) {
    const res = (await redis.call("XREADGROUP", "GROUP", CONSUMER_GROUP, "raw", "COUNT", "64", "BLOCK", "1000", "STREAMS", key, ">")) as unknown[] | null;
    const entries = (res && typeof res[0] === "string" ? res[1] : (res as [string, unknown][] | null)?.[0]?.[1]) as [string, string[]][] | undefined;
    if (!entries?.length) continue;
    for (const [, fields] of entries) {
      const e = JSON.parse(fields[1]!) as TOrderEvent;
      const id = `c${randomBytes(12).toString("hex")}`;
      const p = e.payment;
      const d = e.delivery;
      const it = e.items[0]!;
      await client.query("BEGIN");
      await client.query(
        `WITH o AS (INSERT INTO "Order" (id, "orderUid", "trackNumber", entry, source, status, currency, "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "createdAt", "updatedAt")
                    VALUES ($1, $2, $3, $4, 'EVENT', 'PAID', $5, $6, $7, $8, now(), now())),
              i AS (INSERT INTO "OrderItem" (id, "orderId", "chrtId", "nmId", "priceMinor", rid, name, "totalPriceMinor", brand, currency) VALUES ($1 || 'i', $1, $9, $10, $11, $12, $13, $14, $15, $5)),
              pay AS (INSERT INTO "Payment" (id, "orderId", transaction, currency, provider, "amountMinor", status, "createdAt", "updatedAt") VALUES ($1 || 'p', $1, $16, $5, $17, $8, 'SUCCEEDED', now(), now()))
         INSERT INTO "Delivery" (id, "orderId", name, phone, zip, city, address, region, email) VALUES ($1 || 'd', $1, $18, $19, $20, $21, $22, $23, $24)`,
        [id, e.order_uid, e.track_number, e.entry, p.currency, p.goods_total, p.delivery_cost, p.amount, it.chrt_id, it.nm_id, it.price, it.rid, it.name, it.total_price, it.brand, p.transaction, p.provider, d.name, d.phone, d.zip, d.city, d.address, d.region, d.email],
      );
      await client.query("COMMIT");
    }
    const ids = entries.map(([id]) => id);
    await redis.multi().call("XACK", key, CONSUMER_GROUP, ...ids).call("XDEL", key, ...ids).exec();
    done += entries.length;
  }
  const ms = performance.now() - started;
  await client.end();
  redis.disconnect();
  return ms;
}

async function main() {
  const load = os.loadavg()[0]!;
  console.log(`machine: ${os.cpus().length} cpus, load ${load.toFixed(2)}`);
  const bench = await createBenchDb();
  const handle = await openDb({ url: bench.url }, { poolSize: 10 });
  const db = handle.db;
  const prefix = `lmbench:${process.pid}:`;
  const redis = new RedisStreamTransport(REDIS_URL, prefix);
  const pgT = new PgStreamTransport(db, { pollMs: 20 });
  try {
    const known = await db.variant.findMany({ where: { product: { status: "ACTIVE" } }, take: 10, select: { id: true, chrtId: true } });
    await db.$executeRaw`UPDATE "Variant" SET stock = 1000000 WHERE id = ANY(${known.map((k) => k.id)}::text[])`;
    const chrts = known.map((k) => k.chrtId);
    const ms: Record<"postgres" | "redis" | "raw", number[]> = { postgres: [], redis: [], raw: [] };
    const ingest = async (tr: PgStreamTransport | RedisStreamTransport) => {
      await tr.publishMany(ORDERS_IN, events(EVENTS, chrts).map((e) => JSON.stringify(e)));
      const c = new OrderStreamConsumer(db, tr, { batchSize: 64, blockMs: 50, logger: silent });
      const started = performance.now();
      while ((await tr.lag(ORDERS_IN)) > 0) await c.runOnce();
      if (c.stats.applied + c.stats.short !== EVENTS) throw new Error(`stored ${c.stats.applied + c.stats.short} of ${EVENTS}`);
      return performance.now() - started;
    };
    for (let r = 0; r < ROUNDS; r++) {
      const order = (["postgres", "redis", "raw"] as const).map((_, i, a) => a[(i + r) % 3]!);
      for (const path of order) {
        if (path === "postgres") ms.postgres.push(await ingest(pgT));
        else if (path === "redis") ms.redis.push(await ingest(redis));
        else {
          await redis.publishMany(ORDERS_IN, events(EVENTS, chrts).map((e) => JSON.stringify(e)));
          ms.raw.push(await rawBaseline(bench.url, redis.key(ORDERS_IN), EVENTS));
        }
      }
    }
    const rate = (xs: number[]) => round(EVENTS / (percentile(xs, 50) / 1000), 0);

    // ---- 2. GET /api/orders/{order_uid} ----
    const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, name: true, email: true } });
    const session: Session = { user: { id: admin.id, name: admin.name, email: admin.email, role: "ADMIN", mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() } as Session;
    const uids = (await db.order.findMany({ where: { source: "EVENT" }, take: 500, orderBy: { createdAt: "desc" }, select: { orderUid: true } })).map((o) => o.orderUid);
    const warm = new OrderCache(db, { max: 10_000 });
    await warm.getMany(uids);
    const cold = new OrderCache(db, { max: 1 });
    const apiFor = (cache: OrderCache) =>
      createOrderApi({ getDb: async () => db, getSession: async () => session, getCache: async () => cache, getTransport: async () => pgT, testEndpointOpen: () => true });
    const lat: Record<"cache" | "database", number[]> = { cache: [], database: [] };
    for (const [name, api] of [["cache", apiFor(warm)], ["database", apiFor(cold)]] as const) {
      for (let i = 0; i < READS; i++) {
        const uid = uids[(i * 7919) % uids.length]!;
        const t0 = performance.now();
        const res = await api.getOne(new Request(`http://localhost/api/orders/${uid}`), uid);
        await res.text();
        lat[name].push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
      }
    }

    console.log(`\nOrder events ingested by one consumer (${EVENTS} events a round, ${ROUNDS} rounds; median round)`);
    printTable(
      ["path", "events/s", "median round ms"],
      [
        ["PostgreSQL queue table + consumer", rate(ms.postgres), round(percentile(ms.postgres, 50), 0)],
        ["Redis Streams + consumer", rate(ms.redis), round(percentile(ms.redis, 50), 0)],
        ["baseline: plain XREADGROUP loop + plain pg inserts", rate(ms.raw), round(percentile(ms.raw, 50), 0)],
      ],
    );
    console.log(`\nGET /api/orders/{order_uid} through its handler, admin session (${READS} sequential reads each)`);
    const p = (xs: number[], q: number) => round(percentile(xs, q), 2);
    printTable(["answered from", "p50 ms", "p99 ms"], (["cache", "database"] as const).map((k) => [k, p(lat[k], 50), p(lat[k], 99)]));
    const file = writeResults("stream", {
      machine: { ...machineInfo(), loadAvg1: load },
      settings: { events: EVENTS, rounds: ROUNDS, reads: READS },
      ingestMs: ms,
      eventsPerSec: { postgres: rate(ms.postgres), redis: rate(ms.redis), raw: rate(ms.raw) },
      get: Object.fromEntries((["cache", "database"] as const).map((k) => [k, { p50: p(lat[k], 50), p99: p(lat[k], 99) }])),
    });
    console.log(`\nresults: ${file}`);
  } finally {
    await redis.close();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
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
