// Orders per second through the real procedure path (tRPC caller -> checkout -> Prisma over
// @prisma/adapter-pg), each beside a raw-`pg` baseline measured in the same run, on a fresh
// PostgreSQL database that is dropped at the end. See bench/README.md and docs/performance.md.
//
//   node --import tsx bench/orders.ts [--concurrency 16] [--orders 2000] [--seconds 15] ...
//
// Implementations (same order stream, same concurrency, same pool size, same lock order):
//   real      appRouter.createCaller(createContextInner({ db, session })).orders.place(...)
//   baseline  raw pg: BEGIN, the same conditional UPDATE per line (its RETURNING also takes the
//             product columns the items need), one INSERT per table with the same rows, COMMIT
//   mirror    the checkout's own steps over raw pg (their raw-SQL calls sent to a pg connection):
//             the real path's statements by construction, without Prisma: a diagnostic that splits
//             the gap into "the statements" and "client overhead per round trip"
// The pay scenario (a card gateway that takes --pay-latency ms, --pay-concurrency buyers of one
// SKU) compares the real path, which authorises between its transactions, with "held": the same
// steps in one transaction, the authorisation inside it while the variant's row is locked (the
// shape before decision 119).
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { openDb, type Db } from "@/server/db/client";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/db/transaction";
import { PLACE_ORDER_TX, reserveOrder } from "@/server/services/orders/place-order";
import { confirmOrder } from "@/server/services/orders/settle-payment";
import { ZPlaceOrderInput } from "@/server/services/orders/schemas";
import { testCardProvider, testCardSettings } from "@/server/services/payments/test-card";
import { createBenchDb, DEFAULT_ADMIN_URL, type BenchDb } from "./lib/bench-db";
import { addCpu, checkQuiet, cpuDelta, cpuSnapshot, cpuUse, NO_CPU, type CpuUse } from "./lib/cpu";
import { mergeLoads, rng, round, runLoad, summarize, type LoadResult, type Summary } from "./lib/load";
import { boolFlag, intFlag, machineInfo, parseFlags, printTable, strFlag, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
if (boolFlag(flags, "help", false)) {
  console.log(`node --import tsx bench/orders.ts [flags]
  --concurrency N     concurrent workers (default 16)
  --pool N            Prisma pool size and pg.Pool size (default = concurrency)
  --orders N          max orders per scenario and implementation (default 2000)
  --seconds N         max seconds per scenario and implementation (default 15)
  --warmup N          warm-up orders per implementation and scenario (default 200)
  --rounds N          interleaved rounds the orders/seconds are split into (default 3)
  --variants N        variants in the spread scenario (default 500)
  --hot-stock N       stock of each hot variant (default 3000, raised to warmup+orders if lower)
  --oversub-stock N   stock in the oversubscription round (default 100)
  --oversub-factor N  attempts = stock x factor (default 3)
  --impls LIST        baseline,real,mirror (default all)
  --scenarios LIST    spread,hot,oversub,pay (default all)
  --pay-latency N     pay scenario: the card provider's round trip in ms (default 100)
  --pay-concurrency N pay scenario: buyers at once (default 10)
  --admin-url URL     server to create the bench database on (default ${DEFAULT_ADMIN_URL})`);
  process.exit(0);
}
const CONCURRENCY = Math.max(1, intFlag(flags, "concurrency", 16));
const POOL = Math.max(1, intFlag(flags, "pool", CONCURRENCY));
const MAX_ORDERS = intFlag(flags, "orders", 2000);
const MAX_MS = intFlag(flags, "seconds", 15) * 1000;
const WARMUP = intFlag(flags, "warmup", 200);
const ROUNDS = Math.max(1, intFlag(flags, "rounds", 3));
const SPREAD_VARIANTS = Math.max(3, intFlag(flags, "variants", 500));
const HOT_STOCK = Math.max(intFlag(flags, "hot-stock", 3000), WARMUP + MAX_ORDERS);
const OVERSUB_STOCK = Math.max(1, intFlag(flags, "oversub-stock", 100));
const OVERSUB_FACTOR = Math.max(2, intFlag(flags, "oversub-factor", 3));
const IMPLS = strFlag(flags, "impls", "baseline,real,mirror").split(",").filter(Boolean) as ImplName[];
const SCENARIOS = strFlag(flags, "scenarios", "spread,hot,oversub,pay").split(",").filter(Boolean);
const PAY_LATENCY = Math.max(0, intFlag(flags, "pay-latency", 100));
const PAY_CONCURRENCY = Math.max(1, intFlag(flags, "pay-concurrency", 10));
const PAY_GOAL = 50; // orders/s the issue asks of 10 buyers of one SKU with a 100 ms gateway
const ADMIN_URL = strFlag(flags, "admin-url", DEFAULT_ADMIN_URL);
for (const i of IMPLS) if (!["real", "baseline", "mirror"].includes(i)) throw new Error(`unknown implementation ${i}`);

type ImplName = "real" | "baseline" | "mirror" | "held";
interface Line {
  variantId: string;
  quantity: number;
}
type Outcome = "ok" | "insufficient" | "replayed";
type Place = (worker: number, lines: Line[], key: string) => Promise<Outcome>;

const DELIVERY = {
  name: "Bench Buyer",
  phone: "+15550100",
  zip: "94110",
  city: "San Francisco",
  address: "1 Market St",
  region: "CA",
  email: "bench@example.com",
};
const CARD = { method: "card" as const, cardNumber: "4242424242424242", expiry: "12/39", cvc: "123" };
const DELIVERY_COST = 499; // "standard"

// ---------------------------------------------------------------- the real procedure path

function appCodeOf(err: unknown): string | undefined {
  const cause = err instanceof TRPCError ? err.cause : err;
  return cause instanceof AppError ? cause.code : undefined;
}

function realPath(db: Db, sessions: Session[]): Place {
  return async (worker, lines, key) => {
    // A context per call, as the app builds one per request.
    const caller = appRouter.createCaller(createContextInner({ db, session: sessions[worker]! }));
    try {
      const placed = await caller.orders.place({ idempotencyKey: key, lines, delivery: DELIVERY, payment: CARD });
      return placed.replayed ? "replayed" : "ok";
    } catch (err) {
      if (appCodeOf(err) === "INSUFFICIENT_STOCK") return "insufficient";
      throw err;
    }
  };
}

// ---------------------------------------------------------------- raw pg (baseline, mirror)

const newId = () => `c${randomBytes(12).toString("hex")}`; // 25 characters, like a cuid

interface RawRow {
  id: string;
  productId: string;
  sku: string;
  title: string;
  options: Record<string, string> | null;
  priceMinor: number;
  currency: string;
  stock: number;
  version: number;
  chrtId: number;
  // product columns from the UPDATE's join (baseline and mirror)
  p_title?: string;
  p_brand?: string;
  p_nmId?: number;
  p_storeId?: string;
}

const UPDATE_RETURNING = `v.id, v."productId", v.sku, v.title, v.options, v."priceMinor", v.currency, v.stock, v.version, v."chrtId"`;
const UPDATE_SQL = (withProduct: boolean) => `
  UPDATE "Variant" v
  SET stock = v.stock - $1, version = v.version + 1, "updatedAt" = now()
  FROM "Product" p
  WHERE v.id = $2 AND v.stock >= $1
    AND p.id = v."productId" AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL
  RETURNING ${UPDATE_RETURNING}${withProduct ? `, p.title AS p_title, p.brand AS p_brand, p."nmId" AS "p_nmId", p."storeId" AS "p_storeId"` : ""}`;
const UPDATE_LEAN = UPDATE_SQL(true);

/** INSERT INTO t (cols) VALUES (...), (...) with $n placeholders; `casts` maps a column to its enum type. */
function insertSql(table: string, cols: string[], rows: number, casts: Record<string, string> = {}, returning = ""): string {
  const values: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    values.push(`(${cols.map((c) => (casts[c] ? `$${++n}::"${casts[c]}"` : `$${++n}`)).join(",")})`);
  }
  return `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES ${values.join(",")}${returning ? ` RETURNING ${returning}` : ""}`;
}

