// Step three of a card checkout (server/services/orders/checkout.ts): the order reserved as
// PENDING_PAYMENT is confirmed (its payment authorised) or released (declined, failed, or its
// reservation lapsed: server/services/orders/release-reservations.ts). Each applies only while
// the order is still PENDING_PAYMENT (UPDATE … WHERE status = 'PENDING_PAYMENT', which also waits
// for whoever holds the order's row), so of a confirm, a release and a sweep racing for one
// order exactly one changes it and the others learn what became of it. None of them touches a variant's row except a release giving the units back.
// A confirm is one statement and needs no transaction around it; a release is several.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { DbClient, Tx } from "@/server/db/transaction";
import { returnStock } from "@/server/services/fulfilment/parts";
import { releaseRedemptions } from "@/server/services/promotions/apply-code";
import { eventsCommitted, outboxEvent, outboxInsert } from "@/server/services/outbox/record-event";
import type { PaymentOutcome } from "@/server/services/payments/provider";
import { isPlaced, type OrderStatus } from "@/shared/orders";
import { placedAnswer, type PendingOrder, type PlacedOrder } from "./place-order";

/** What a confirm found: it placed the order; another attempt had placed it; or it had been
 * released (the authorisation must be voided). */
export type Confirmed = { kind: "placed"; placed: PlacedOrder } | { kind: "already"; placed: PlacedOrder } | { kind: "released"; status: OrderStatus };

/**
 * Places a PENDING_PAYMENT order whose payment was authorised (SUCCEEDED: PAID; PENDING, a
 * gateway that settles later: PLACED): its payment row, status history, one fulfilment part per
 * store, the order.placed event (sellers hear of the order now), and, for an order of the cart,
 * those lines leave the cart. One statement, every write of it conditional on the order's own
 * UPDATE having found the order pending: atomic without a transaction around it, so it takes
 * any client (one round trip; checkout.ts runs it on the app's client).
 */
export async function confirmOrder(db: DbClient, order: PendingOrder, outcome: Exclude<PaymentOutcome, { status: "DECLINED" }>): Promise<Confirmed> {
  const paid = outcome.status === "SUCCEEDED";
  const status = paid ? "PAID" : "PLACED";
  const now = new Date();
  const ts = now.toISOString();
  const history = [{ id: newId(), fromStatus: "PENDING_PAYMENT", toStatus: status, note: paid ? "Card payment succeeded" : "Payment authorised", actorId: null }];
  const parts = order.stores.map((s) => ({ id: newId(), storeId: s.storeId }));
  const placed = outboxEvent("order.placed", order.orderId, {
    orderId: order.orderId,
    orderUid: order.orderUid,
    userId: order.userId,
    totalMinor: order.totalMinor,
    currency: order.currency,
    placedAt: ts,
    stores: order.stores,
  });
  const cart = order.fromCart && order.cartId
    ? Prisma.sql`, c AS (
      DELETE FROM "CartItem" ci USING o
      WHERE ci."cartId" = ${order.cartId} AND ci."variantId" = ANY(${order.variantIds}::text[])
    ), cc AS (
      UPDATE "Cart" SET "discountCode" = NULL FROM o
      WHERE "Cart".id = ${order.cartId} AND EXISTS (SELECT 1 FROM "PromotionRedemption" r WHERE r."orderId" = o.id)
    )`
    : Prisma.empty;
  const [row] = await db.$queryRaw<{ confirmed: boolean }[]>`
    WITH o AS (
      UPDATE "Order" SET status = ${status}::"OrderStatus", "reservedUntil" = NULL, version = version + 1, "updatedAt" = ${ts}::timestamp
      WHERE id = ${order.orderId} AND status = 'PENDING_PAYMENT'
      RETURNING id
    ), pay AS (
      UPDATE "Payment" p SET status = ${outcome.status}::"PaymentStatus", provider = ${outcome.provider}, transaction = ${outcome.transaction},
             bank = ${outcome.bank}, "paymentDt" = ${paid ? Math.floor(now.getTime() / 1000) : 0}::int, "updatedAt" = ${ts}::timestamp
      FROM o WHERE p."orderId" = o.id
    ), h AS (
      INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
      SELECT x.id, o.id, x."fromStatus"::"OrderStatus", x."toStatus"::"OrderStatus", x.note, x."actorId", ${ts}::timestamp
      FROM o, jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS x(id text, "fromStatus" text, "toStatus" text, note text, "actorId" text)
    ), sh AS (
      INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
      SELECT x.id, o.id, x."storeId", ${status}::"OrderStatus", 1, ${ts}::timestamp, ${ts}::timestamp
      FROM o, jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) AS x(id text, "storeId" text)
    )${cart}, e AS (${outboxInsert([placed], Prisma.sql`${ts}::timestamp`, Prisma.sql`EXISTS (SELECT 1 FROM o)`)})
    SELECT EXISTS (SELECT 1 FROM o) AS confirmed`;
  if (row?.confirmed) {
    // The featured row counts sales: the catalogue cache forgets it (the statement has committed).
    await eventsCommitted([placed]);
    return { kind: "placed", placed: placedAnswer({ id: order.orderId, number: order.number, orderUid: order.orderUid, status, totalMinor: order.totalMinor, currency: order.currency }, false) };
  }
  // Not pending any more: placed by another attempt, or released. Read after the statement (its
  // own snapshot may predate the change it waited for).
  const [current] = await db.$queryRaw<{ id: string; number: string; orderUid: string; status: OrderStatus; totalMinor: number; currency: string }[]>`
    SELECT id, number, "orderUid", status::text AS status, "totalMinor", currency FROM "Order" WHERE id = ${order.orderId}`;
  if (current && isPlaced(current.status)) return { kind: "already", placed: placedAnswer(current, true) };
  return { kind: "released", status: current?.status ?? "PAYMENT_FAILED" };
}

/**
 * Releases a PENDING_PAYMENT order: PAYMENT_FAILED, every unit back on sale through the ledger
 * (RESERVATION_RELEASED, with stock events), the payment DECLINED with the reason. Its
 * idempotency key is let go: as when a declined checkout left nothing behind, the same key may
 * be used again for a new attempt. False when the order was no longer pending (confirmed or
 * released by someone else): nothing changes.
 */
export async function releaseOrder(tx: Tx, orderId: string, opts: { actorId: string | null; note: string; failureReason: string }): Promise<boolean> {
  const ts = new Date().toISOString();
  const released = await tx.$executeRaw`
    UPDATE "Order" SET status = 'PAYMENT_FAILED', "reservedUntil" = NULL, "idempotencyKey" = NULL, version = version + 1, "updatedAt" = ${ts}::timestamp
    WHERE id = ${orderId} AND status = 'PENDING_PAYMENT'`;
  if (released === 0) return false;
  // A discount code's use goes back with the order that was never placed (decision 173); the
  // promotion's row before the variants', the one lock order (apply-code.ts).
  await releaseRedemptions(tx, orderId);
  await returnStock(tx, { orderId, storeIds: null, actorId: opts.actorId, note: opts.note, reason: "RESERVATION_RELEASED" });
  await tx.$executeRaw`
    WITH pay AS (
      UPDATE "Payment" SET status = 'DECLINED', "failureReason" = ${opts.failureReason}, "updatedAt" = ${ts}::timestamp
      WHERE "orderId" = ${orderId} AND status = 'PENDING'
    )
    INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
    VALUES (${newId()}, ${orderId}, 'PENDING_PAYMENT', 'PAYMENT_FAILED', ${opts.note}, ${opts.actorId}, ${ts}::timestamp)`;
  return true;
}
