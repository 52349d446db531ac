// The one place a variant's stock or price changes. Every writer (orders placed and cancelled,
// fulfilment cancels, seller adjustments and price edits, product saves, CSV imports) calls
// `changeVariants` (or `changeStock` / `changePrice`) inside the transaction it opened; nothing
// else may `UPDATE "Variant"` stock, price or version (test/structure.test.ts checks it).
//
// One statement does everything for any number of variants:
//  - locks the variants in id order (so two writers can never deadlock),
//  - applies each change only if its conditions still hold under the lock: stock stays >= 0, the
//    stock or version the caller expects, the store and product state in scope (never a
//    read-then-write: the UPDATE's own WHERE decides),
//  - adds 1 to Variant.version (the order of a variant's changes, for live pages),
//  - writes a ledger row (InventoryMovement) for each stock change, and
//  - records a `stock.changed` / `price.changed` outbox event for each, its payload built from the
//    event contract's own field list (shared/events.ts), so browsers, webhooks and this module
//    agree on it by construction.
// Times are written as UTC wall time, like every timestamp column of the schema, whatever the
// server's time zone. It answers the rows it changed; a change whose conditions did not hold is
// simply absent, and the caller says why (short stock, stale version, not found) in its own words.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import { afterCommit, type Tx } from "@/server/db/transaction";
import { outboxEvent, outboxInsert } from "@/server/services/outbox/record-event";
import { countStockOuts } from "@/server/observability/counters";
import { invalidateCatalogAfterCommit } from "@/server/services/catalog/catalog-invalidation";
import { variantChangeTags } from "@/server/services/catalog/catalog-tags";
import type { StockChanged, VariantLive } from "@/shared/events";
import type { StockReason } from "@/shared/stock";

export interface VariantChange {
  variantId: string;
  /** Units to add (+) or remove (-). 0 or absent leaves stock alone. */
  stockDelta?: number;
  /** New values; absent keeps the current one. */
  priceMinor?: number;
  /** A sale's "was" price; null clears it (absent keeps it). */
  compareAtMinor?: number | null;
  currency?: string;
  lowStockThreshold?: number;
  /** Apply only while stock is exactly this (a "set to N" edit, an import planned on it). */
  expectedStock?: number;
  /** Apply only while Variant.version is exactly this (an import planned on it). */
  expectedVersion?: number;
}

export interface ChangeContext {
  /** Why stock moves: the ledger's reason and the stock event's. Needed when any change moves stock. */
  reason?: StockReason;
  actorId: string | null;
  note?: string;
  /** The order a stock change belongs to (placing or cancelling it). */
  orderId?: string | null;
  /** Only variants of this store: another store's variant answers like a missing one. */
  storeId?: string;
  /** Which products' variants may change: any (cancels give stock back to anything), those not
   * deleted (seller edits), or those on sale (orders). */
  products?: "any" | "not-deleted" | "on-sale";
}

/** A changed variant: its live state after the change, what it was before, and the product
 * fields an order item copies. */
export interface VariantChanged extends VariantLive {
  delta: number;
  /** The ledger row of a stock change (null when stock did not move). */
  movementId: string | null;
  previousStock: number;
  previousPriceMinor: number;
  title: string;
  options: Record<string, string> | null;
  chrtId: number;
  productTitle: string;
  brand: string;
  nmId: number;
}

/** SQL for each field of the live state, from the UPDATE's returned row `u`. Typed against the
 * contract: a field added to VariantLive fails to compile here until its SQL is given. */
const LIVE_FIELDS = {
  productId: Prisma.sql`u."productId"`,
  variantId: Prisma.sql`u.id`,
  storeId: Prisma.sql`u."storeId"`,
  stock: Prisma.sql`u.stock`,
  lowStockThreshold: Prisma.sql`u."lowStockThreshold"`,
  priceMinor: Prisma.sql`u."priceMinor"`,
  compareAtMinor: Prisma.sql`u."compareAtMinor"`,
  currency: Prisma.sql`u.currency`,
  version: Prisma.sql`u.version`,
} satisfies Record<keyof VariantLive, Prisma.Sql>;

type StockEventExtra = Exclude<keyof StockChanged, keyof VariantLive>;

const livePairs = (extra: Prisma.Sql) =>
  Prisma.sql`jsonb_build_object(${Prisma.join(
    Object.entries(LIVE_FIELDS).map(([name, sql]) => Prisma.sql`${Prisma.raw(`'${name}'`)}, ${sql}`),
    ", ",
  )}, ${extra})`;

const SCOPE = {
  any: Prisma.empty,
  "not-deleted": Prisma.sql`AND p."deletedAt" IS NULL`,
  "on-sale": Prisma.sql`AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL`,
} as const;