const ORDER_COLS = ["id", "orderUid", "entry", "locale", "customerRef", "deliveryService", "shardKey", "smId", "dateCreated", "oofShard", "userId", "source", "status", "currency", "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "idempotencyKey", "requestHash", "createdAt", "updatedAt"];
const ITEM_COLS = ["id", "orderId", "variantId", "productId", "storeId", "chrtId", "nmId", "priceMinor", "rid", "name", "sale", "size", "totalPriceMinor", "brand", "status", "quantity", "currency", "createdAt"];
const PAYMENT_COLS = ["id", "orderId", "transaction", "currency", "provider", "amountMinor", "paymentDt", "bank", "deliveryCostMinor", "goodsTotalMinor", "customFeeMinor", "status", "createdAt", "updatedAt"];
const DELIVERY_COLS = ["id", "orderId", "name", "phone", "zip", "city", "address", "region", "email"];
const HISTORY_COLS = ["id", "orderId", "fromStatus", "toStatus", "note", "actorId", "createdAt"];
const MOVEMENT_COLS = ["id", "variantId", "delta", "stockAfter", "reason", "actorId", "orderId", "createdAt"];
const OUTBOX_COLS = ["topic", "aggregateId", "payload", "createdAt"];

function mergeSorted(lines: Line[]): Line[] {
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.variantId, (byId.get(l.variantId) ?? 0) + l.quantity);
  return [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variantId, quantity]) => ({ variantId, quantity }));
}

