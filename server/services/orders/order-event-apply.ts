// Storing an order received as an event (server/stream/consumer.ts calls it in its own
// transaction, one per event). Idempotent by order_uid: events with one order_uid take turns on an
// advisory lock and the second finds the first's order and changes nothing ("duplicate").
//
// Items map to variants by `chrt_id` = Variant.chrtId (the numeric SKU id every variant has; decision
// 92). Each item of the event is one unit. Known SKUs take stock through the one stock path
// (takeStock, server/services/inventory/variant-change.ts: ledger reason EXTERNAL_ORDER, a
// `stock.changed` event per variant for open pages), never below zero: a variant whose stock cannot
// cover all its units takes none, its items are recorded with `shortQuantity` = 1 and the order,
// and that store's part, are NEEDS_ATTENTION. Items whose chrt_id matches no variant are stored as
// external lines (no variant, store or stock). One fulfilment part per store with known items, in
// PAID (the event says it is paid) or NEEDS_ATTENTION; `order.placed` goes to the outbox.
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { Tx } from "@/server/db/transaction";
import { takeStock } from "@/server/services/inventory/variant-change";
import { outboxEvent, outboxInsert } from "@/server/services/outbox/record-event";
import type { TOrderEvent } from "./order-event";

export type AppliedOrderEvent =
  | { result: "duplicate"; orderUid: string }
  | { result: "applied" | "short"; orderUid: string; orderId: string; shortLines: { chrtId: number; short: number }[] };

