// What a seller sees of orders: only orders with their items, only their items, their part's
// state and history. Another store's order answers NOT_FOUND, like a missing one.
import "server-only";
import { partTotals } from "@/server/services/orders/order-totals";
import { NEWEST_FIRST, pageOf, pageWindow, ZPage } from "@/server/services/paging";
import { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { shortLinesOf } from "@/server/services/admin/orders";
import { orderRefWhere } from "@/server/services/orders/order-ref";
import { ACTION_LABEL, CARRIERS, carrierName, refusal, TRANSITIONS } from "./rules";
import { PART_STATUSES, UNPLACED_STATUSES, type OrderStatus, type PartStatus } from "@/shared/orders";

export const PAGE_SIZE = 20;

export const ZSellerOrdersInput = z.object({
  status: z.enum(PART_STATUSES).nullish(),
  page: ZPage,
});

export async function listSellerOrders(db: DbClient, storeId: string, raw: z.input<typeof ZSellerOrdersInput>) {
  const input = ZSellerOrdersInput.parse(raw);
  const where = { storeId, ...(input.status ? { status: input.status } : {}) };
  const [rows, total, counts] = await Promise.all([
    db.shipment.findMany({
      where,
      orderBy: NEWEST_FIRST,
      ...pageWindow(input.page, PAGE_SIZE),
      select: {
        status: true,
        carrier: true,
        trackingNumber: true,
        order: {
          select: {
            id: true, number: true, orderUid: true, createdAt: true, currency: true, source: true,
            delivery: { select: { name: true, city: true } },
            payment: { select: { provider: true, status: true } },
            items: { where: { storeId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { quantity: true, totalPriceMinor: true, name: true, chrtId: true, shortQuantity: true } },
          },
        },
      },
    }),
    db.shipment.count({ where }),
    db.shipment.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } }),
  ]);
  const items = rows.map((r) => ({
    orderId: r.order.id,
    number: r.order.number,
    orderUid: r.order.orderUid,
    createdAt: r.order.createdAt,
    customer: r.order.delivery?.name ?? "",
    city: r.order.delivery?.city ?? "",
    status: r.status as OrderStatus,
    carrierName: r.carrier ? carrierName(r.carrier) : null,
    trackingNumber: r.trackingNumber,
    paymentStatus: r.order.payment?.status ?? null,
    payOnDelivery: r.order.payment?.provider === "cod",
    itemCount: r.order.items.reduce((s, i) => s + i.quantity, 0),
    totalMinor: r.order.items.reduce((s, i) => s + i.totalPriceMinor, 0),
    currency: r.order.currency,
    source: r.order.source,
    shortLines: shortLinesOf(r.order.items),
  }));
  const byStatus = Object.fromEntries(PART_STATUSES.map((s) => [s, 0])) as Record<PartStatus, number>;
  for (const c of counts) byStatus[c.status as PartStatus] = c._count._all;
  return { ...pageOf(items, total, input.page, PAGE_SIZE), byStatus };
}

/** Every target status with whether it is allowed now and, if not, why. */
export function actionsFor(status: OrderStatus) {
  return PART_STATUSES.filter((to) => to !== "PLACED" && to !== status).map((to) => ({
    to,
    label: ACTION_LABEL[to],
    allowed: TRANSITIONS[status].includes(to),
    reason: refusal(status, to),
  }));
}

export async function getSellerOrder(db: DbClient, storeId: string, orderId: string) {
  const order = await db.order.findFirst({
    // A card checkout is the seller's order once it is placed (paid).
    where: { ...orderRefWhere(orderId), items: { some: { storeId } }, status: { notIn: [...UNPLACED_STATUSES] } },
    select: {
      id: true, number: true, orderUid: true, status: true, createdAt: true, currency: true, deliveryService: true, taxName: true,
      delivery: { select: { name: true, phone: true, zip: true, city: true, address: true, region: true, country: true, email: true } },
      payment: { select: { provider: true, status: true, amountMinor: true, refundedMinor: true, currency: true } },
      items: {
        where: { storeId },
        orderBy: { createdAt: "asc" },
        select: {
          id: true, name: true, brand: true, size: true, quantity: true, priceMinor: true, totalPriceMinor: true, currency: true, variant: { select: { sku: true } },
          discountMinor: true, taxMinor: true, taxRatePpm: true, taxIncluded: true,
        },
      },
      shipments: { where: { storeId }, select: { status: true, version: true, carrier: true, trackingNumber: true, shippedAt: true, deliveredAt: true } },
      shipping: { where: { storeId }, select: { name: true, costMinor: true, taxMinor: true, taxIncluded: true } },
      statusHistory: {
        where: { OR: [{ storeId }, { storeId: null }] },
        orderBy: [{ createdAt: "asc" }, { toStatus: "asc" }],
        select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, storeId: true, actor: { select: { name: true } } },
      },
      _count: { select: { shipments: true } },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const row = order.shipments[0];
  // No part row yet: the order's own status, version 1 (what lockOrder would create).
  const part = {
    status: (row?.status ?? order.status) as OrderStatus,
    version: row?.version ?? 1,
    carrier: row?.carrier ?? null,
    carrierName: row?.carrier ? carrierName(row.carrier) : null,
    trackingNumber: row?.trackingNumber ?? null,
    shippedAt: row?.shippedAt ?? null,
    deliveredAt: row?.deliveredAt ?? null,
  };
  const { shipments: _s, _count, shipping: ownShipping, ...rest } = order;
  const shipping = ownShipping[0] ?? null;
  return {
    ...rest,
    // This store's own option (decision 196); an older or received order's service as it names it.
    deliveryServiceName: shipping?.name ?? (order.deliveryService || null),
    /** What the customer paid for this store's shipping; null for an order placed before per-part shipping. */
    shipping,
    part,
    otherSellers: Math.max(0, _count.shipments - 1),
    goodsTotalMinor: order.items.reduce((s, i) => s + i.totalPriceMinor, 0),
    /** This seller's part: goods, discount, tax (included or added) and total (order-totals.ts). */
    totals: partTotals(order.items, shipping),
    actions: actionsFor(part.status),
    carriers: CARRIERS.map((c) => ({ code: c.code, name: c.name, example: c.example })),
  };
}
