// A member of a store's staff moves their part of an order one step (server/services/fulfilment/
// rules.ts has the table). One transaction: lock the order and its parts, check the version the
// page loaded and the step, apply it (stock back through the ledger on cancel, money back on
// cancel-after-payment and refund), then history, audit and outbox, and the order's aggregate.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { recordEvents } from "@/server/services/outbox/record-event";
import { partTotals } from "@/server/services/orders/order-totals";
import { lockOrder, returnStock, settleOrder, statusChanged } from "./parts";
import { carrierName, refusal, ZTransitionInput, type TTransitionInput } from "./rules";
import { type OrderStatus } from "@/shared/orders";

export interface TransitionResult {
  orderId: string;
  storeId: string;
  status: OrderStatus;
  version: number;
  orderStatus: OrderStatus;
}

export async function transitionPart(tx: Tx, actor: { userId: string; storeId: string }, raw: TTransitionInput): Promise<TransitionResult> {
  const input = ZTransitionInput.parse(raw);
  const locked = await lockOrder(tx, input.orderId);
  const part = locked?.parts.find((p) => p.storeId === actor.storeId);
  // Another store's order answers exactly like a missing one.
  if (!locked || !part) throw new AppError("NOT_FOUND", "Order not found");
  const { order, parts } = locked;
  if (part.version !== input.expectedVersion) {
    throw new AppError("VERSION_CONFLICT", `This order changed since you loaded it (it is now ${part.status.toLowerCase()}). Reload to see the latest.`, {
      details: { currentVersion: part.version, currentStatus: part.status },
    });
  }
  const why = refusal(part.status, input.to);
  if (why) throw new AppError("CONFLICT", why, { details: { from: part.status, to: input.to } });

  const now = new Date();
  // What the customer paid for this part: its goods less its share of a discount code, plus the
  // tax added on top of them, plus its shipping and that shipping's added tax (order-totals.ts): a
  // part's refund gives back all they paid for it (decision 196).
  const partItems = await tx.orderItem.findMany({ where: { orderId: order.id, storeId: actor.storeId }, select: { totalPriceMinor: true, discountMinor: true, taxMinor: true, taxIncluded: true } });
  const partShipping = await tx.orderShipping.findUnique({ where: { orderId_storeId: { orderId: order.id, storeId: actor.storeId } }, select: { costMinor: true, taxMinor: true, taxIncluded: true } });
  const goods = partTotals(partItems, partShipping).totalMinor;
  const payment = await tx.payment.findUnique({ where: { orderId: order.id }, select: { status: true } });

  let note = input.note;
  if (input.to === "CANCELLED") {
    await returnStock(tx, { orderId: order.id, storeIds: [actor.storeId], actorId: actor.userId, note: "Cancelled by the seller" });
  }
  // Money for this part goes back when it was taken: a cancel after payment, or a refund.
  const refunds = (input.to === "CANCELLED" && part.status !== "PLACED") || input.to === "REFUNDED";
  if (refunds && payment?.status === "SUCCEEDED") {
    await tx.payment.update({ where: { orderId: order.id }, data: { refundedMinor: { increment: goods } } });
  }
  if (input.to === "SHIPPED") {
    const shipNote = `Shipped with ${carrierName(input.carrier)}, tracking number ${input.trackingNumber}`;
    note = note ? `${shipNote}. ${note}` : shipNote;
    await tx.orderItem.updateMany({ where: { orderId: order.id, storeId: actor.storeId }, data: { trackNumber: input.trackingNumber! } });
  }
  const updated = await tx.shipment.update({
    where: { id: part.id },
    data: {
      status: input.to,
      version: { increment: 1 },
      ...(input.to === "SHIPPED" ? { carrier: input.carrier!, trackingNumber: input.trackingNumber!, shippedAt: now } : {}),
      ...(input.to === "DELIVERED" ? { deliveredAt: now } : {}),
    },
    select: { status: true, version: true, carrier: true, trackingNumber: true },
  });
  await tx.orderStatusHistory.create({
    data: { orderId: order.id, storeId: actor.storeId, fromStatus: part.status, toStatus: input.to, note, actorId: actor.userId, createdAt: now },
  });
  const orderStatus = await settleOrder(
    tx,
    order,
    parts.map((p) => (p.id === part.id ? input.to : p.status)),
  );
  const after = {
    storeId: actor.storeId,
    status: updated.status,
    version: updated.version,
    orderStatus,
    ...(input.to === "SHIPPED" ? { carrier: updated.carrier, trackingNumber: updated.trackingNumber } : {}),
    ...(refunds && payment?.status === "SUCCEEDED" ? { refundedMinor: goods } : {}),
    ...(note ? { note } : {}),
  };
  await recordAudit(tx, {
    actorId: actor.userId,
    action: "order.status",
    entityType: "Order",
    entityId: order.id,
    before: { storeId: actor.storeId, status: part.status, version: part.version, orderStatus: order.status },
    after,
  });
  await recordEvents(tx, [statusChanged(order, { storeId: actor.storeId, from: part.status, to: input.to, version: updated.version }, orderStatus, now)]);
  return { orderId: order.id, storeId: actor.storeId, status: updated.status, version: updated.version, orderStatus };
}
