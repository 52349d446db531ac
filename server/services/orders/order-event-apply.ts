// Storing orders received as events (server/stream/consumer.ts calls it with a batch, in one
// transaction). Idempotent by order_uid: the batch first takes an advisory lock per order_uid (all of
// them, in one statement, in hash order, so two batches never wait on each other in a cycle), then
// finds which are already stored; those, and a second copy within the batch, are "duplicate" and
// change nothing.
//
// Items map to variants by `chrt_id` = Variant.chrtId (the numeric SKU id every variant has; decision
// 92). Each item of the event is one unit. Known SKUs take stock through the one stock path
// (takeStock, server/services/inventory/variant-change.ts: ledger reason EXTERNAL_ORDER, a
// `stock.changed` event per variant for open pages), event by event in the batch's order, never below
// zero: a variant whose stock cannot cover all the event's units takes none, its items are recorded
// with `shortQuantity` = 1 and the order, and that store's part, are NEEDS_ATTENTION. Items whose
// chrt_id matches no variant are stored as external lines (no variant, store or stock). One
// fulfilment part per store with known items, in PAID (the event says it is paid) or
// NEEDS_ATTENTION; `order.placed` goes to the outbox.
//
// Round trips for a batch (decision 96): the lock, one lookup of the batch's order_uids and SKUs,
// then for each event with a known SKU its takeStock and the statement writing its order (which must
// carry takeStock's ledger rows and events), and one statement writing every other order of the
// batch (multi-row inserts).
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { Tx } from "@/server/db/transaction";
import { takeStock, type VariantChanged } from "@/server/services/inventory/variant-change";
import { eventsRecorded, outboxEvent, outboxInsert, type OutboxEventInput } from "@/server/services/outbox/record-event";
import type { TOrderEvent } from "./order-event";

export type AppliedOrderEvent =
  | { result: "duplicate"; orderUid: string }
  | { result: "applied" | "short"; orderUid: string; orderId: string; shortLines: { chrtId: number; short: number }[] };

/** What applyOrderEvents did with an event: stored it (or found it a duplicate), or left it for
 * the caller's next transaction ("later"): its stock locks would have come out of id order. */
export type BatchedOrderEvent = AppliedOrderEvent | { result: "later"; orderUid: string };

/** One event alone (a batch of one is never left for later). */
export async function applyOrderEvent(tx: Tx, e: TOrderEvent): Promise<AppliedOrderEvent> {
  const [r] = await applyOrderEvents(tx, [e]);
  if (!r || r.result === "later") throw new Error("applyOrderEvent: a single event was left for later");
  return r;
}

/**
 * A batch of events; one result per event, in the batch's order. The stock-taking events are
 * applied in the order of their variants' ids, and one that would lock a variant below one this
 * transaction already holds is left for the caller's next transaction ("later", with any later copy
 * of its order_uid): a transaction takes variant locks in ascending id order across all its
 * statements, like every other writer (variant-change.ts), so it can never deadlock with a
 * storefront order or another consumer. Events of one variant each always fit in one transaction.
 */