export async function applyOrderEvent(tx: Tx, e: TOrderEvent): Promise<AppliedOrderEvent> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`order-event:${e.order_uid}`}, 0))`;
  const chrtIds = [...new Set(e.items.map((i) => i.chrt_id))];
  // One round trip: is the order known, and which SKUs are ours.
  const [found] = await tx.$queryRaw<{ existing: string | null; variants: { id: string; chrtId: number }[] | null }[]>`
    SELECT (SELECT id FROM "Order" WHERE "orderUid" = ${e.order_uid} LIMIT 1) AS existing,
           (SELECT json_agg(json_build_object('id', id, 'chrtId', "chrtId")) FROM "Variant" WHERE "chrtId" = ANY(${chrtIds}::int[])) AS variants`;
  if (found?.existing) return { result: "duplicate", orderUid: e.order_uid };
  const variants = found?.variants ?? [];
  const variantOf = new Map(variants.map((v) => [v.chrtId, v.id]));
  const units = new Map<string, number>();
  for (const i of e.items) {
    const v = variantOf.get(i.chrt_id);
    if (v) units.set(v, (units.get(v) ?? 0) + 1);
  }
  const orderId = newId();
  const changes = [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variantId, n]) => ({ variantId, stockDelta: -n }));
  const { rows, records } = await takeStock(tx, changes, {
    reason: "EXTERNAL_ORDER",
    actorId: null,
    orderId,
    products: "not-deleted",
    note: `Order ${e.order_uid} received as an event`,
  });
  const taken = new Map(rows.map((r) => [r.variantId, r]));
  // Where each known variant belongs (also those short, whose row takeStock did not return).
  const missing = changes.filter((c) => !taken.has(c.variantId)).map((c) => c.variantId);
  const owners = missing.length
    ? await tx.$queryRaw<{ id: string; productId: string; storeId: string }[]>`
        SELECT v.id, v."productId", p."storeId" FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE v.id = ANY(${missing}::text[])`
    : [];
  const place = new Map<string, { productId: string; storeId: string }>([
    ...rows.map((r) => [r.variantId, { productId: r.productId, storeId: r.storeId }] as const),
    ...owners.map((o) => [o.id, { productId: o.productId, storeId: o.storeId }] as const),
  ]);

  const ts = new Date().toISOString();
  const idBase = `c${randomBytes(10).toString("hex")}`;
  const items = e.items.map((i, n) => {
    const variantId = variantOf.get(i.chrt_id) ?? null;
    const at = variantId ? place.get(variantId) : undefined;
    return {
      id: `${idBase}${n.toString(16).padStart(4, "0")}`, // in event order (items are read back by createdAt, id)
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
      shortQuantity: variantId && !taken.has(variantId) ? 1 : 0,
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
  const parts = [...stores.values()].map((s) => ({ id: newId(), storeId: s.storeId, status: s.short ? "NEEDS_ATTENTION" : "PAID" }));
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
  await tx.$executeRaw`
    WITH o AS (
      INSERT INTO "Order" (id, "orderUid", "trackNumber", entry, locale, "internalSignature", "customerRef", "deliveryService", "shardKey", "smId",
                           "dateCreated", "oofShard", source, status, currency, "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "createdAt", "updatedAt")
      VALUES (${orderId}, ${e.order_uid}, ${e.track_number}, ${e.entry}, ${e.locale}, ${e.internal_signature}, ${e.customer_id}, ${e.delivery_service},
              ${e.shardkey}, ${e.sm_id}::int, ${new Date(e.date_created).toISOString()}::timestamptz AT TIME ZONE 'UTC', ${e.oof_shard}, 'EVENT',
              ${status}::"OrderStatus", ${p.currency}, ${p.goods_total}::int, ${p.delivery_cost}::int, ${p.amount}::int, ${ts}::timestamp, ${ts}::timestamp)
    ), i AS (
      INSERT INTO "OrderItem" (id, "orderId", "variantId", "productId", "storeId", "chrtId", "nmId", "trackNumber", "priceMinor", rid, name, sale, size,
                               "totalPriceMinor", brand, status, quantity, "shortQuantity", currency, "createdAt")
      SELECT x.id, ${orderId}, x."variantId", x."productId", x."storeId", x."chrtId", x."nmId", x."trackNumber", x."priceMinor", x.rid, x.name, x.sale,
             x.size, x."totalPriceMinor", x.brand, x.status, 1, x."shortQuantity", ${p.currency}, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id text, "variantId" text, "productId" text, "storeId" text, "chrtId" int, "nmId" int,
           "trackNumber" text, "priceMinor" int, rid text, name text, sale int, size text, "totalPriceMinor" int, brand text, status int, "shortQuantity" int)
    ), pay AS (
      INSERT INTO "Payment" (id, "orderId", transaction, "requestId", currency, provider, "amountMinor", "paymentDt", bank, "deliveryCostMinor",
                             "goodsTotalMinor", "customFeeMinor", status, "createdAt", "updatedAt")
      VALUES (${newId()}, ${orderId}, ${p.transaction}, ${p.request_id}, ${p.currency}, ${p.provider}, ${p.amount}::int, ${p.payment_dt}::int, ${p.bank},
              ${p.delivery_cost}::int, ${p.goods_total}::int, ${p.custom_fee}::int, 'SUCCEEDED', ${ts}::timestamp, ${ts}::timestamp)
    ), dl AS (
      INSERT INTO "Delivery" (id, "orderId", name, phone, zip, city, address, region, email)
      VALUES (${newId()}, ${orderId}, ${d.name}, ${d.phone}, ${d.zip}, ${d.city}, ${d.address}, ${d.region}, ${d.email})
    ), h AS (
      INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
      VALUES (${newId()}, ${orderId}, NULL, ${status}::"OrderStatus", ${note}, NULL, ${ts}::timestamp)
    ), sh AS (
      INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
      SELECT x.id, ${orderId}, x."storeId", x.status::"OrderStatus", 1, ${ts}::timestamp, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) AS x(id text, "storeId" text, status text)
    )${records}
    ${outboxInsert([placed], Prisma.sql`${ts}::timestamp`)}`;
  return { result: short ? "short" : "applied", orderUid: e.order_uid, orderId, shortLines };
}