interface ChangeRow {
  variantId: string;
  movementId: string;
  delta: number;
  priceMinor: number | null;
  /** Whether compareAtMinor is set by this change (it may be set to null). */
  setCompareAt: boolean;
  compareAtMinor: number | null;
  currency: string | null;
  lowStockThreshold: number | null;
  expectedStock: number | null;
  expectedVersion: number | null;
}

/** The changes as the rows `x` of the statement. Several: one JSON parameter read by
 * jsonb_to_recordset. One: a row of plain parameters, which the planner folds into the UPDATE as
 * constants; joined to a function scan instead, the hot one-line order ran about 12 % slower under
 * contention (pgbench, 16 clients on one variant: the join is re-checked after every lock wait). */
function changesSql(rows: ChangeRow[]): Prisma.Sql {
  const [one] = rows;
  if (rows.length === 1 && one) {
    return Prisma.sql`SELECT ${one.variantId}::text AS "variantId", ${one.movementId}::text AS "movementId", ${one.delta}::int AS delta,
      ${one.priceMinor}::int AS "priceMinor", ${one.setCompareAt}::boolean AS "setCompareAt", ${one.compareAtMinor}::int AS "compareAtMinor", ${one.currency}::text AS currency, ${one.lowStockThreshold}::int AS "lowStockThreshold",
      ${one.expectedStock}::int AS "expectedStock", ${one.expectedVersion}::int AS "expectedVersion"`;
  }
  return Prisma.sql`SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        "variantId" text, "movementId" text, delta int, "priceMinor" int, "setCompareAt" boolean, "compareAtMinor" int, currency text, "lowStockThreshold" int,
        "expectedStock" int, "expectedVersion" int)`;
}

/** The change rows and the lock the statement needs; shared by both forms below. */
function prepare(changes: readonly VariantChange[], ctx: ChangeContext) {
  if (new Set(changes.map((c) => c.variantId)).size !== changes.length) throw new Error("changeVariants: one change per variant");
  if (!ctx.reason && changes.some((c) => c.stockDelta)) throw new Error("changeVariants: a stock change needs a reason");
  const rows: ChangeRow[] = changes.map((c) => ({
    variantId: c.variantId,
    movementId: newId(),
    delta: c.stockDelta ?? 0,
    priceMinor: c.priceMinor ?? null,
    setCompareAt: c.compareAtMinor !== undefined,
    compareAtMinor: c.compareAtMinor ?? null,
    currency: c.currency ?? null,
    lowStockThreshold: c.lowStockThreshold ?? null,
    expectedStock: c.expectedStock ?? null,
    expectedVersion: c.expectedVersion ?? null,
  }));
  // Several variants are locked first, in id order, so two writers can never deadlock; their
  // values before the change come from that lock. One variant whose price stays needs no separate
  // lock (the UPDATE takes it) and its values before are derived from the row it wrote: this keeps
  // the one-line order, the hottest path, at one row visit instead of a lock and a re-check.
  const lockFirst = changes.length > 1 || changes.some((c) => c.priceMinor !== undefined || c.compareAtMinor !== undefined || c.currency !== undefined);
  return { rows, lockFirst };
}

/** The locking, conditional UPDATE of `rows` as CTEs `x`, (`l`,) `u`; `u` returns VariantChanged
 * columns plus "previousCurrency". */
function updateSql(rows: ChangeRow[], lockFirst: boolean, ctx: ChangeContext): Prisma.Sql {
  // The ids again as an array: the planner cannot see how many rows jsonb_to_recordset yields
  // and would scan every variant; `id = ANY(ids)` makes both the lock and the update index lookups.
  const ids = rows.map((r) => r.variantId);
  const previous = lockFirst
    ? Prisma.sql`l."previousStock", l."previousPriceMinor", l."previousCurrency", l."previousCompareAtMinor"`
    : Prisma.sql`v.stock - x.delta AS "previousStock", v."priceMinor" AS "previousPriceMinor", v.currency AS "previousCurrency", v."compareAtMinor" AS "previousCompareAtMinor"`;
  const storeId = ctx.storeId ?? null;
  return Prisma.sql`
    WITH x AS (${changesSql(rows)})${lockFirst
      ? Prisma.sql`, l AS MATERIALIZED (
      SELECT v.id, v.stock AS "previousStock", v."priceMinor" AS "previousPriceMinor", v.currency AS "previousCurrency", v."compareAtMinor" AS "previousCompareAtMinor"
      FROM "Variant" v JOIN x ON x."variantId" = v.id
      WHERE v.id = ANY(${ids}::text[])
      ORDER BY v.id
      FOR UPDATE OF v
    )`
      : Prisma.empty}, u AS (
      UPDATE "Variant" v
      SET stock = v.stock + x.delta,
          "priceMinor" = coalesce(x."priceMinor", v."priceMinor"),
          "compareAtMinor" = CASE WHEN x."setCompareAt" THEN x."compareAtMinor" ELSE v."compareAtMinor" END,
          currency = coalesce(x.currency, v.currency),
          "lowStockThreshold" = coalesce(x."lowStockThreshold", v."lowStockThreshold"),
          version = v.version + 1,
          "updatedAt" = timezone('UTC', now())
      FROM x, ${lockFirst ? Prisma.sql`l, ` : Prisma.empty}"Product" p
      WHERE v.id = ANY(${ids}::text[]) AND v.id = x."variantId" ${lockFirst ? Prisma.sql`AND l.id = v.id` : Prisma.empty} AND p.id = v."productId"
        AND v.stock + x.delta >= 0
        AND (x."expectedStock" IS NULL OR v.stock = x."expectedStock")
        AND (x."expectedVersion" IS NULL OR v.version = x."expectedVersion")
        AND (${storeId}::text IS NULL OR p."storeId" = ${storeId}::text)
        ${SCOPE[ctx.products ?? "any"]}
      RETURNING v.id AS "variantId", v.id, v."productId", p."storeId", v.stock, v."lowStockThreshold", v."priceMinor", v."compareAtMinor", v.currency, v.version,
                x.delta, x."movementId", ${previous},
                v.title, v.options, v."chrtId", p.title AS "productTitle", p.brand, p."nmId"
    )`;
}