export async function applyOrderEvents(tx: Tx, events: readonly TOrderEvent[]): Promise<BatchedOrderEvent[]> {
  if (events.length === 0) return [];
  const uids = [...new Set(events.map((e) => e.order_uid))];
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended('order-event:' || u, 0) AS h FROM unnest(${uids}::text[]) AS u ORDER BY 1) AS k`;
  const chrtIds = [...new Set(events.flatMap((e) => e.items.map((i) => i.chrt_id)))];
  // One round trip: which orders are known, and which SKUs are ours.
  const [found] = await tx.$queryRaw<{ existing: string[] | null; variants: { id: string; chrtId: number }[] | null }[]>`
    SELECT (SELECT json_agg("orderUid") FROM "Order" WHERE "orderUid" = ANY(${uids}::text[])) AS existing,
           (SELECT json_agg(json_build_object('id', id, 'chrtId', "chrtId")) FROM "Variant" WHERE "chrtId" = ANY(${chrtIds}::int[])) AS variants`;
  const known = new Set(found?.existing ?? []);
  const variantOf = new Map((found?.variants ?? []).map((v) => [v.chrtId, v.id]));

  // The first event of each new order_uid is stored (or left for later); copies follow it.
  const results: BatchedOrderEvent[] = events.map((e) => ({ result: "duplicate", orderUid: e.order_uid }));
  const firsts = new Map<string, { at: number; e: TOrderEvent; variants: string[] }>();
  events.forEach((e, at) => {
    if (known.has(e.order_uid) || firsts.has(e.order_uid)) return;
    const variants = [...new Set(e.items.flatMap((i) => variantOf.get(i.chrt_id) ?? []))].sort(byCodeUnit);
    firsts.set(e.order_uid, { at, e, variants });
  });
  const byVariant = [...firsts.values()].sort((a, b) => byCodeUnit(a.variants[0] ?? "", b.variants[0] ?? "") || a.at - b.at);
  const held = new Set<string>();
  let highest = "";
  const withoutStock: OrderRows[] = [];
  for (const { at, e, variants } of byVariant) {
    const fresh = variants.filter((v) => !held.has(v));
    if (fresh.some((v) => v < highest)) {
      results.forEach((r, i) => (results[i] = r.orderUid === e.order_uid && i >= at ? { result: "later", orderUid: e.order_uid } : r));
      continue;
    }
    for (const v of fresh) held.add(v);
    highest = fresh.at(-1) ?? highest;
    const order = await takeOrderStock(tx, e, variantOf);
    results[at] = order.result;
    if (order.records === Prisma.empty) withoutStock.push(order);
    else await writeOrders(tx, [order], order.records); // takeStock's records go in the very next statement
  }
  if (withoutStock.length > 0) await writeOrders(tx, withoutStock, Prisma.empty);
  return results;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface OrderRows {
  result: Extract<AppliedOrderEvent, { orderId: string }>;
  order: Record<string, unknown>;
  items: Record<string, unknown>[];
  parts: Record<string, unknown>[];
  placed: OutboxEventInput;
  /** takeStock's ledger rows and events (CTEs), or Prisma.empty. */
  records: Prisma.Sql;
}

/** Takes the event's stock (when it has known SKUs) and prepares its rows. */
async function takeOrderStock(tx: Tx, e: TOrderEvent, variantOf: ReadonlyMap<number, string>): Promise<OrderRows> {
  const units = new Map<string, number>();
  for (const i of e.items) {
    const v = variantOf.get(i.chrt_id);
    if (v) units.set(v, (units.get(v) ?? 0) + 1);
  }
  const orderId = newId();
  const changes = [...units].sort(([a], [b]) => byCodeUnit(a, b)).map(([variantId, n]) => ({ variantId, stockDelta: -n }));
  const { rows, records } = await takeStock(tx, changes, {
    reason: "EXTERNAL_ORDER",
    actorId: null,
    orderId,
    products: "not-deleted",
    note: `Order ${e.order_uid} received as an event`,
  });
  // Where each known variant belongs (also those short, whose row takeStock did not return).
  const missing = changes.filter((c) => !rows.some((r) => r.variantId === c.variantId)).map((c) => c.variantId);
  const owners = missing.length
    ? await tx.$queryRaw<{ variantId: string; productId: string; storeId: string }[]>`
        SELECT v.id AS "variantId", v."productId", p."storeId" FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE v.id = ANY(${missing}::text[])`
    : [];
  return { ...orderRows(e, orderId, variantOf, rows, owners), records };
}

/** The rows of one order: its items (known, short or external), store parts, status and event. */
function orderRows(
  e: TOrderEvent,
  orderId: string,
  variantOf: ReadonlyMap<number, string>,
  taken: readonly VariantChanged[],
  owners: readonly { variantId: string; productId: string; storeId: string }[],
): Omit<OrderRows, "records"> {
  const tookStock = new Set(taken.map((r) => r.variantId));
  const place = new Map<string, { productId: string; storeId: string }>([...taken, ...owners].map((r) => [r.variantId, { productId: r.productId, storeId: r.storeId }]));
  const ts = new Date().toISOString();
  const idBase = `c${randomBytes(10).toString("hex")}`;
  const items = e.items.map((i, n) => {
    const variantId = variantOf.get(i.chrt_id) ?? null;
    const at = variantId ? place.get(variantId) : undefined;
    return {
      id: `${idBase}${n.toString(16).padStart(4, "0")}`, // in event order (items are read back by createdAt, id)
      orderId,
      variantId,
      productId: at?.productId ?? null,
      storeId: at?.storeId ?? null,
      chrtId: i.chrt_id,
      nmId: i.nm_id,
      trackNumber: i.track_number,
      priceMinor: i.price,
      rid: i.rid,
      name: i.name,
      sale: i.sale,
      size: i.size,
      totalPriceMinor: i.total_price,
      brand: i.brand,
      status: i.status,
      shortQuantity: variantId && !tookStock.has(variantId) ? 1 : 0,
      currency: e.payment.currency,
      createdAt: ts,
    };
  });
  const stores = new Map<string, { storeId: string; itemCount: number; totalMinor: number; short: boolean }>();
  for (const it of items) {
    if (!it.storeId) continue;
    const s = stores.get(it.storeId) ?? { storeId: it.storeId, itemCount: 0, totalMinor: 0, short: false };
    s.itemCount += 1;
    s.totalMinor += it.totalPriceMinor;
    s.short ||= it.shortQuantity > 0;
    stores.set(it.storeId, s);
  }
  const short = items.some((i) => i.shortQuantity > 0);
  const status = short ? "NEEDS_ATTENTION" : "PAID";
  const shortLines = [...items.filter((i) => i.shortQuantity > 0).reduce((m, i) => m.set(i.chrtId, (m.get(i.chrtId) ?? 0) + 1), new Map<number, number>())].map(
    ([chrtId, n]) => ({ chrtId, short: n }),
  );
  const note = short
    ? `Received as an order event; short of stock: ${shortLines.map((l) => `chrt_id ${l.chrtId} × ${l.short}`).join(", ")}`
    : "Received as an order event";
  const parts = [...stores.values()].map((s) => ({ id: newId(), orderId, storeId: s.storeId, status: s.short ? "NEEDS_ATTENTION" : "PAID", createdAt: ts }));
  const placed = outboxEvent("order.placed", orderId, {
    orderId,
    orderUid: e.order_uid,
    userId: null,
    totalMinor: e.payment.amount,
    currency: e.payment.currency,
    placedAt: ts,
    stores: [...stores.values()].map(({ storeId, itemCount, totalMinor }) => ({ storeId, itemCount, totalMinor })),
  });
  const d = e.delivery;
  const p = e.payment;
  const order = {
    id: orderId,
    orderUid: e.order_uid,
    trackNumber: e.track_number,
    entry: e.entry,
    locale: e.locale,
    internalSignature: e.internal_signature,
    customerRef: e.customer_id,
    deliveryService: e.delivery_service,
    shardKey: e.shardkey,
    smId: e.sm_id,
    dateCreated: new Date(e.date_created).toISOString(),
    oofShard: e.oof_shard,
    status,
    currency: p.currency,
    goodsTotalMinor: p.goods_total,
    deliveryCostMinor: p.delivery_cost,
    totalMinor: p.amount,
    createdAt: ts,
    // Payment, Delivery and the first status step: one row each per order.
    paymentId: newId(),
    transaction: p.transaction,
    requestId: p.request_id,
    provider: p.provider,
    paymentDt: p.payment_dt,
    bank: p.bank,
    customFeeMinor: p.custom_fee,
    deliveryId: newId(),
    dName: d.name,
    dPhone: d.phone,
    dZip: d.zip,
    dCity: d.city,
    dAddress: d.address,
    dRegion: d.region,
    dEmail: d.email,
    historyId: newId(),
    note,
  };
  return { result: { result: short ? "short" : "applied", orderUid: e.order_uid, orderId, shortLines }, order, items, parts, placed };
}

/** Writes orders with their items, payment, delivery, first status step, parts and `order.placed`
 * events in one statement, plus `records` (takeStock's ledger rows and events, or empty). */
async function writeOrders(tx: Tx, orders: readonly Omit<OrderRows, "result" | "records">[], records: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`
    WITH src AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(orders.map((o) => o.order))}::jsonb) AS x(
        id text, "orderUid" text, "trackNumber" text, entry text, locale text, "internalSignature" text, "customerRef" text, "deliveryService" text,
        "shardKey" text, "smId" int, "dateCreated" timestamptz, "oofShard" text, status "OrderStatus", currency text, "goodsTotalMinor" int,
        "deliveryCostMinor" int, "totalMinor" int, "createdAt" timestamp, "paymentId" text, transaction text, "requestId" text, provider text,
        "paymentDt" int, bank text, "customFeeMinor" int, "deliveryId" text, "dName" text, "dPhone" text, "dZip" text, "dCity" text, "dAddress" text,
        "dRegion" text, "dEmail" text, "historyId" text, note text)
    ), o AS (
      INSERT INTO "Order" (id, "orderUid", "trackNumber", entry, locale, "internalSignature", "customerRef", "deliveryService", "shardKey", "smId",
                           "dateCreated", "oofShard", source, status, currency, "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "createdAt", "updatedAt")
      SELECT id, "orderUid", "trackNumber", entry, locale, "internalSignature", "customerRef", "deliveryService", "shardKey", "smId",
             "dateCreated" AT TIME ZONE 'UTC', "oofShard", 'EVENT', status, currency, "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "createdAt", "createdAt"
      FROM src
    ), i AS (
      INSERT INTO "OrderItem" (id, "orderId", "variantId", "productId", "storeId", "chrtId", "nmId", "trackNumber", "priceMinor", rid, name, sale, size,
                               "totalPriceMinor", brand, status, quantity, "shortQuantity", currency, "createdAt")
      SELECT x.id, x."orderId", x."variantId", x."productId", x."storeId", x."chrtId", x."nmId", x."trackNumber", x."priceMinor", x.rid, x.name, x.sale,
             x.size, x."totalPriceMinor", x.brand, x.status, 1, x."shortQuantity", x.currency, x."createdAt"
      FROM jsonb_to_recordset(${JSON.stringify(orders.flatMap((o) => o.items))}::jsonb) AS x(id text, "orderId" text, "variantId" text, "productId" text,
           "storeId" text, "chrtId" int, "nmId" int, "trackNumber" text, "priceMinor" int, rid text, name text, sale int, size text, "totalPriceMinor" int,
           brand text, status int, "shortQuantity" int, currency text, "createdAt" timestamp)
    ), pay AS (
      INSERT INTO "Payment" (id, "orderId", transaction, "requestId", currency, provider, "amountMinor", "paymentDt", bank, "deliveryCostMinor",
                             "goodsTotalMinor", "customFeeMinor", status, "createdAt", "updatedAt")
      SELECT "paymentId", id, transaction, "requestId", currency, provider, "totalMinor", "paymentDt", bank, "deliveryCostMinor",
             "goodsTotalMinor", "customFeeMinor", 'SUCCEEDED', "createdAt", "createdAt"
      FROM src
    ), dl AS (
      INSERT INTO "Delivery" (id, "orderId", name, phone, zip, city, address, region, email)
      SELECT "deliveryId", id, "dName", "dPhone", "dZip", "dCity", "dAddress", "dRegion", "dEmail" FROM src
    ), h AS (
      INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
      SELECT "historyId", id, NULL, status, note, NULL, "createdAt" FROM src
    ), sh AS (
      INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
      SELECT x.id, x."orderId", x."storeId", x.status::"OrderStatus", 1, x."createdAt", x."createdAt"
      FROM jsonb_to_recordset(${JSON.stringify(orders.flatMap((o) => o.parts))}::jsonb) AS x(id text, "orderId" text, "storeId" text, status text, "createdAt" timestamp)
    )${records}
    ${outboxInsert(orders.map((o) => o.placed))}`;
  eventsRecorded(tx, orders.map((o) => o.placed));
}
