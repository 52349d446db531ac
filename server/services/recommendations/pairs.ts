// "Frequently bought together" counts (decisions 176-177): for every two distinct products, the
// number of distinct counted orders holding both, in ProductPair (both directions). An order is
// counted while it is placed and not cancelled; a seller's cancelled or refunded part of a standing
// order is not (its products leave the order's set). RecsOrder holds, per counted order, the
// product set its pairs were counted from, so applying an order is a reconciliation: the order's
// set now, against the set counted before, and only the difference is written. That makes it
// idempotent (an event applied twice, or two events of one order, change nothing the second time)
// and independent of the order events arrive in. The incremental path (applyOrders, from the
// outbox: worker.ts) and the full rebuild (rebuildRecommendations) give the same rows: tests.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Tx } from "@/server/db/transaction";

/** Statuses whose products are not counted: the order (or its seller's part) did not sell. */
export const NOT_COUNTED = ["CANCELLED", "REFUNDED", "PENDING_PAYMENT", "PAYMENT_FAILED"] as const;
const notCounted = Prisma.raw(NOT_COUNTED.map((s) => `'${s}'`).join(", "));

/** (orderId, productId) of the counted lines of `orders` (null: every order). */
function countedLines(orders: string[] | null): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT oi."orderId", oi."productId"
    FROM "OrderItem" oi
    JOIN "Order" o ON o."id" = oi."orderId"
    LEFT JOIN "Shipment" sh ON sh."orderId" = oi."orderId" AND sh."storeId" = oi."storeId"
    WHERE oi."productId" IS NOT NULL
      AND o."status" NOT IN (${notCounted})
      AND COALESCE(sh."status", o."status") NOT IN (${notCounted})
      ${orders ? Prisma.sql`AND oi."orderId" = ANY(${orders}::text[])` : Prisma.empty}`;
}

/** Every ordered pair of distinct members (a, b), a before b or not: both directions. */
function pairsOf(products: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const a of products) for (const b of products) if (a !== b) out.push([a, b]);
  return out;
}

/**
 * Brings the counts of `orderIds` up to date with the orders as they are now, in the caller's
 * transaction. Orders are locked (a transaction-scoped advisory lock per order) so two workers
 * applying the same order wait for each other, and the RecsOrder rows are read FOR UPDATE, which
 * also waits for a rebuild in progress (it holds an EXCLUSIVE table lock). Pair rows are written in
 * one sorted statement per direction of change (a stable lock order: no deadlocks between workers).
 * Answers how many orders changed.
 */
export async function applyOrders(tx: Tx, orderIds: readonly string[]): Promise<number> {
  const ids = [...new Set(orderIds)].sort();
  if (ids.length === 0) return 0;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('recs:' || x)) FROM unnest(${ids}::text[]) AS x ORDER BY x`;
  const before = await tx.$queryRaw<{ orderId: string; products: string[] }[]>`
    SELECT "orderId", "products" FROM "RecsOrder" WHERE "orderId" = ANY(${ids}::text[]) ORDER BY "orderId" FOR UPDATE`;
  const now = await tx.$queryRaw<{ orderId: string; productId: string }[]>(countedLines(ids));
  const was = new Map(before.map((r) => [r.orderId, new Set(r.products)]));
  const is = new Map<string, Set<string>>();
  for (const r of now) (is.get(r.orderId) ?? is.set(r.orderId, new Set()).get(r.orderId)!).add(r.productId);

  const delta = new Map<string, number>();
  const bump = (set: Set<string>, d: number) => {
    for (const [a, b] of pairsOf([...set])) {
      const k = `${a}\u0000${b}`;
      delta.set(k, (delta.get(k) ?? 0) + d);
    }
  };
  const upserts: { orderId: string; products: string[] }[] = [];
  const removed: string[] = [];
  let changed = 0;
  for (const id of ids) {
    const a = was.get(id) ?? new Set<string>();
    const b = is.get(id) ?? new Set<string>();
    if (a.size === b.size && [...a].every((p) => b.has(p))) continue;
    changed++;
    bump(a, -1);
    bump(b, +1);
    if (b.size) upserts.push({ orderId: id, products: [...b].sort() });
    else removed.push(id);
  }
  if (changed === 0) return 0;

  const entries = [...delta].filter(([, d]) => d !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const up = entries.filter(([, d]) => d > 0);
  const down = entries.filter(([, d]) => d < 0);
  const split = (list: [string, number][]) => ({
    a: list.map(([k]) => k.split("\u0000")[0]!),
    b: list.map(([k]) => k.split("\u0000")[1]!),
    d: list.map(([, d]) => d),
  });
  if (up.length) {
    const u = split(up);
    await tx.$executeRaw`
      INSERT INTO "ProductPair" ("productId", "otherId", "orders")
      SELECT a, b, d FROM unnest(${u.a}::text[], ${u.b}::text[], ${u.d}::int[]) AS x(a, b, d) ORDER BY a, b
      ON CONFLICT ("productId", "otherId") DO UPDATE SET "orders" = "ProductPair"."orders" + excluded."orders"`;
  }
  if (down.length) {
    const w = split(down);
    // A pair whose count reaches 0 goes (the rebuild makes no such rows; the CHECK refuses them).
    await tx.$executeRaw`
      DELETE FROM "ProductPair" p USING unnest(${w.a}::text[], ${w.b}::text[], ${w.d}::int[]) AS x(a, b, d)
      WHERE p."productId" = x.a AND p."otherId" = x.b AND p."orders" + x.d <= 0`;
    await tx.$executeRaw`
      UPDATE "ProductPair" p SET "orders" = p."orders" + x.d
      FROM (SELECT a, b, d FROM unnest(${w.a}::text[], ${w.b}::text[], ${w.d}::int[]) AS x(a, b, d) ORDER BY a, b) x
      WHERE p."productId" = x.a AND p."otherId" = x.b`;
  }
  if (upserts.length) {
    await tx.$executeRaw`
      INSERT INTO "RecsOrder" ("orderId", "products", "countedAt")
      SELECT o, string_to_array(p, chr(31)), timezone('UTC', now())
      FROM unnest(${upserts.map((u) => u.orderId)}::text[], ${upserts.map((u) => u.products.join("\u001f"))}::text[]) AS x(o, p)
      ON CONFLICT ("orderId") DO UPDATE SET "products" = excluded."products", "countedAt" = excluded."countedAt"`;
  }
  if (removed.length) await tx.$executeRaw`DELETE FROM "RecsOrder" WHERE "orderId" = ANY(${removed}::text[])`;
  return changed;
}