function rawPath(pool: pg.Pool, userIds: string[]): Place {
  return async (worker, lines, key) => {
    const userId = userIds[worker]!;
    const merged = mergeSorted(lines);
    const hash = createHash("sha256")
      .update(JSON.stringify({ lines: merged, d: DELIVERY, s: "standard", pay: { m: "card", last4: "4242" } }))
      .digest("hex");
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const rows: RawRow[] = [];
      for (const l of merged) {
        const r = await c.query<RawRow>(UPDATE_LEAN, [l.quantity, l.variantId]);
        if (!r.rows[0]) {
          await c.query("ROLLBACK");
          return "insufficient";
        }
        rows.push(r.rows[0]);
      }
      const product = new Map<string, { title: string; brand: string; nmId: number; storeId: string }>();
      for (const r of rows) product.set(r.productId, { title: r.p_title!, brand: r.p_brand!, nmId: r.p_nmId!, storeId: r.p_storeId! });
      const qty = new Map(merged.map((l) => [l.variantId, l.quantity]));
      const currency = rows[0]!.currency;
      const goods = rows.reduce((s, r) => s + r.priceMinor * qty.get(r.id)!, 0);
      const total = goods + DELIVERY_COST;
      const orderUid = randomBytes(10).toString("hex");
      const orderId = newId();
      const now = new Date();
      const ret = "";

      await c.query(insertSql("Order", ORDER_COLS, 1, { source: "OrderSource", status: "OrderStatus" }, ret), [
        orderId, orderUid, "LMWEB", "en", userId, "standard", String(parseInt(orderUid.slice(0, 2), 16) % 10), 0, now, "1", userId,
        "STOREFRONT", "PAID", currency, goods, DELIVERY_COST, total, key, hash, now, now,
      ]);
      await c.query(
        insertSql("OrderItem", ITEM_COLS, rows.length),
        rows.flatMap((r, i) => {
          const p = product.get(r.productId)!;
          const q = qty.get(r.id)!;
          return [
            newId(), orderId, r.id, r.productId, p.storeId, r.chrtId, p.nmId, r.priceMinor, `${orderUid}${i.toString(16).padStart(2, "0")}`,
            r.title ? `${p.title} (${r.title})` : p.title, 0, r.options?.size ?? "0", r.priceMinor * q, p.brand, 0, q, currency, now,
          ];
        }),
      );
      await c.query(insertSql("Payment", PAYMENT_COLS, 1, { status: "PaymentStatus" }, ret), [
        newId(), orderId, `tc_${orderUid}`, currency, "test-card", total, Math.floor(now.getTime() / 1000), "Livemarket Test Bank",
        DELIVERY_COST, goods, 0, "SUCCEEDED", now, now,
      ]);
      await c.query(insertSql("Delivery", DELIVERY_COLS, 1, {}, ret), [
        newId(), orderId, DELIVERY.name, DELIVERY.phone, DELIVERY.zip, DELIVERY.city, DELIVERY.address, DELIVERY.region, DELIVERY.email,
      ]);
      await c.query(insertSql("OrderStatusHistory", HISTORY_COLS, 2, { fromStatus: "OrderStatus", toStatus: "OrderStatus" }), [
        newId(), orderId, null, "PLACED", "", userId, now,
        newId(), orderId, "PLACED", "PAID", "Card payment succeeded", null, now,
      ]);
      await c.query(
        insertSql("InventoryMovement", MOVEMENT_COLS, rows.length, { reason: "StockReason" }),
        rows.flatMap((r) => [newId(), r.id, -qty.get(r.id)!, r.stock, "ORDER", userId, orderId, now]),
      );
      const events = [
        { topic: "order.placed", aggregateId: orderId, payload: { orderId, orderUid, userId, totalMinor: total, currency } },
        ...rows.map((r) => ({ topic: "stock.changed", aggregateId: r.id, payload: { productId: r.productId, variantId: r.id, stock: r.stock, version: r.version } })),
      ];
      await c.query(
        insertSql("OutboxEvent", OUTBOX_COLS, events.length),
        events.flatMap((e) => [e.topic, e.aggregateId, JSON.stringify(e.payload), now]),
      );
      await c.query("COMMIT");
      return "ok";
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  };
}

