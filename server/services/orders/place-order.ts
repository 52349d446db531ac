// Placing an order: one transaction (the caller's) that cannot oversell.
//  - the stock of every line changes in one statement of server/services/inventory/variant-change.ts:
//    conditional decrements (UPDATE … WHERE stock >= qty, never a read-then-write) on variants
//    locked in id order, so two orders never deadlock (takeStock);
//  - then one statement writes the order with its items, payment, delivery, status history, one
//    fulfilment part per seller, the order.placed event, and the ledger rows and stock events
//    takeStock built for the lines;
//  - any line short of stock refuses the whole order with a reason per line; a declined
//    payment refuses it too, and the caller's transaction rolls everything back (stock as it
//    was, cart intact);
//  - the idempotency key (per customer) makes a repeat return the same order; the same key
//    with a different request is a conflict. Attempts with one key take turns on an advisory
//    lock, so the second always sees the first's order.
// Written for speed (docs/performance.md): the time between the stock change and COMMIT is what
// all buyers of a popular item wait through, so it is two statements and the payment.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { DbClient, Tx, TxOptions } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { takeStock } from "@/server/services/inventory/variant-change";
import { eventsRecorded, outboxEvent, outboxInsert } from "@/server/services/outbox/record-event";
import { providerFor } from "@/server/services/payments/provider-registry";
import { deliveryOption } from "./delivery-options";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";
import { MAX_LINE_QUANTITY, MAX_LINE_QUANTITY_MESSAGE } from "@/shared/stock";
import { formatMoney, MAX_ORDER_TOTAL_MINOR } from "@/shared/money";

export interface PlacedOrder {
  id: string;
  orderUid: string;
  status: "PLACED" | "PAID";
  totalMinor: number;
  currency: string;
  /** True when this call repeated an earlier one with the same key. */
  replayed: boolean;
}

/** Room for the payment provider inside the transaction. */
export const PLACE_ORDER_TX: TxOptions = { maxWait: 30_000, timeout: 30_000 };

async function replayOrConflict(tx: DbClient, userId: string, key: string, hash: string): Promise<PlacedOrder | null> {
  const [existing] = await tx.$queryRaw<{ id: string; orderUid: string; status: string; totalMinor: number; currency: string; requestHash: string | null }[]>`
    SELECT id, "orderUid", status::text AS status, "totalMinor", currency, "requestHash"
    FROM "Order" WHERE "userId" = ${userId} AND "idempotencyKey" = ${key} LIMIT 1`;
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new AppError("IDEMPOTENCY_CONFLICT", "This checkout was already submitted with different contents. Reload the page and try again.");
  }
  return {
    id: existing.id,
    orderUid: existing.orderUid,
    status: existing.status === "PAID" ? "PAID" : "PLACED",
    totalMinor: existing.totalMinor,
    currency: existing.currency,
    replayed: true,
  };
}

/** Why each line that could not be taken was refused, for the INSUFFICIENT_STOCK message. */
async function shortLines(tx: Tx, lines: { variantId: string; quantity: number }[], taken: Set<string>) {
  const missing = lines.filter((l) => !taken.has(l.variantId));
  const current = await tx.variant.findMany({
    where: { id: { in: missing.map((l) => l.variantId) } },
    select: { id: true, stock: true, title: true, product: { select: { title: true, status: true, deletedAt: true } } },
  });
  const byId = new Map(current.map((c) => [c.id, c]));
  return missing.map((line) => {
    const c = byId.get(line.variantId);
    const available = c && c.product.status === "ACTIVE" && !c.product.deletedAt ? c.stock : 0;
    return {
      variantId: line.variantId,
      requested: line.quantity,
      available,
      title: c ? `${c.product.title}${c.title ? ` (${c.title})` : ""}` : "An item",
    };
  });
}