const RESULT_COLUMNS = Prisma.sql`"variantId", "productId", "storeId", stock, "lowStockThreshold", "priceMinor", "compareAtMinor", currency, version,
           delta, CASE WHEN delta <> 0 THEN "movementId" END AS "movementId", "previousStock", "previousPriceMinor", title, options, "chrtId", "productTitle", brand, "nmId"`;

export async function changeVariants(tx: Tx, changes: readonly VariantChange[], ctx: ChangeContext): Promise<VariantChanged[]> {
  if (changes.length === 0) return [];
  const { rows, lockFirst } = prepare(changes, ctx);
  const reason = ctx.reason ?? null;
  const stockExtra: Record<StockEventExtra, Prisma.Sql> = { delta: Prisma.sql`u.delta`, reason: Prisma.sql`${reason}::text` };
  const stockPayload = livePairs(Prisma.join(Object.entries(stockExtra).map(([k, v]) => Prisma.sql`${Prisma.raw(`'${k}'`)}, ${v}`), ", "));
  const pricePayload = livePairs(Prisma.sql`'previousPriceMinor', u."previousPriceMinor"`);
  const changed = await tx.$queryRaw<VariantChanged[]>`
    ${updateSql(rows, lockFirst, ctx)}, m AS (
      INSERT INTO "InventoryMovement" (id, "variantId", delta, "stockAfter", reason, note, "actorId", "orderId", "createdAt")
      SELECT u."movementId", u.id, u.delta, u.stock, ${reason}::"StockReason", ${ctx.note ?? ""}, ${ctx.actorId}, ${ctx.orderId ?? null}, timezone('UTC', now())
      FROM u WHERE u.delta <> 0
    ), e AS (
      INSERT INTO "OutboxEvent" (topic, "aggregateId", payload, "createdAt")
      SELECT 'stock.changed', u.id, ${stockPayload}, timezone('UTC', now()) FROM u WHERE u.delta <> 0
      UNION ALL
      SELECT 'price.changed', u.id, ${pricePayload}, timezone('UTC', now()) FROM u
      WHERE u."priceMinor" <> u."previousPriceMinor" OR u.currency <> u."previousCurrency" OR u."compareAtMinor" IS DISTINCT FROM u."previousCompareAtMinor"
    )
    SELECT ${RESULT_COLUMNS} FROM u ORDER BY "variantId"`;
  afterCommit(tx, () => countStockOuts(changed));
  invalidateCatalogAfterCommit(tx, changed.flatMap(variantChangeTags));
  return changed;
}

/** One variant's stock as a bare `UPDATE … RETURNING` with its values as parameters: the one-line
 * order, the hottest statement of all (every buyer of a popular item queues on its row lock).
 * The same conditions as updateSql, without the CTE wrapper, the join to the change rows and the
 * outer sort, which a waiter re-evaluates after every lock wait. */
function oneStockUpdateSql(c: ChangeRow, ctx: ChangeContext): Prisma.Sql {
  const storeId = ctx.storeId ?? null;
  return Prisma.sql`
    UPDATE "Variant" v
    SET stock = v.stock + ${c.delta}::int, version = v.version + 1, "updatedAt" = timezone('UTC', now())
    FROM "Product" p
    WHERE v.id = ${c.variantId} AND p.id = v."productId" AND v.stock + ${c.delta}::int >= 0
      AND (${storeId}::text IS NULL OR p."storeId" = ${storeId}::text)
      ${SCOPE[ctx.products ?? "any"]}
    RETURNING v.id AS "variantId", v."productId", p."storeId", v.stock, v."lowStockThreshold", v."priceMinor", v."compareAtMinor", v.currency, v.version,
              ${c.delta}::int AS delta, ${c.movementId}::text AS "movementId", v.stock - ${c.delta}::int AS "previousStock", v."priceMinor" AS "previousPriceMinor",
              v.title, v.options, v."chrtId", p.title AS "productTitle", p.brand, p."nmId"`;
}

