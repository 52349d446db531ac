// The order event stream on every transport and database this run has: the transports' own
// guarantees, storing an event (stock, shortfall, external lines, idempotency), and the consumer
// under load: 10,000 events with 5 % duplicates and 2 % malformed, one consumer killed after
// taking a batch (half of it stored, nothing acknowledged) and a second one finishing the work:
// exact counts, stock equal to the ledger and never below zero, no order twice.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backends, openTestDb, type BackendName, type TestDb } from "@/test/backends";
import { openDb, type Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { applyOrderEvent, applyOrderEvents } from "@/server/services/orders/order-event-apply";
import { orderEventFromRows, orderEventSelect } from "@/server/services/orders/order-event";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { OrderStreamConsumer, type Outcome } from "./consumer";
import { currentRequestId } from "@/server/observability/request-context";
import { OrderCache } from "./order-cache";
import { PgStreamTransport } from "./pg-transport";
import { RedisStreamTransport } from "./redis-transport";
import { ORDERS_DEAD, ORDERS_IN, type StreamTransport } from "./transport";
import { FIXTURE, orderEvent } from "@/test/stream/helpers";
import { Redis } from "ioredis";
import pg from "pg";

type Kind = "postgres" | "redis";
const cases: [BackendName, Kind][] = [
  ...backends().map((b) => [b, "postgres"] as [BackendName, Kind]),
  ...(inject("redisUrl") ? [[backends().at(-1)!, "redis"] as [BackendName, Kind]] : []),
];

/** Polls `check` until it holds, failing after `ms`. */
async function until(check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(cases)("order stream on %s with the %s transport", (backend, kind) => {
  let t: TestDb;
  const prefix = `lmtest:${process.pid}:${Date.now().toString(36)}:`;
  const opened: StreamTransport[] = [];
  let seq = 0;

  function transport(db: Db = t.db): StreamTransport {
    const tr = kind === "redis" ? new RedisStreamTransport(inject("redisUrl")!, `${prefix}${seq}:`) : new PgStreamTransport(db, { pollMs: 20 });
    opened.push(tr);
    return tr;
  }
  /** A fresh stream namespace (Redis) or an empty queue (table) for one test. */
  async function freshStreams() {
    seq++;
    if (kind === "postgres") {
      await t.db.$executeRaw`DELETE FROM "StreamMessage"`;
      await t.db.$executeRaw`DELETE FROM "StreamDeadLetter"`;
    }
  }
  async function deadLetters(tr: StreamTransport): Promise<{ reason: string; payload: string }[]> {
    if (tr instanceof RedisStreamTransport) {
      const r = new Redis(inject("redisUrl")!);
      const rows = (await r.xrange(tr.key(ORDERS_DEAD), "-", "+")).map(([, f]) => ({ reason: f[f.indexOf("reason") + 1]!, payload: f[f.indexOf("payload") + 1]! }));
      r.disconnect();
      return rows;
    }
    return t.db.streamDeadLetter.findMany({ orderBy: { id: "asc" }, select: { reason: true, payload: true } });
  }
  async function freshVariant(stock: number) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", deletedAt: null }, select: { id: true, storeId: true } });
    const sku = `ST-${backend}-${kind}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor: 1000, stock }, select: { id: true, chrtId: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return { ...v, storeId: p.storeId };
  }
  const stockOf = async (id: string) => (await t.db.variant.findUniqueOrThrow({ where: { id }, select: { stock: true } })).stock;
  const ledgerSum = async (id: string) => (await t.db.inventoryMovement.aggregate({ where: { variantId: id }, _sum: { delta: true } }))._sum.delta ?? 0;

  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => {
    for (const tr of opened) await tr.close().catch(() => undefined);
    if (kind === "redis") {
      const r = new Redis(inject("redisUrl")!);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    }
    await t?.close();
  });

  it("gives a message to one reader at a time, and to another once the first left it idle", async () => {
    await freshStreams();
    const tr = transport();
    await tr.publishMany(ORDERS_IN, ["a", "b", "c"]);
    expect(await tr.lag(ORDERS_IN)).toBe(3);
    const first = await tr.take(ORDERS_IN, "one", { count: 2, blockMs: 10, claimIdleMs: 60_000 });
    const second = await tr.take(ORDERS_IN, "two", { count: 5, blockMs: 10, claimIdleMs: 60_000 });
    expect(first.map((e) => e.payload)).toEqual(["a", "b"]);
    expect(second.map((e) => e.payload)).toEqual(["c"]);
    await tr.ack(ORDERS_IN, second.map((e) => e.id));
    expect(await tr.lag(ORDERS_IN)).toBe(2);
    // "one" never acknowledges: after the idle time "two" takes its messages, delivered twice.
    let again: Awaited<ReturnType<StreamTransport["take"]>> = [];
    await until(async () => (again = await tr.take(ORDERS_IN, "two", { count: 5, blockMs: 10, claimIdleMs: 100 })).length > 0);
    expect(again.map((e) => [e.payload, e.deliveries])).toEqual([["a", 2], ["b", 2]]);
    await tr.deadLetter(ORDERS_IN, again[0]!, "a reason");
    await tr.ack(ORDERS_IN, [again[1]!.id]);
    expect(await tr.lag(ORDERS_IN)).toBe(0);
    expect(await deadLetters(tr)).toEqual([{ reason: "a reason", payload: "a" }]);
  });

  it("stores an event: known SKUs take stock (EXTERNAL_ORDER), a shortfall is NEEDS_ATTENTION, unknown SKUs are external lines; a duplicate changes nothing", async () => {
    const plenty = await freshVariant(5);
    const scarce = await freshVariant(1);
    const unknown = 2_000_000_000;
    const e = orderEvent([{ chrtId: plenty.chrtId }, { chrtId: plenty.chrtId }, { chrtId: scarce.chrtId }, { chrtId: scarce.chrtId }, { chrtId: unknown }]);
    const r = await inTransaction(t.db, (tx) => applyOrderEvent(tx, e));
    expect(r).toMatchObject({ result: "short", shortLines: [{ chrtId: scarce.chrtId, short: 2 }] });
    expect(await stockOf(plenty.id)).toBe(3);
    expect(await stockOf(scarce.id)).toBe(1); // two wanted, one there: none taken, never below zero
    expect(await ledgerSum(plenty.id)).toBe(3);
    const moves = await t.db.inventoryMovement.findMany({ where: { variantId: plenty.id, reason: "EXTERNAL_ORDER" } });
    expect(moves.map((m) => m.delta)).toEqual([-2]);
    const order = await t.db.order.findUniqueOrThrow({
      where: { orderUid: e.order_uid },
      select: { ...orderEventSelect, id: true, status: true, source: true, shipments: { select: { storeId: true, status: true } }, items: { ...orderEventSelect.items, select: { ...orderEventSelect.items.select, variantId: true, shortQuantity: true } } },
    });
    expect(order.status).toBe("NEEDS_ATTENTION");
    expect(order.source).toBe("EVENT");
    expect(order.items.map((i) => [i.variantId, i.shortQuantity])).toEqual([[plenty.id, 0], [plenty.id, 0], [scarce.id, 1], [scarce.id, 1], [null, 0]]);
    expect(order.shipments.some((s) => s.status === "NEEDS_ATTENTION")).toBe(true);
    // The order reads back as the event it came from, field for field.
    expect(orderEventFromRows(order)).toEqual(e);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: order.id, topic: "order.placed" } })).toBe(1);
    expect(await t.db.outboxEvent.count({ where: { topic: "stock.changed", aggregateId: plenty.id } })).toBe(1);

    const again = await inTransaction(t.db, (tx) => applyOrderEvent(tx, e));
    expect(again).toEqual({ result: "duplicate", orderUid: e.order_uid });
    expect(await stockOf(plenty.id)).toBe(3);
    expect(await t.db.order.count({ where: { orderUid: e.order_uid } })).toBe(1);
  });

  it("cancelling a NEEDS_ATTENTION part gives back only the units it took", async () => {
    const v = await freshVariant(1);
    const w = await freshVariant(0);
    const store = await t.db.store.findUniqueOrThrow({ where: { id: v.storeId }, select: { ownerId: true } });
    const e = orderEvent([{ chrtId: v.chrtId }, { chrtId: w.chrtId }]);
    const r = await inTransaction(t.db, (tx) => applyOrderEvent(tx, e));
    expect(r.result).toBe("short");
    expect(await stockOf(v.id)).toBe(0);
    const part = await t.db.shipment.findFirstOrThrow({ where: { order: { orderUid: e.order_uid }, storeId: v.storeId } });
    expect(part.status).toBe("NEEDS_ATTENTION");
    await inTransaction(t.db, (tx) => transitionPart(tx, { userId: store.ownerId, storeId: v.storeId }, { orderId: part.orderId, to: "CANCELLED", expectedVersion: part.version }));
    expect(await stockOf(v.id)).toBe(1);
    expect(await stockOf(w.id)).toBe(0);
    expect(await ledgerSum(v.id)).toBe(1);
    expect(await ledgerSum(w.id)).toBe(0);
  });

  it("dead-letters what is not an order event, with the reason and the raw payload, and never retries it", async () => {
    await freshStreams();
    const tr = transport();
    const c = new OrderStreamConsumer(t.db, tr, { name: "dl", blockMs: 10, claimIdleMs: 100 });
    const bad = ["{not json", JSON.stringify({ ...FIXTURE, order_uid: "" }), JSON.stringify({ hello: 1 })];
    await tr.publishMany(ORDERS_IN, bad);
    while ((await tr.lag(ORDERS_IN)) > 0) await c.runOnce();
    expect(c.stats.invalid).toBe(3);
    const dl = await deadLetters(tr);
    expect(dl.map((d) => d.payload)).toEqual(bad);
    expect(dl[0]!.reason).toMatch(/^not JSON/);
    expect(dl[1]!.reason).toContain("order_uid");
    expect(await c.runOnce()).toBe(0);
  });

  it("keeps the request id a message was published with, and the consumer stores it under that id", async () => {
    await freshStreams();
    const tr = transport();
    const seen: { msg: string; requestId: string | undefined; fields?: Record<string, unknown> }[] = [];
    const note = (msg: string, fields?: Record<string, unknown>) => seen.push({ msg, requestId: currentRequestId(), fields });
    const c = new OrderStreamConsumer(t.db, tr, { name: "rid", blockMs: 10, claimIdleMs: 100, logger: { info: note, warn: note, error: note } });
    const e = orderEvent([{ chrtId: 2_000_000_001 }]);
    await tr.publish(ORDERS_IN, JSON.stringify(e), { requestId: "req-from-the-publisher" });
    await c.runOnce();
    expect(await t.db.order.count({ where: { orderUid: e.order_uid } })).toBe(1);
    expect(seen).toEqual([{ msg: "order events handled", requestId: "req-from-the-publisher", fields: { messages: 1, applied: 1, requestIds: ["req-from-the-publisher"] } }]);
    // A message without one (another system's) is handled under a fresh id.
    await tr.publish(ORDERS_IN, JSON.stringify(orderEvent([{ chrtId: 2_000_000_001 }])));
    await c.runOnce();
    expect(seen[1]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a batch takes variant locks in ascending id order only: an event that would lock below is left for the next transaction", async () => {
    const vs = (await Promise.all([0, 1, 2].map(() => freshVariant(5)))).sort((x, y) => (x.id < y.id ? -1 : 1));
    const [low, mid, high] = vs as [(typeof vs)[0], (typeof vs)[0], (typeof vs)[0]];
    const needsMid = orderEvent([{ chrtId: mid.chrtId }]);
    const lowAndHigh = orderEvent([{ chrtId: high.chrtId }, { chrtId: low.chrtId }]);
    const external = orderEvent([{ chrtId: 2_000_000_002 }]);
    // On a server, another transaction (a storefront order, say) holds `mid` meanwhile: the batch,
    // holding `high`, must not wait for it (that other transaction may be about to wait for `high`).
    const other = t.url ? new pg.Client({ connectionString: t.url }) : null;
    await other?.connect();
    await other?.query(`BEGIN; SELECT 1 FROM "Variant" WHERE id = '${mid.id}' FOR UPDATE`);
    const first = await inTransaction(t.db, async (tx) => {
      await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`; // waiting for `mid` fails the test instead of hanging it
      return applyOrderEvents(tx, [needsMid, lowAndHigh, external, needsMid]);
    });
    expect(first.map((r) => r.result)).toEqual(["later", "applied", "applied", "later"]);
    await other?.query("COMMIT");
    await other?.end();
    const second = await inTransaction(t.db, (tx) => applyOrderEvents(tx, [needsMid, needsMid]));
    expect(second.map((r) => r.result)).toEqual(["applied", "duplicate"]);
    expect([await stockOf(low.id), await stockOf(mid.id), await stockOf(high.id)]).toEqual([4, 4, 4]);
  });

  it("stores a batch at once; a copy within it is a duplicate, and an event the database refuses holds back only itself until it is dead-lettered", async () => {
    await freshStreams();
    const tr = transport();
    const c = new OrderStreamConsumer(t.db, tr, { name: "batch", blockMs: 10, claimIdleMs: 100, maxDeliveries: 2, logger: { info() {}, warn() {}, error() {} } });
    const v = await freshVariant(10);
    const good = orderEvent([{ chrtId: v.chrtId }]);
    const refused = { ...orderEvent([{ chrtId: v.chrtId }]), sm_id: 2 ** 40 }; // valid for the schema, too big for the column
    const other = orderEvent([{ chrtId: 2_000_000_003 }]);
    await tr.publishMany(ORDERS_IN, [good, refused, other, good].map((e) => JSON.stringify(e)));
    expect(await c.runOnce()).toBe(4);
    expect(c.stats).toMatchObject({ applied: 2, duplicate: 1, failed: 1, invalid: 0 });
    expect(await tr.lag(ORDERS_IN)).toBe(1);
    await until(async () => (await c.runOnce(), (await tr.lag(ORDERS_IN)) === 0));
    expect(c.stats).toMatchObject({ applied: 2, duplicate: 1, failed: 2, invalid: 1 });
    expect((await deadLetters(tr)).map((d) => [d.reason, d.payload])).toEqual([["failed 2 times", JSON.stringify(refused)]]);
    expect(await t.db.order.count({ where: { orderUid: { in: [good.order_uid, other.order_uid, refused.order_uid] } } })).toBe(2);
    expect(await stockOf(v.id)).toBe(9);
    expect(await ledgerSum(v.id)).toBe(9);
  });

  it("two consumers at once, every order_uid sent twice: each order stored once, stock equals the ledger, none failed", { timeout: 120_000 }, async () => {
    await freshStreams();
    const variants = await Promise.all([0, 1, 2, 3].map(() => freshVariant(60)));
    const events = Array.from({ length: 120 }, (_, i) =>
      orderEvent([0, 1, 2].slice(0, 1 + (i % 3)).map((k) => ({ chrtId: (k + i) % 4 === 3 ? 2_000_000_004 : variants[(i * 7 + k * 3) % 4]!.chrtId }))),
    );
    const payloads = [...events, ...events.slice().reverse()].map((e) => JSON.stringify(e));
    const tr = transport();
    await tr.publishMany(ORDERS_IN, payloads);
    // A batch that had to fall back to one transaction per event (a deadlock, say) says so here.
    const complaints: string[] = [];
    const log = { info() {}, warn: (m: string) => void complaints.push(m), error: (m: string) => void complaints.push(m) };
    const consumers = ["x", "y"].map((name) => new OrderStreamConsumer(t.db, transport(), { name, batchSize: 16, blockMs: 10, logger: log }).start());
    await until(async () => (await tr.lag(ORDERS_IN)) === 0, 100_000);
    await Promise.all(consumers.map((c) => c.stop()));
    const sum = (k: Outcome) => consumers.reduce((n, c) => n + c.stats[k], 0);
    expect(complaints).toEqual([]);
    expect(sum("failed")).toBe(0);
    expect(sum("applied") + sum("short")).toBe(events.length);
    expect(sum("duplicate")).toBe(events.length);
    expect(await t.db.order.count({ where: { orderUid: { in: events.map((e) => e.order_uid) } } })).toBe(events.length);
    for (const v of variants) expect(await ledgerSum(v.id)).toBe(await stockOf(v.id));
  });

  it("10,000 events, 5 % duplicates, 2 % malformed, a consumer killed mid-batch: exact counts, stock equals ledger, no order twice", { timeout: 600_000 }, async () => {
    await freshStreams();
    const variants = await Promise.all([0, 1, 2, 3, 4].map(() => freshVariant(400)));
    let rnd = 12345;
    const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const N = 10_000;
    const payloads: string[] = [];
    const unique: string[] = [];
    let malformed = 0;
    let dupes = 0;
    for (let i = 0; i < N; i++) {
      const roll = random();
      if (roll < 0.02) {
        malformed++;
        payloads.push(i % 2 ? `{"order_uid": "broken-${i}"` : JSON.stringify({ ...orderEvent([{ chrtId: 1 }]), items: [] }));
      } else if (roll < 0.07 && payloads.length > 0) {
        dupes++;
        payloads.push(JSON.stringify(orderEvent([{ chrtId: 3_000_000_000 % 2 ** 31 }], unique[Math.floor(random() * unique.length)])));
      } else {
        const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          random() < 0.3 ? { chrtId: variants[Math.floor(random() * variants.length)]!.chrtId } : { chrtId: 1_900_000_000 + Math.floor(random() * 1000) },
        );
        const e = orderEvent(items, `load-${backend}-${kind}-${i}`);
        unique.push(e.order_uid);
        payloads.push(JSON.stringify(e));
      }
    }
    if (dupes === 0 || unique.length === 0) throw new Error("generator broke");
    const trA = transport();
    await trA.publishMany(ORDERS_IN, payloads);
    expect(await trA.lag(ORDERS_IN)).toBe(N);

    // Consumer A (its own connections) works a while, then takes a batch, stores half of it
    // (committed) and dies before acknowledging anything of it.
    const dbA = t.url ? (await openDb({ url: t.url }, { poolSize: 2 })) : null;
    const a = new OrderStreamConsumer(dbA?.db ?? t.db, kind === "postgres" ? transport(dbA?.db ?? t.db) : trA, { name: "a", batchSize: 100, blockMs: 10, claimIdleMs: 1000 });
    for (let i = 0; i < 10; i++) await a.runOnce();
    const batch = await a.transport.take(ORDERS_IN, "a", { count: 100, blockMs: 10, claimIdleMs: 1000 });
    expect(batch.length).toBe(100);
    const outcomesA: Outcome[] = [];
    outcomesA.push(...(await a.handle(batch.slice(0, 50))));
    if (a.transport instanceof RedisStreamTransport) a.transport.kill();
    await dbA?.close();

    // Consumer B takes over: the new messages first, A's batch once it sat idle.
    const trB = transport();
    const b = new OrderStreamConsumer(t.db, trB, { name: "b", batchSize: 200, blockMs: 50, claimIdleMs: 1000 });
    const deadline = Date.now() + 540_000;
    while ((await trB.lag(ORDERS_IN)) > 0) {
      if (Date.now() > deadline) throw new Error("consumer B did not finish");
      await b.runOnce();
    }

    const sum = (k: Outcome) => a.stats[k] + b.stats[k];
    const unackedStored = outcomesA.filter((o) => o !== "invalid").length;
    expect(sum("failed")).toBe(0);
    expect(sum("applied") + sum("short")).toBe(unique.length);
    expect(sum("duplicate")).toBe(dupes + unackedStored);
    expect(sum("invalid")).toBe(malformed);
    expect((await deadLetters(trB)).length).toBe(malformed);
    expect(await t.db.order.count({ where: { orderUid: { in: unique } } })).toBe(unique.length);
    for (const v of variants) {
      const stock = await stockOf(v.id);
      expect(stock).toBeGreaterThanOrEqual(0);
      expect(await ledgerSum(v.id)).toBe(stock);
    }
    // Every unit taken is an item not short, and every short item took nothing.
    const ids = variants.map((v) => v.id);
    const taken = await t.db.orderItem.aggregate({ where: { variantId: { in: ids }, order: { orderUid: { in: unique } }, shortQuantity: 0 }, _count: true });
    const moved = await t.db.inventoryMovement.aggregate({ where: { variantId: { in: ids }, reason: "EXTERNAL_ORDER" }, _sum: { delta: true } });
    expect(-(moved._sum.delta ?? 0)).toBe(taken._count);
    expect(sum("short")).toBeGreaterThan(0);
  });

  it("the order cache answers from memory after a fill and reads the database on a miss", async () => {
    const cache = new OrderCache(t.db, { max: 10 });
    const e = orderEvent([{ chrtId: 2_000_000_001 }]);
    await inTransaction(t.db, (tx) => applyOrderEvent(tx, e));
    expect(cache.peek(e.order_uid)).toBeUndefined();
    expect((await cache.get(e.order_uid))?.event).toEqual(e);
    expect(cache.stats).toEqual({ hits: 0, misses: 1 });
    expect((await cache.get(e.order_uid))?.event).toEqual(e);
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
    expect(await cache.get("no-such-order")).toBeNull();
  });
});
