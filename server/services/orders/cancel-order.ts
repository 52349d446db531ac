// A customer cancels an order that has not shipped: its stock returns through the ledger, a
// card payment is refunded, and the change is recorded in the status history and the outbox.
// Orders span sellers (server/services/fulfilment): the customer may cancel while no part has
// shipped; parts a seller already cancelled gave their stock back then and are left alone.
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { recordEvents } from "@/server/services/outbox/record-event";
import { lockOrder, returnStock, settleOrder } from "@/server/services/fulfilment/parts";
import { customerCancellable, isLive } from "@/server/services/fulfilment/rules";

export async function cancelMyOrder(db: Db, userId: string, orderId: string) {
  return db.$transaction(
    async (tx) => {
      // Lock the order and its parts so a concurrent cancel or seller step waits for this one.
      const locked = await lockOrder(tx, orderId, { userId });
      if (!locked) throw new AppError("NOT_FOUND", "Order not found");
      const { order, parts } = locked;
      if (order.status === "CANCELLED") throw new AppError("CONFLICT", "This order is already cancelled");
      if (!customerCancellable(parts.map((p) => p.status), order.status)) {
        throw new AppError("CONFLICT", "This order has already shipped and can no longer be cancelled");
      }
      const live = parts.filter((p) => isLive(p.status));
      // Without parts (an order received as an event) every item goes back.
      const events = await returnStock(tx, {
        orderId,
        storeIds: parts.length > 0 ? live.map((p) => p.storeId) : null,
        actorId: userId,
        note: "Cancelled by the customer",
      });
      if (live.length > 0) {
        await tx.shipment.updateMany({ where: { id: { in: live.map((p) => p.id) } }, data: { status: "CANCELLED", version: { increment: 1 } } });
      }
      const after = parts.map((p) => (isLive(p.status) ? "CANCELLED" : p.status));
      let toStatus: "CANCELLED" | "REFUNDED" = "CANCELLED";
      if (parts.length > 0) toStatus = (await settleOrder(tx, order, after)) === "REFUNDED" ? "REFUNDED" : "CANCELLED";
      else {
        await tx.order.update({ where: { id: orderId }, data: { status: "CANCELLED", version: { increment: 1 } } });
        await tx.$executeRaw`UPDATE "Payment" SET status = 'REFUNDED', "refundedMinor" = "amountMinor", "updatedAt" = now()
          WHERE "orderId" = ${orderId} AND status = 'SUCCEEDED'`;
        await tx.payment.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "DECLINED", failureReason: "Order cancelled" } });
      }
      await tx.orderStatusHistory.create({
        data: { orderId, fromStatus: order.status, toStatus, actorId: userId, note: "Cancelled by the customer" },
      });
      await recordEvents(tx, [
        { topic: "order.cancelled", aggregateId: orderId, payload: { orderId } },
        ...live.map((p) => ({
          topic: "order.status_changed" as const,
          aggregateId: orderId,
          payload: { orderId, storeId: p.storeId, from: p.status, to: "CANCELLED", orderStatus: "CANCELLED", version: p.version + 1, at: new Date().toISOString() },
        })),
        ...events,
      ]);
      return { id: orderId, status: "CANCELLED" as const };
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
}