// The real path's own statements, over raw pg: the checkout's steps themselves (server/services/
// orders/place-order.ts and settle-payment.ts, and the variant-change statement they call) run on
// a client that sends each raw-SQL call it makes straight to a pg connection. Same statements by
// construction; real vs mirror is Prisma's cost per call, mirror vs baseline the cost of the
// statements themselves.
function rawTx(c: pg.PoolClient | pg.Pool): Tx {
  const run = (first: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = first instanceof Prisma.Sql ? first : Prisma.sql(first, ...(values as Prisma.Sql[]));
    return c.query(sql.text, sql.values);
  };
  return {
    $queryRaw: async (first: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(first, values)).rows,
    $executeRaw: async (first: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(first, values)).rowCount ?? 0,
    // Read only to word the refusal of an order; the benchmark counts refusals, not their words.
    variant: { findMany: async () => [] },
  } as unknown as Tx;
}

function mirrorPath(pool: pg.Pool, userIds: string[]): Place {
  return async (worker, lines, key) => {
    const input = ZPlaceOrderInput.parse({ idempotencyKey: key, lines, delivery: DELIVERY, payment: CARD });
    const c = await pool.connect();
    let reserved;
    try {
      await c.query("BEGIN");
      reserved = await reserveOrder(rawTx(c), userIds[worker]!, input, { provider: testCardProvider, reservationSeconds: 300 });
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      if (appCodeOf(err) === "INSUFFICIENT_STOCK") return "insufficient";
      throw err;
    } finally {
      c.release();
    }
    if (reserved.kind === "done") return reserved.placed.replayed ? "replayed" : "ok";
    const outcome = await testCardProvider.authorize({ amountMinor: reserved.order.totalMinor, currency: reserved.order.currency, orderUid: reserved.order.orderUid, payment: input.payment });
    if (outcome.status === "DECLINED") throw new Error("the bench card was declined");
    const confirmed = await confirmOrder(rawTx(pool), reserved.order, outcome);
    if (confirmed.kind === "released") throw new Error("a bench reservation was released");
    return confirmed.placed.replayed ? "replayed" : "ok";
  };
}

// The shape before decision 119, for the pay scenario: reserve, authorise and confirm in one
// transaction, so the variant's row stays locked while the gateway answers.
function heldPath(db: Db, userIds: string[]): Place {
  return async (worker, lines, key) => {
    const input = ZPlaceOrderInput.parse({ idempotencyKey: key, lines, delivery: DELIVERY, payment: CARD });
    try {
      const placed = await inTransaction(
        db,
        async (tx) => {
          const reserved = await reserveOrder(tx, userIds[worker]!, input, { provider: testCardProvider, reservationSeconds: 300 });
          if (reserved.kind === "done") return reserved.placed;
          const o = reserved.order;
          const outcome = await testCardProvider.authorize({ amountMinor: o.totalMinor, currency: o.currency, orderUid: o.orderUid, payment: input.payment });
          if (outcome.status === "DECLINED") throw new Error("the bench card was declined");
          const confirmed = await confirmOrder(tx, o, outcome);
          if (confirmed.kind === "released") throw new Error("a bench reservation was released");
          return confirmed.placed;
        },
        PLACE_ORDER_TX,
      );
      return placed.replayed ? "replayed" : "ok";
    } catch (err) {
      if (appCodeOf(err) === "INSUFFICIENT_STOCK") return "insufficient";
      throw err;
    }
  };
}

// ---------------------------------------------------------------- setup and checks

async function chooseVariants(admin: pg.Client, n: number): Promise<string[]> {
  const r = await admin.query<{ id: string }>(
    `SELECT v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
     WHERE p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.currency = 'USD' ORDER BY v.id`,
  );
  const ids = r.rows.map((x) => x.id);
  if (ids.length < n) throw new Error(`the seed has ${ids.length} active variants, ${n} needed (lower --variants)`);
  const rand = rng(42);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, n);
}