/** Stock taken now whose ledger rows and events are written by the caller's next statement. */
export interface TakenStock {
  rows: VariantChanged[];
  /** CTEs (each `, name AS (…)`) inserting the ledger rows and `stock.changed` events of `rows`.
   * The caller's next statement in the same transaction must include them after its own CTEs. */
  records: Prisma.Sql;
}

/**
 * Stock changes only (an order being placed), with the same locking and conditions as
 * changeVariants, but the statement that holds the variant locks is the bare UPDATE: the ledger
 * rows and events are built here from its result and written by the caller's next statement,
 * which it must run anyway (the order's own insert). Under contention for one popular variant
 * every buyer waits for the lock holder's statements; the writable CTEs cost the one-line order
 * about 6 % of its throughput (docs/performance.md). This module still writes every ledger row
 * and event; the caller only places them in its statement.
 */
export async function takeStock(
  tx: Tx,
  changes: readonly { variantId: string; stockDelta: number }[],
  ctx: ChangeContext & { reason: StockReason },
): Promise<TakenStock> {
  if (changes.length === 0) return { rows: [], records: Prisma.empty };
  const { rows: changeRows, lockFirst } = prepare(changes, ctx);
  const [one] = changeRows;
  const rows = await tx.$queryRaw<VariantChanged[]>(
    !lockFirst && one ? oneStockUpdateSql(one, ctx) : Prisma.sql`${updateSql(changeRows, lockFirst, ctx)} SELECT ${RESULT_COLUMNS} FROM u ORDER BY "variantId"`,
  );
  const moved = rows.filter((r) => r.delta !== 0);
  afterCommit(tx, () => countStockOuts(moved));
  invalidateCatalogAfterCommit(tx, moved.flatMap(variantChangeTags));
  const ledger = moved.map((r) => ({ id: r.movementId, variantId: r.variantId, delta: r.delta, stockAfter: r.stock }));
  const events = moved.map((r) =>
    outboxEvent("stock.changed", r.variantId, { ...liveState(r), delta: r.delta, reason: ctx.reason } satisfies StockChanged),
  );
  const records =
    moved.length === 0
      ? Prisma.empty
      : Prisma.sql`, taken_ledger AS (
      INSERT INTO "InventoryMovement" (id, "variantId", delta, "stockAfter", reason, note, "actorId", "orderId", "createdAt")
      SELECT x.id, x."variantId", x.delta, x."stockAfter", ${ctx.reason}::"StockReason", ${ctx.note ?? ""}, ${ctx.actorId}, ${ctx.orderId ?? null}, timezone('UTC', now())
      FROM jsonb_to_recordset(${JSON.stringify(ledger)}::jsonb) AS x(id text, "variantId" text, delta int, "stockAfter" int)
    ), taken_events AS (${outboxInsert(events)})`;
  return { rows, records };
}

/** One variant's stock, through the ledger; null when the change does not apply (see changeVariants). */
export async function changeStock(
  tx: Tx,
  change: { variantId: string; delta: number; expectedStock?: number },
  ctx: ChangeContext & { reason: StockReason },
): Promise<VariantChanged | null> {
  const [row] = await changeVariants(tx, [{ variantId: change.variantId, stockDelta: change.delta, expectedStock: change.expectedStock }], ctx);
  return row ?? null;
}

/** One variant's price (and currency or low-stock threshold); null when it does not apply. */
export async function changePrice(
  tx: Tx,
  change: { variantId: string; priceMinor: number; compareAtMinor?: number | null; currency?: string; lowStockThreshold?: number },
  ctx: Omit<ChangeContext, "reason" | "orderId">,
): Promise<VariantChanged | null> {
  const [row] = await changeVariants(tx, [change], ctx);
  return row ?? null;
}

/** The live state alone, as events and mutation results carry it. */
export function liveState(v: VariantChanged): VariantLive {
  return {
    productId: v.productId,
    variantId: v.variantId,
    storeId: v.storeId,
    stock: v.stock,
    lowStockThreshold: v.lowStockThreshold,
    priceMinor: v.priceMinor,
    // The was price travels with the price, so a seller's own caches show the sale at once.
    ...(v.compareAtMinor !== undefined ? { compareAtMinor: v.compareAtMinor } : {}),
    currency: v.currency,
    version: v.version,
  };
}
