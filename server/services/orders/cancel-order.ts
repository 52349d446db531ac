// A customer cancels an order that has not shipped: its stock returns through the ledger, a
// card payment is refunded, and the change is recorded in the status history and the outbox.
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { recordEvents, stockChanged, variantLive, type OutboxEventInput, type VariantLiveRow } from "@/server/services/outbox/record-event";
import { CANCELLABLE } from "./read-orders";

export async function cancelMyOrder(db: Db, userId: string, orderId: string) {
  return db.$transaction(
    async (tx) => {
      // Lock the order row so a concurrent cancel or status change waits for this one.
      const locked = await tx.$queryRaw<{ id: string; status: string }[]>`
        SELECT id, status::text AS status FROM "Order" WHERE id = ${orderId} AND "userId" = ${userId} FOR UPDATE`;
      const order = locked[0];
      if (!order) throw new AppError("NOT_FOUND", "Order not found");
      if (order.status === "CANCELLED") throw new AppError("CONFLICT", "This order is already cancelled");
      if (!CANCELLABLE.includes(order.status)) {
        throw new AppError("CONFLICT", "This order has already shipped and can no longer be cancelled");
      }
      const items = await tx.orderItem.findMany({
        where: { orderId, variantId: { not: null } },
        select: { variantId: true, quantity: true },
        orderBy: { variantId: "asc" }, // the same lock order as placing orders
      });
      const events: OutboxEventInput[] = [];
      for (const item of items) {
        const [v] = await tx.$queryRaw<VariantLiveRow[]>`
          UPDATE "Variant" v SET stock = v.stock + ${item.quantity}, version = v.version + 1, "updatedAt" = now()
          FROM "Product" p
          WHERE v.id = ${item.variantId!} AND p.id = v."productId"
          RETURNING v.id, v."productId", p."storeId", v.stock, v."lowStockThreshold", v."priceMinor", v.currency, v.version`;
        await tx.inventoryMovement.create({
          data: { variantId: v!.id, delta: item.quantity, stockAfter: v!.stock, reason: "CANCEL", actorId: userId, orderId, note: "Cancelled by the customer" },
        });
        events.push(stockChanged(variantLive(v!), item.quantity, "CANCEL"));
      }
      await tx.order.update({ where: { id: orderId }, data: { status: "CANCELLED", version: { increment: 1 } } });
      await tx.payment.updateMany({ where: { orderId, status: "SUCCEEDED" }, data: { status: "REFUNDED" } });
      await tx.payment.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "DECLINED", failureReason: "Order cancelled" } });
      await tx.orderStatusHistory.create({
        data: { orderId, fromStatus: order.status as "PLACED", toStatus: "CANCELLED", actorId: userId, note: "Cancelled by the customer" },
      });
      await recordEvents(tx, [{ topic: "order.cancelled", aggregateId: orderId, payload: { orderId } }, ...events]);
      return { id: orderId, status: "CANCELLED" as const };
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
}