/** Sets each variant's stock to `stock`, recording the difference in the ledger. */
async function setStock(admin: pg.Client, ids: string[], stock: number): Promise<void> {
  await admin.query(
    `WITH old AS (SELECT id, stock FROM "Variant" WHERE id = ANY($1) FOR UPDATE),
          upd AS (UPDATE "Variant" v SET stock = $2, "updatedAt" = now() FROM old WHERE v.id = old.id RETURNING v.id, old.stock AS before)
     INSERT INTO "InventoryMovement" (id, "variantId", delta, "stockAfter", reason, note, "createdAt")
     SELECT 'bench_' || md5(random()::text || id), id, $2 - before, $2, 'CORRECTION', 'benchmark stock', now() FROM upd WHERE $2 <> before`,
    [ids, stock],
  );
}

async function stockOf(admin: pg.Client, ids: string[]): Promise<number> {
  const r = await admin.query<{ s: string }>(`SELECT COALESCE(SUM(stock), 0)::bigint AS s FROM "Variant" WHERE id = ANY($1)`, [ids]);
  return Number(r.rows[0]!.s);
}

interface Check {
  negativeStockVariants: number;
  ledgerMismatches: number;
  unitsSoldByStock: number;
  unitsSoldByClient: number;
  unitsInOrderItems: number;
  ordersInDb: number;
  ordersByClient: number;
  pass: boolean;
}

async function verify(admin: pg.Client, ids: string[], stockBefore: number, keyPrefix: string, okOrders: number, okUnits: number): Promise<Check> {
  const neg = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "Variant" WHERE stock < 0`);
  const ledger = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM (
       SELECT v.id FROM "Variant" v LEFT JOIN "InventoryMovement" m ON m."variantId" = v.id
       WHERE v.id = ANY($1) GROUP BY v.id, v.stock HAVING v.stock <> COALESCE(SUM(m.delta), 0)) x`,
    [ids],
  );
  const orders = await admin.query<{ orders: string; units: string }>(
    `SELECT count(DISTINCT o.id) AS orders, COALESCE(SUM(oi.quantity), 0) AS units
     FROM "Order" o JOIN "OrderItem" oi ON oi."orderId" = o.id WHERE o."idempotencyKey" LIKE $1`,
    [`${keyPrefix}%`],
  );
  const c: Check = {
    negativeStockVariants: Number(neg.rows[0]!.n),
    ledgerMismatches: Number(ledger.rows[0]!.n),
    unitsSoldByStock: stockBefore - (await stockOf(admin, ids)),
    unitsSoldByClient: okUnits,
    unitsInOrderItems: Number(orders.rows[0]!.units),
    ordersInDb: Number(orders.rows[0]!.orders),
    ordersByClient: okOrders,
    pass: false,
  };
  c.pass =
    c.negativeStockVariants === 0 &&
    c.ledgerMismatches === 0 &&
    c.unitsSoldByStock === c.unitsSoldByClient &&
    c.unitsSoldByStock === c.unitsInOrderItems &&
    c.ordersInDb === c.ordersByClient;
  return c;
}

// ---------------------------------------------------------------- runs

interface RunResult {
  scenario: string;
  impl: ImplName;
  summary: Summary;
  cpu: CpuUse;
  check: Check;
  warmup: Summary | null;
  extra?: Record<string, unknown>;
}

interface Target {
  impl: ImplName;
  place: Place;
  /** The variants this implementation's orders touch in this scenario. */
  ids: string[];
  gen: (i: number) => Line[];
  /** Workers at once (default --concurrency). */
  concurrency?: number;
}

let runSeq = 0;

/** One slice: `maxOps` orders or `maxMs`, whichever first, then the oversell/ledger checks. */
async function slice(admin: pg.Client, t: Target, maxOps: number, maxMs: number, offset: number) {
  const tag = `b${(++runSeq).toString(36)}${Date.now().toString(36)}`;
  let units = 0;
  const before = await stockOf(admin, t.ids);
  const c0 = cpuSnapshot();
  const r = await runLoad({
    concurrency: t.concurrency ?? CONCURRENCY,
    maxOps,
    maxMs,
    op: async (i, w) => {
      const lines = t.gen(offset + i);
      const out = await t.place(w, lines, `${tag}-${i}`);
      if (out === "ok") units += lines.reduce((s, l) => s + l.quantity, 0);
      return out;
    },
  });
  const cpu = cpuDelta(c0, cpuSnapshot());
  const check = await verify(admin, t.ids, before, `${tag}-`, r.ok, units);
  return { r, cpu, check };
}

