// A customer cancels an order that has not shipped: its stock returns through the ledger, a
// card payment is refunded, and the change is recorded in the status history and the outbox.
// Orders span sellers (server/services/fulfilment): the customer may cancel while no part has
// shipped; parts a seller already cancelled gave their stock back then and are left alone.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordEvents } from "@/server/services/outbox/record-event";
import { lockOrder, returnStock, settleOrder, statusChanged } from "@/server/services/fulfilment/parts";
import { customerCancellable, isLive } from "@/server/services/fulfilment/rules";
import { isOrderNumber } from "@/shared/orders";

/** Cancels one of the customer's orders, named by its id or its number. */
export async function cancelMyOrder(tx: Tx, userId: string, ref: string) {
  const orderId = isOrderNumber(ref)
    ? ((await tx.order.findFirst({ where: { number: ref.toUpperCase(), userId }, select: { id: true } }))?.id ?? null)
    : ref;
  if (!orderId) throw new AppError("NOT_FOUND", "Order not found");
  // Lock the order and its parts so a concurrent cancel or seller step waits for this one.
  const locked = await lockOrder(tx, orderId, { userId });
  if (!locked) throw new AppError("NOT_FOUND", "Order not found");
  const { order, parts } = locked;
  if (order.status === "CANCELLED") throw new AppError("CONFLICT", "This order is already cancelled");
  if (order.status === "PENDING_PAYMENT") {
    throw new AppError("CONFLICT", "The payment for this order is still being confirmed. If it does not go through, the order is cancelled by itself and nothing is charged.");
  }
  if (order.status === "PAYMENT_FAILED") throw new AppError("CONFLICT", "This order was never placed: its payment did not go through");
  if (!customerCancellable(parts.map((p) => p.status), order.status)) {
    throw new AppError("CONFLICT", "This order has already shipped and can no longer be cancelled");
  }
  const live = parts.filter((p) => isLive(p.status));
  const note = "Cancelled by the customer";
  // Without parts (an order received as an event) every item goes back.
  await returnStock(tx, { orderId, storeIds: parts.length > 0 ? live.map((p) => p.storeId) : null, actorId: userId, note });
  if (live.length > 0) {
    await tx.shipment.updateMany({ where: { id: { in: live.map((p) => p.id) } }, data: { status: "CANCELLED", version: { increment: 1 } } });
  }
  const settled = await settleOrder(
    tx,
    order,
    parts.map((p) => (isLive(p.status) ? "CANCELLED" : p.status)),
    "CANCELLED",
  );
  const toStatus = settled === "REFUNDED" ? "REFUNDED" : "CANCELLED";
  const now = new Date();
  await tx.orderStatusHistory.create({ data: { orderId, fromStatus: order.status, toStatus, actorId: userId, note, createdAt: now } });
  await recordEvents(
    tx,
    parts.length > 0
      ? live.map((p) => statusChanged(order, { storeId: p.storeId, from: p.status, to: "CANCELLED", version: p.version + 1 }, toStatus, now))
      : [statusChanged(order, { storeId: null, from: order.status, to: "CANCELLED", version: order.version + 1 }, toStatus, now)],
  );
  return { id: orderId, status: "CANCELLED" as const };
}
