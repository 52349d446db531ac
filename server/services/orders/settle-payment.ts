// Step three of a card checkout (server/services/orders/checkout.ts): the order reserved as
// PENDING_PAYMENT is confirmed (its payment authorised) or released (declined, failed, or its
// reservation lapsed: server/services/orders/release-reservations.ts). Each runs in the caller's
// transaction and applies only while the order is still PENDING_PAYMENT (UPDATE … WHERE status =
// 'PENDING_PAYMENT', which also waits for whoever holds the order's row), so of a confirm, a
// release and a sweep racing for one order exactly one changes it and the others learn what
// became of it. None of them touches a variant's row except a release giving the units back.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { Tx } from "@/server/db/transaction";
import { returnStock } from "@/server/services/fulfilment/parts";
import { outboxEvent, outboxInsert } from "@/server/services/outbox/record-event";
import type { PaymentOutcome } from "@/server/services/payments/provider";
import { isPlaced, type OrderStatus } from "@/shared/orders";
import { placedAnswer, type PlacedOrder } from "./place-order";

/** What a confirm found: it placed the order; another attempt had placed it; or it had been
 * released (the authorisation must be voided). */
export type Confirmed = { kind: "placed"; placed: PlacedOrder } | { kind: "already"; placed: PlacedOrder } | { kind: "released"; status: OrderStatus };

interface ConfirmedRow {
  id: string;
  orderUid: string;
  userId: string | null;
  totalMinor: number;
  currency: string;
  status: string;
  stores: { storeId: string; itemCount: number; totalMinor: number }[];
  variantIds: string[];
}

/**
 * Places a PENDING_PAYMENT order whose payment was authorised (SUCCEEDED: PAID; PENDING, a
 * gateway that settles later: PLACED): its payment row, status history, one fulfilment part per
 * store, the order.placed event (sellers hear of the order now), and, for an order of the cart,
 * those lines leave the cart.
 */
export async function confirmOrder(
  tx: Tx,
  orderId: string,
  outcome: Exclude<PaymentOutcome, { status: "DECLINED" }>,
  opts: { fromCart: boolean },
): Promise<Confirmed> {
  const paid = outcome.status === "SUCCEEDED";
  const status = paid ? "PAID" : "PLACED";
  const now = new Date();
  const ts = now.toISOString();
  const [row] = await tx.$queryRaw<ConfirmedRow[]>`
    WITH o AS (
      UPDATE "Order" SET status = ${status}::"OrderStatus", "reservedUntil" = NULL, version = version + 1, "updatedAt" = ${ts}::timestamp
      WHERE id = ${orderId} AND status = 'PENDING_PAYMENT'
      RETURNING id, "orderUid", "userId", "totalMinor", currency, status::text AS status
    )
    SELECT o.*,
      coalesce((SELECT json_agg(json_build_object('storeId', s."storeId", 'itemCount', s.n, 'totalMinor', s.t) ORDER BY s."storeId")
                FROM (SELECT "storeId", sum(quantity)::int AS n, sum("totalPriceMinor")::int AS t FROM "OrderItem"
                      WHERE "orderId" = o.id AND "storeId" IS NOT NULL GROUP BY "storeId") s), '[]'::json) AS stores,
      coalesce((SELECT array_agg("variantId") FROM "OrderItem" WHERE "orderId" = o.id AND "variantId" IS NOT NULL), '{}') AS "variantIds"
    FROM o`;
  if (!row) {
    const [current] = await tx.$queryRaw<{ id: string; orderUid: string; status: OrderStatus; totalMinor: number; currency: string }[]>`
      SELECT id, "orderUid", status::text AS status, "totalMinor", currency FROM "Order" WHERE id = ${orderId}`;
    if (current && isPlaced(current.status)) return { kind: "already", placed: placedAnswer(current, true) };
    return { kind: "released", status: current?.status ?? "PAYMENT_FAILED" };
  }
  const history = [{ id: newId(), fromStatus: "PENDING_PAYMENT", toStatus: status, note: paid ? "Card payment succeeded" : "Payment authorised", actorId: null }];
  const parts = row.stores.map((s) => ({ id: newId(), storeId: s.storeId }));
  const placed = outboxEvent("order.placed", row.id, {
    orderId: row.id,
    orderUid: row.orderUid,
    userId: row.userId,
    totalMinor: row.totalMinor,
    currency: row.currency,
    placedAt: ts,
    stores: row.stores,
  });
  const cart =
    opts.fromCart && row.userId
      ? Prisma.sql`, c AS (
      DELETE FROM "CartItem" ci USING "Cart" c
      WHERE c.id = ci."cartId" AND c."userId" = ${row.userId} AND ci."variantId" = ANY(${row.variantIds}::text[])
    )`
      : Prisma.empty;
  await tx.$executeRaw`
    WITH pay AS (
      UPDATE "Payment" SET status = ${outcome.status}::"PaymentStatus", provider = ${outcome.provider}, transaction = ${outcome.transaction},
             bank = ${outcome.bank}, "paymentDt" = ${paid ? Math.floor(now.getTime() / 1000) : 0}::int, "updatedAt" = ${ts}::timestamp
      WHERE "orderId" = ${orderId}
    ), h AS (
      INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
      SELECT x.id, ${orderId}, x."fromStatus"::"OrderStatus", x."toStatus"::"OrderStatus", x.note, x."actorId", ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS x(id text, "fromStatus" text, "toStatus" text, note text, "actorId" text)
    ), sh AS (
      INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
      SELECT x.id, ${orderId}, x."storeId", ${status}::"OrderStatus", 1, ${ts}::timestamp, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) AS x(id text, "storeId" text)
    )${cart}
    ${outboxInsert([placed], Prisma.sql`${ts}::timestamp`)}`;
  return { kind: "placed", placed: placedAnswer(row, false) };
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
