// Shared by every writer of an order's state (seller steps, the customer's own cancel): lock
// the order and its parts, give stock back through the ledger, and keep Order.status and the
// payment in step with the parts.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { changeVariants } from "@/server/services/inventory/variant-change";
import { outboxEvent } from "@/server/services/outbox/record-event";
import { aggregateStatus, isLive } from "./rules";
import { isPlaced, type OrderStatus } from "@/shared/orders";

export interface LockedOrder {
  id: string;
  status: OrderStatus;
  version: number;
  userId: string | null;
}

export interface LockedPart {
  id: string;
  storeId: string;
  status: OrderStatus;
  version: number;
}

/** Locks the order row (every step of any part of one order waits for the one before, since
 * the aggregate depends on all parts), creates any part that is missing (orders written before
 * parts existed), then locks the parts. Always Order before Shipment, so no deadlock. */
export async function lockOrder(tx: Tx, orderId: string, where: { userId?: string } = {}): Promise<{ order: LockedOrder; parts: LockedPart[] } | null> {
  const userId = where.userId ?? null;
  const [order] = await tx.$queryRaw<LockedOrder[]>`
    SELECT id, status::text AS status, version, "userId" FROM "Order"
    WHERE id = ${orderId} AND (${userId}::text IS NULL OR "userId" = ${userId}::text) FOR UPDATE`;
  if (!order) return null;
  // A card checkout before it is placed has no parts, and gets none: no step applies to it.
  if (!isPlaced(order.status)) return { order, parts: [] };
  await tx.$executeRaw`
    INSERT INTO "Shipment" (id, "orderId", "storeId", status, "createdAt", "updatedAt")
    SELECT 'shp_' || md5(i."orderId" || ':' || i."storeId"), i."orderId", i."storeId", ${order.status}::"OrderStatus", now(), now()
    FROM (SELECT DISTINCT "orderId", "storeId" FROM "OrderItem" WHERE "orderId" = ${orderId} AND "storeId" IS NOT NULL) i
    ON CONFLICT ("orderId", "storeId") DO NOTHING`;
  const parts = await tx.$queryRaw<LockedPart[]>`
    SELECT id, "storeId", status::text AS status, version FROM "Shipment" WHERE "orderId" = ${orderId} ORDER BY "storeId" FOR UPDATE`;
  return { order, parts };
}

/** Puts the units of an order's items (of the given stores; null = every item) back on sale, as
 * CANCEL changes (or `reason`) through the ledger (server/services/inventory/variant-change.ts).
 * Units an order received as an event was short of (OrderItem.shortQuantity) were never taken and
 * are not given back. */
export async function returnStock(
  tx: Tx,
  opts: { orderId: string; storeIds: string[] | null; actorId: string | null; note: string; reason?: "CANCEL" | "RESERVATION_RELEASED" },
): Promise<void> {
  const items = await tx.orderItem.findMany({
    where: { orderId: opts.orderId, variantId: { not: null }, ...(opts.storeIds ? { storeId: { in: opts.storeIds } } : {}) },
    select: { variantId: true, quantity: true, shortQuantity: true },
  });
  const qty = new Map<string, number>();
  for (const i of items) qty.set(i.variantId!, (qty.get(i.variantId!) ?? 0) + i.quantity - i.shortQuantity);
  await changeVariants(
    tx,
    [...qty].filter(([, quantity]) => quantity > 0).map(([variantId, quantity]) => ({ variantId, stockDelta: quantity })),
    { reason: opts.reason ?? "CANCEL", actorId: opts.actorId, orderId: opts.orderId, note: opts.note },
  );
}

/** Sets Order.status to the aggregate of its parts (version + 1 when it changes) and settles
 * the payment: a pending pay-on-delivery payment succeeds once every live part is paid; when no
 * live part is left a taken payment is refunded in full and a pending one is void. An order
 * without parts (received as an event) takes `fallback` as its status. */
export async function settleOrder(tx: Tx, order: LockedOrder, parts: OrderStatus[], fallback: OrderStatus = order.status): Promise<OrderStatus> {
  const next = aggregateStatus(parts, fallback);
  if (next !== order.status) {
    await tx.order.update({ where: { id: order.id }, data: { status: next, version: { increment: 1 } } });
  }
  const live = parts.length > 0 ? parts.filter(isLive) : isLive(next) ? [next] : [];
  if (live.length === 0) {
    await tx.$executeRaw`UPDATE "Payment" SET status = 'REFUNDED', "refundedMinor" = "amountMinor", "updatedAt" = now()
      WHERE "orderId" = ${order.id} AND status = 'SUCCEEDED'`;
    await tx.payment.updateMany({ where: { orderId: order.id, status: "PENDING" }, data: { status: "DECLINED", failureReason: "Order cancelled" } });
  } else if (live.every((s) => s !== "PLACED")) {
    await tx.payment.updateMany({
      where: { orderId: order.id, status: "PENDING" },
      data: { status: "SUCCEEDED", paymentDt: Math.floor(Date.now() / 1000) },
    });
  }
  return next;
}

/** The `order.status_changed` event of one part's step (or the whole order's, without parts). */
export function statusChanged(order: LockedOrder, step: { storeId: string | null; from: OrderStatus; to: OrderStatus; version: number }, orderStatus: OrderStatus, at: Date) {
  return outboxEvent("order.status_changed", order.id, {
    orderId: order.id,
    userId: order.userId,
    storeId: step.storeId,
    from: step.from,
    to: step.to,
    orderStatus,
    version: step.version,
    at: at.toISOString(),
  });
}