function addChecks(a: Check, b: Check): Check {
  return {
    negativeStockVariants: Math.max(a.negativeStockVariants, b.negativeStockVariants),
    ledgerMismatches: Math.max(a.ledgerMismatches, b.ledgerMismatches),
    unitsSoldByStock: a.unitsSoldByStock + b.unitsSoldByStock,
    unitsSoldByClient: a.unitsSoldByClient + b.unitsSoldByClient,
    unitsInOrderItems: a.unitsInOrderItems + b.unitsInOrderItems,
    ordersInDb: a.ordersInDb + b.ordersInDb,
    ordersByClient: a.ordersByClient + b.ordersByClient,
    pass: a.pass && b.pass,
  };
}

/**
 * Warm-up for every implementation, then ROUNDS interleaved rounds (the order of the
 * implementations rotates each round), so that background load on this shared machine falls on
 * all of them alike. Every implementation gets the same order stream.
 */
async function measureScenario(admin: pg.Client, scenario: string, targets: Target[], opts: { warmup: number; maxOps: number; maxMs: number; rounds: number }): Promise<RunResult[]> {
  const warm = new Map<ImplName, Summary | null>();
  for (const t of targets) warm.set(t.impl, opts.warmup > 0 ? summarize((await slice(admin, t, opts.warmup, 10_000, 1_000_000)).r) : null);
  const acc = new Map(targets.map((t) => [t.impl, { loads: [] as LoadResult[], cpu: NO_CPU, check: null as Check | null }]));
  const perRoundOps = Math.ceil(opts.maxOps / opts.rounds);
  for (let round = 0; round < opts.rounds; round++) {
    const order = targets.map((_, k) => targets[(k + round) % targets.length]!);
    for (const t of order) {
      const a = acc.get(t.impl)!;
      const done = a.loads.reduce((s, l) => s + l.started, 0);
      const ops = Math.min(perRoundOps, opts.maxOps - done);
      if (ops <= 0) continue;
      const s = await slice(admin, t, ops, opts.maxMs / opts.rounds, done);
      a.loads.push(s.r);
      a.cpu = addCpu(a.cpu, s.cpu);
      a.check = a.check ? addChecks(a.check, s.check) : s.check;
    }
  }
  return targets.map((t) => {
    const a = acc.get(t.impl)!;
    const merged = mergeLoads(a.loads);
    const summary = summarize(merged);
    const check = a.check!;
    console.log(
      `  ${scenario.padEnd(7)} ${t.impl.padEnd(9)} ${String(summary.ok).padStart(5)} ok in ${summary.elapsedS}s = ${summary.perSecond}/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms` +
        `${Object.keys(summary.outcomes).length ? ` ${JSON.stringify(summary.outcomes)}` : ""}; checks ${check.pass ? "pass" : `FAIL ${JSON.stringify(check)}`}`,
    );
    return { scenario, impl: t.impl, summary, cpu: cpuUse(a.cpu, merged.ok), check, warmup: warm.get(t.impl) ?? null };
  });
}