export async function placeOrder(tx: Tx, userId: string, rawInput: TPlaceOrderInput): Promise<PlacedOrder> {
  const input = ZPlaceOrderInput.parse(rawInput);
  const fromCart = !input.lines;
  let lines = input.lines;
  if (!lines) {
    const cart = await tx.cart.findUnique({ where: { userId }, select: { items: { select: { variantId: true, quantity: true } } } });
    lines = cart?.items ?? [];
    if (lines.length === 0) throw new AppError("VALIDATION", "Your cart is empty", { fieldErrors: { lines: ["Your cart is empty"] } });
  }
  // One entry per variant (the stock statement locks them in id order).
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.variantId, (byId.get(l.variantId) ?? 0) + l.quantity);
  const merged = [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variantId, quantity]) => ({ variantId, quantity }));
  if (merged.some((l) => l.quantity > MAX_LINE_QUANTITY)) throw new AppError("VALIDATION", MAX_LINE_QUANTITY_MESSAGE);
  const pay = input.payment.method === "card" ? { m: "card", last4: input.payment.cardNumber.slice(-4) } : { m: "cod" };
  const hash = createHash("sha256").update(JSON.stringify({ lines: merged, d: input.delivery, s: input.deliveryService, pay })).digest("hex");

  // Attempts with the same key take turns; the unique index on (userId, idempotencyKey) is the backstop.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${userId}:${input.idempotencyKey}`}, 0))`;
  const again = await replayOrConflict(tx, userId, input.idempotencyKey, hash);
  if (again) return again;

  const orderId = newId();
  // The ledger rows and stock events of this change are written by the order's statement below.
  const { rows, records: stockRecords } = await takeStock(
    tx,
    merged.map((l) => ({ variantId: l.variantId, stockDelta: -l.quantity })),
    { reason: "ORDER", actorId: userId, orderId, products: "on-sale" },
  );
  if (rows.length < merged.length) {
    const short = await shortLines(tx, merged, new Set(rows.map((r) => r.variantId)));
    const messages = short.map((s) =>
      s.available === 0 ? `${s.title} is no longer available` : `${s.title}: only ${s.available} left, you asked for ${s.requested}`,
    );
    throw new AppError("INSUFFICIENT_STOCK", messages.join("; "), { details: { lines: short } });
  }
  if (new Set(rows.map((r) => r.currency)).size > 1) throw new AppError("VALIDATION", "All items of one order must be in one currency");
  const currency = rows[0]!.currency;
  const goods = rows.reduce((s, r) => s + r.priceMinor * -r.delta, 0);
  const delivery = deliveryOption(input.deliveryService);
  const total = goods + delivery.costMinor;
  // Bounded before the provider is asked: an order the database cannot record is never charged.
  if (!Number.isSafeInteger(total) || total > MAX_ORDER_TOTAL_MINOR) {
    throw new AppError("VALIDATION", `This order is too large: its total may be at most ${formatMoney(MAX_ORDER_TOTAL_MINOR, currency)}. Split it into smaller orders.`);
  }
  const orderUid = randomBytes(10).toString("hex");

  const outcome = await providerFor(input.payment.method).authorize({ amountMinor: total, currency, orderUid, payment: input.payment });
  if (outcome.status === "DECLINED") throw new AppError("PAYMENT_DECLINED", outcome.reason);
  const paid = outcome.status === "SUCCEEDED";
  const now = new Date();
  const ts = now.toISOString();

  const items = rows.map((r, i) => {
    const q = -r.delta;
    return {
      id: newId(),
      variantId: r.variantId,
      productId: r.productId,
      storeId: r.storeId,
      chrtId: r.chrtId,
      nmId: r.nmId,
      priceMinor: r.priceMinor,
      rid: `${orderUid}${i.toString(16).padStart(2, "0")}`,
      name: r.title ? `${r.productTitle} (${r.title})` : r.productTitle,
      size: r.options?.size ?? "0",
      totalPriceMinor: r.priceMinor * q,
      brand: r.brand,
      quantity: q,
    };
  });
  const history = paid
    ? [
        { id: newId(), fromStatus: null, toStatus: "PLACED", note: "", actorId: userId },
        { id: newId(), fromStatus: "PLACED", toStatus: "PAID", note: "Card payment succeeded", actorId: null },
      ]
    : [{ id: newId(), fromStatus: null, toStatus: "PLACED", note: "Pay on delivery", actorId: userId }];
  const stores = new Map<string, { storeId: string; itemCount: number; totalMinor: number }>();
  for (const it of items) {
    const s = stores.get(it.storeId) ?? { storeId: it.storeId, itemCount: 0, totalMinor: 0 };
    s.itemCount += it.quantity;
    s.totalMinor += it.totalPriceMinor;
    stores.set(it.storeId, s);
  }
  const placed = outboxEvent("order.placed", orderId, { orderId, orderUid, userId, totalMinor: total, currency, placedAt: ts, stores: [...stores.values()] });
  // One fulfilment part per store (server/services/fulfilment), in the order's status.
  const parts = [...stores.keys()].map((storeId) => ({ id: newId(), storeId }));
  const d = input.delivery;
  const shardKey = String(parseInt(orderUid.slice(0, 2), 16) % 10);

  await tx.$executeRaw`
    WITH o AS (
      INSERT INTO "Order" (id, "orderUid", entry, locale, "customerRef", "deliveryService", "shardKey", "smId", "dateCreated", "oofShard",
                           "userId", source, status, currency, "goodsTotalMinor", "deliveryCostMinor", "totalMinor", "idempotencyKey", "requestHash", "createdAt", "updatedAt")
      VALUES (${orderId}, ${orderUid}, 'LMWEB', 'en', ${userId}, ${delivery.code}, ${shardKey}, 0, ${ts}::timestamp, '1',
              ${userId}, 'STOREFRONT', ${paid ? "PAID" : "PLACED"}::"OrderStatus", ${currency}, ${goods}::int, ${delivery.costMinor}::int, ${total}::int,
              ${input.idempotencyKey}, ${hash}, ${ts}::timestamp, ${ts}::timestamp)
    ), i AS (
      INSERT INTO "OrderItem" (id, "orderId", "variantId", "productId", "storeId", "chrtId", "nmId", "priceMinor", rid, name, sale, size,
                               "totalPriceMinor", brand, status, quantity, currency, "createdAt")
      SELECT x.id, ${orderId}, x."variantId", x."productId", x."storeId", x."chrtId", x."nmId", x."priceMinor", x.rid, x.name, 0, x.size,
             x."totalPriceMinor", x.brand, 0, x.quantity, ${currency}, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id text, "variantId" text, "productId" text, "storeId" text, "chrtId" int,
           "nmId" int, "priceMinor" int, rid text, name text, size text, "totalPriceMinor" int, brand text, quantity int)
    ), pay AS (
      INSERT INTO "Payment" (id, "orderId", transaction, currency, provider, "amountMinor", "paymentDt", bank, "deliveryCostMinor",
                             "goodsTotalMinor", "customFeeMinor", status, "createdAt", "updatedAt")
      VALUES (${newId()}, ${orderId}, ${outcome.transaction}, ${currency}, ${outcome.provider}, ${total}::int,
              ${paid ? Math.floor(now.getTime() / 1000) : 0}::int, ${outcome.bank}, ${delivery.costMinor}::int, ${goods}::int, 0,
              ${outcome.status}::"PaymentStatus", ${ts}::timestamp, ${ts}::timestamp)
    ), dl AS (
      INSERT INTO "Delivery" (id, "orderId", name, phone, zip, city, address, region, email)
      VALUES (${newId()}, ${orderId}, ${d.name}, ${d.phone}, ${d.zip}, ${d.city}, ${d.address}, ${d.region}, ${d.email})
    ), h AS (
      INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
      SELECT x.id, ${orderId}, x."fromStatus"::"OrderStatus", x."toStatus"::"OrderStatus", x.note, x."actorId", ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS x(id text, "fromStatus" text, "toStatus" text, note text, "actorId" text)
    ), sh AS (
      INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
      SELECT x.id, ${orderId}, x."storeId", ${paid ? "PAID" : "PLACED"}::"OrderStatus", 1, ${ts}::timestamp, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) AS x(id text, "storeId" text)
    )${stockRecords}
    ${outboxInsert([placed], Prisma.sql`${ts}::timestamp`)}`;
  eventsRecorded(tx, [placed]);
  if (fromCart) {
    await tx.$executeRaw`
      DELETE FROM "CartItem" ci USING "Cart" c
      WHERE c.id = ci."cartId" AND c."userId" = ${userId} AND ci."variantId" = ANY(${rows.map((r) => r.variantId)}::text[])`;
  }
  return { id: orderId, orderUid, status: paid ? "PAID" : "PLACED", totalMinor: total, currency, replayed: false };
}