/**
 * Recounts everything from the orders (the seed, `npm run recs:rebuild`, a nightly repair): the
 * same rows as applying every order incrementally. Holds an EXCLUSIVE lock on both tables for the
 * transaction: reads go on, a worker applying an order waits and then reconciles against the
 * rebuilt rows.
 */
export async function rebuildRecommendations(tx: Tx): Promise<{ orders: number; pairs: number }> {
  await tx.$executeRaw`LOCK TABLE "RecsOrder", "ProductPair" IN EXCLUSIVE MODE`;
  await tx.$executeRaw`DELETE FROM "ProductPair"`;
  await tx.$executeRaw`DELETE FROM "RecsOrder"`;
  const orders = await tx.$executeRaw`
    INSERT INTO "RecsOrder" ("orderId", "products")
    SELECT l."orderId", array_agg(l."productId" COLLATE "C" ORDER BY l."productId" COLLATE "C")
    FROM (${countedLines(null)}) l
    GROUP BY l."orderId"`;
  const pairs = await tx.$executeRaw`
    INSERT INTO "ProductPair" ("productId", "otherId", "orders")
    SELECT a.p, b.p, count(*)::int
    FROM "RecsOrder" r, unnest(r."products") AS a(p), unnest(r."products") AS b(p)
    WHERE a.p <> b.p
    GROUP BY a.p, b.p`;
  return { orders, pairs };
}