async function main() {
  const t0 = Date.now();
  console.log(`orders benchmark: concurrency ${CONCURRENCY}, pool ${POOL}, <= ${MAX_ORDERS} orders or ${MAX_MS / 1000} s per scenario and implementation in ${ROUNDS} interleaved rounds, warm-up ${WARMUP}`);
  const backgroundLoadPct = await checkQuiet();
  let bench: BenchDb | null = null;
  const closers: (() => Promise<unknown>)[] = [];
  const results: RunResult[] = [];
  try {
    bench = await createBenchDb(ADMIN_URL);
    console.log(`database ${bench.name}: ${bench.seed.products} products, ${bench.seed.variants} variants (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const admin = new pg.Client({ connectionString: bench.url });
    await admin.connect();
    closers.push(() => admin.end());
    const pool = new pg.Pool({ connectionString: bench.url, max: POOL, application_name: "lm-bench-raw" });
    pool.on("error", () => {}); // an idle client cut off by the final DROP … WITH (FORCE)
    closers.push(() => pool.end());
    const handle = await openDb({ url: `${bench.url}?application_name=lm-bench-prisma` }, { poolSize: POOL });
    closers.push(() => handle.close());

    // One customer per worker.
    const users = Math.max(CONCURRENCY, PAY_CONCURRENCY);
    const userIds = Array.from({ length: users }, (_, i) => `usr_bench_${i}`);
    await admin.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
       SELECT 'usr_bench_' || i, 'bench' || i || '@example.com', 'Bench Customer ' || i, 'x', 'CUSTOMER', now() FROM generate_series(0, $1::int - 1) i`,
      [users],
    );
    const expires = new Date(Date.now() + 24 * 3600_000).toISOString();
    const sessions: Session[] = userIds.map((id, i) => ({
      user: { id, role: "CUSTOMER", name: `Bench Customer ${i}`, email: `bench${i}@example.com`, mfa: "not-enrolled" },
      expires,
    }));
    const impls: Record<ImplName, Place> = {
      real: realPath(handle.db, sessions),
      baseline: rawPath(pool, userIds),
      mirror: mirrorPath(pool, userIds),
      held: heldPath(handle.db, userIds),
    };

    const perImplSingles = 2; // one hot variant and one oversubscription variant per implementation
    const PAY_IMPLS: ImplName[] = ["held", "real"];
    const chosen = await chooseVariants(admin, SPREAD_VARIANTS + perImplSingles * IMPLS.length + PAY_IMPLS.length);
    const spread = chosen.slice(0, SPREAD_VARIANTS);
    const singles = new Map(IMPLS.map((impl, k) => [impl, { hot: chosen[SPREAD_VARIANTS + 2 * k]!, oversub: chosen[SPREAD_VARIANTS + 2 * k + 1]! }]));
    const paySkus = new Map(PAY_IMPLS.map((impl, k) => [impl, chosen[SPREAD_VARIANTS + perImplSingles * IMPLS.length + k]!]));
    await setStock(admin, spread, 1_000_000);
    for (const s of singles.values()) {
      await setStock(admin, [s.hot], HOT_STOCK);
      await setStock(admin, [s.oversub], OVERSUB_STOCK);
    }
    await setStock(admin, [...paySkus.values()], HOT_STOCK);

    // (a) spread: 1-3 distinct lines of 1-3 units from the spread variants; same stream for all.
    const genSpread = (i: number): Line[] => {
      const r = rng(1000 + i);
      const k = 1 + Math.floor(r() * 3);
      const picked = new Set<string>();
      while (picked.size < k) picked.add(spread[Math.floor(r() * spread.length)]!);
      return [...picked].map((variantId) => ({ variantId, quantity: 1 + Math.floor(r() * 3) }));
    };
    const opts = { warmup: WARMUP, maxOps: MAX_ORDERS, maxMs: MAX_MS, rounds: ROUNDS };
    if (SCENARIOS.includes("spread")) {
      console.log(`(a) spread over ${SPREAD_VARIANTS} variants, ${ROUNDS} interleaved rounds`);
      results.push(...(await measureScenario(admin, "spread", IMPLS.map((impl) => ({ impl, place: impls[impl], ids: spread, gen: genSpread })), opts)));
    }
    if (SCENARIOS.includes("hot")) {
      console.log(`(b) one hot variant per implementation, 1 unit per order, stock ${HOT_STOCK}, ${ROUNDS} interleaved rounds`);
      const targets = IMPLS.map((impl) => {
        const hot = singles.get(impl)!.hot;
        return { impl, place: impls[impl], ids: [hot], gen: () => [{ variantId: hot, quantity: 1 }] };
      });
      results.push(...(await measureScenario(admin, "hot", targets, opts)));
    }
    if (SCENARIOS.includes("oversub")) {
      const attempts = OVERSUB_STOCK * OVERSUB_FACTOR;
      console.log(`oversubscription: ${attempts} attempts of 1 unit on a variant with stock ${OVERSUB_STOCK}`);
      for (const impl of IMPLS) {
        const v = singles.get(impl)!.oversub;
        const target = { impl, place: impls[impl], ids: [v], gen: () => [{ variantId: v, quantity: 1 }] };
        const [res] = await measureScenario(admin, "oversub", [target], { warmup: 0, maxOps: attempts, maxMs: 60_000, rounds: 1 });
        if (!res) continue;
        const finalStock = await stockOf(admin, [v]);
        const refused = res.summary.outcomes.insufficient ?? 0;
        res.extra = { stock: OVERSUB_STOCK, attempts, finalStock, refused };
        res.check.pass = res.check.pass && res.summary.ok === OVERSUB_STOCK && finalStock === 0 && refused === attempts - OVERSUB_STOCK;
        if (!res.check.pass) console.log(`  OVERSUB CHECK FAILED for ${impl}: ${JSON.stringify(res.extra)}`);
        results.push(res);
      }
    }

    if (SCENARIOS.includes("pay")) {
      console.log(`(d) pay: ${PAY_CONCURRENCY} buyers of one SKU each, a card gateway that answers in ${PAY_LATENCY} ms; held (authorised inside the transaction) vs real, ${ROUNDS} interleaved rounds`);
      testCardSettings.latencyMs = PAY_LATENCY;
      try {
        const targets = PAY_IMPLS.map((impl) => {
          const sku = paySkus.get(impl)!;
          return { impl, place: impls[impl], ids: [sku], gen: () => [{ variantId: sku, quantity: 1 }], concurrency: PAY_CONCURRENCY };
        });
        results.push(...(await measureScenario(admin, "pay", targets, { ...opts, warmup: Math.min(WARMUP, 2 * PAY_CONCURRENCY) })));
      } finally {
        testCardSettings.latencyMs = 0;
      }
    }

    // ---- report
    // The pay scenario's reference is the held shape (what the real path replaced), not raw pg.
    const base = (scenario: string) => results.find((r) => r.scenario === scenario && r.impl === (scenario === "pay" ? "held" : "baseline"));
    const goals: Record<string, number> = { spread: 0.4, hot: 0.5 };
    const rows = results.map((r) => {
      const b = base(r.scenario);
      const ratio = b && r.scenario !== "oversub" ? r.summary.perSecond / b.summary.perSecond : NaN;
      // Ratio of orders/s (exact, from ok / elapsed), shown to 2 decimals; goals use the exact value.
      const exact = b && r.scenario !== "oversub" ? r.summary.ok / r.summary.elapsedS / (b.summary.ok / b.summary.elapsedS) : NaN;
      return { ...r, ratio: Number.isFinite(ratio) ? round(ratio, 2) : null, ratioExact: Number.isFinite(exact) ? round(exact, 4) : null };
    });
    console.log("");
    printTable(
      ["scenario", "implementation", "orders ok", "orders/s", "p50 ms", "p99 ms", "x baseline (pay: x held)", "node CPU ms/order", "PG CPU ms/order", "machine busy %", "checks"],
      rows.map((r) => [
        r.scenario, r.impl, r.summary.ok, r.summary.perSecond, r.summary.p50Ms, r.summary.p99Ms, r.ratio ?? "-",
        r.cpu.selfMsPerOp, r.cpu.postgresMsPerOp, r.cpu.machineBusyPct,
        r.check.pass ? "pass" : "FAIL",
      ]),
    );
    const goalResults = Object.entries(goals)
      .map(([scenario, goal]) => {
        const real = rows.find((r) => r.scenario === scenario && r.impl === "real");
        if (!real || real.ratioExact === null) return null;
        return { scenario, goal, ratio: real.ratioExact, met: real.ratioExact >= goal };
      })
      .filter((g) => g !== null);
    for (const g of goalResults) console.log(`goal ${g.scenario}: real >= ${g.goal}x baseline -> ${g.ratio.toFixed(3)}x, ${g.met ? "MET" : "NOT MET"}`);
    const payReal = rows.find((r) => r.scenario === "pay" && r.impl === "real");
    const payGoal = payReal ? { goal: PAY_GOAL, perSecond: round(payReal.summary.ok / payReal.summary.elapsedS, 1), xHeld: payReal.ratioExact, met: payReal.summary.ok / payReal.summary.elapsedS >= PAY_GOAL } : null;
    if (payGoal) {
      console.log(`goal pay: real >= ${PAY_GOAL} orders/s with ${PAY_CONCURRENCY} buyers and a ${PAY_LATENCY} ms gateway -> ${payGoal.perSecond}/s (${payGoal.xHeld?.toFixed(2)}x held), ${payGoal.met ? "MET" : "NOT MET"}`);
    }
    const allChecks = results.every((r) => r.check.pass);
    console.log(`oversell / ledger checks: ${allChecks ? "all pass (zero oversells)" : "FAILURES, see above"}`);
    const file = writeResults("orders", {
      benchmark: "orders",
      date: new Date().toISOString(),
      machine: machineInfo(),
      backgroundLoadPct,
      settings: { payLatencyMs: PAY_LATENCY, payConcurrency: PAY_CONCURRENCY, concurrency: CONCURRENCY, pool: POOL, rounds: ROUNDS, maxOrders: MAX_ORDERS, maxSeconds: MAX_MS / 1000, warmup: WARMUP, spreadVariants: SPREAD_VARIANTS, hotStock: HOT_STOCK, oversubStock: OVERSUB_STOCK, oversubFactor: OVERSUB_FACTOR, impls: IMPLS },
      results: rows,
      goals: goalResults,
      payGoal,
      allChecksPass: allChecks,
      totalSeconds: round((Date.now() - t0) / 1000, 1),
    });
    console.log(`results: ${file} (total ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (!allChecks) process.exitCode = 1;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    if (bench) {
      await bench.drop();
      console.log(`dropped ${bench.name}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
