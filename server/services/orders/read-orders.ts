// A customer's orders. Only the owner sees an order: for anyone else it does not exist
// (NOT_FOUND, the same answer as for an id that was never issued).
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { carrierName, carrierTrackingUrl, customerCancellable } from "@/server/services/fulfilment/rules";
import { orderRefWhere } from "./order-ref";
import { partTotals, type PartTotals } from "./order-totals";
import { type OrderStatus } from "@/shared/orders";
import { orderTaxView } from "@/shared/tax";

export const ZListOrdersInput = z.object({
  limit: z.int32().min(1).max(50).default(10),
  cursor: zText().min(1).max(64).nullish(),
});

const orderSummarySelect = {
  id: true, number: true, orderUid: true, status: true, totalMinor: true, currency: true, createdAt: true,
  items: { select: { quantity: true } },
} satisfies Prisma.OrderSelect;

export async function listMyOrders(db: DbClient, userId: string, raw: z.input<typeof ZListOrdersInput>) {
  const input = ZListOrdersInput.parse(raw);
  const rows = await db.order.findMany({
    // A checkout whose payment failed was never an order (as when a declined card left nothing
    // behind); its page still answers by id. One waiting for its payment is listed.
    where: { userId, status: { not: "PAYMENT_FAILED" } },
    select: orderSummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ items, ...o }) => ({
    ...o,
    itemCount: items.reduce((s, i) => s + i.quantity, 0),
  }));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

export const orderDetailSelect = {
  id: true, number: true, orderUid: true, status: true, trackNumber: true, deliveryService: true, currency: true, goodsTotalMinor: true, deliveryCostMinor: true, totalMinor: true, createdAt: true,
  reservedUntil: true, discountCode: true, discountMinor: true, taxMinor: true, shippingTaxMinor: true, taxName: true, taxRatePpm: true,
  items: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true, name: true, brand: true, size: true, quantity: true, priceMinor: true, totalPriceMinor: true, discountMinor: true, currency: true, variantId: true, storeId: true,
      taxMinor: true, taxRatePpm: true, taxIncluded: true,
      store: { select: { name: true, slug: true } },
      product: { select: { slug: true, images: true } },
    },
  },
  payment: { select: { provider: true, status: true, amountMinor: true, currency: true, transaction: true, failureReason: true } },
  delivery: { select: { name: true, phone: true, zip: true, city: true, address: true, region: true, country: true, email: true } },
  statusHistory: { orderBy: [{ createdAt: "asc" }, { toStatus: "asc" }], select: { toStatus: true, note: true, createdAt: true, storeId: true } },
  shipments: {
    select: { storeId: true, status: true, carrier: true, trackingNumber: true, shippedAt: true, deliveredAt: true, version: true },
  },
  shipping: { select: { storeId: true, name: true, costMinor: true, taxMinor: true, taxIncluded: true } },
} satisfies Prisma.OrderSelect;

type DetailRow = Prisma.OrderGetPayload<{ select: typeof orderDetailSelect }>;

export interface OrderPart {
  storeId: string;
  store: { name: string; slug: string };
  status: OrderStatus;
  carrier: string | null;
  carrierName: string | null;
  trackingNumber: string | null;
  /** The carrier's tracking page for this parcel, when the carrier has one. */
  trackingUrl: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  version: number;
  itemIds: string[];
  /** The shipping option this part was placed with and its price; null for an order placed
   * before per-part shipping (or received as an event). */
  shipping: { name: string; costMinor: number } | null;
  /** Subtotal, discount, shipping, tax and total of this store's part (order-totals.ts). */
  totals: PartTotals;
}

/** One part per store of the order's items. A part without its row yet (an order written
 * before parts existed and not touched since) is in the order's own status, version 1: the
 * same values the row gets when a writer creates it (fulfilment/parts.ts lockOrder). */
export function partsOf(o: Pick<DetailRow, "status" | "items" | "shipments" | "shipping">): OrderPart[] {
  const byStore = new Map<string, OrderPart>();
  for (const i of o.items) {
    if (!i.storeId || !i.store) continue;
    let part = byStore.get(i.storeId);
    if (!part) {
      const s = o.shipments.find((x) => x.storeId === i.storeId);
      const ship = o.shipping.find((x) => x.storeId === i.storeId);
      part = {
        storeId: i.storeId,
        store: i.store,
        status: (s?.status ?? o.status) as OrderStatus,
        carrier: s?.carrier ?? null,
        carrierName: s?.carrier ? carrierName(s.carrier) : null,
        trackingNumber: s?.trackingNumber ?? null,
        trackingUrl: s?.carrier && s.trackingNumber ? carrierTrackingUrl(s.carrier, s.trackingNumber) : null,
        shippedAt: s?.shippedAt ?? null,
        deliveredAt: s?.deliveredAt ?? null,
        version: s?.version ?? 1,
        itemIds: [],
        shipping: ship ? { name: ship.name, costMinor: ship.costMinor } : null,
        totals: partTotals(o.items.filter((x) => x.storeId === i.storeId), ship),
      };
      byStore.set(i.storeId, part);
    }
    part.itemIds.push(i.id);
  }
  return [...byStore.values()];
}

/** One of the customer's orders, by its id or its number. */
export async function getMyOrder(db: DbClient, userId: string, ref: string) {
  return readOrder(db, { ...orderRefWhere(ref), userId }, true);
}

/** An order as its customer sees it; `mayCancel` false for a reader who may only look (a signed
 * order link: server/services/orders/order-link.ts). */
export async function readOrder(db: DbClient, where: Prisma.OrderWhereInput, mayCancel: boolean) {
  const order = await db.order.findFirst({ where, select: orderDetailSelect });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const { shipments: _rows, shipping: _shipping, ...rest } = order;
  const parts = partsOf(order);
  return {
    ...rest,
    // The options' names for a storefront order (each part's own is on the part); an order
    // received as an event names its own service (decision 196).
    deliveryServiceName: order.deliveryService || null,
    trackUrl: order.trackNumber ? carrierTrackingUrl(order.deliveryService, order.trackNumber) : null,
    parts,
    /** The tax as shown: its name and rate, the part added to the total and the part inside prices. */
    tax: orderTaxView(order),
    cancellable: mayCancel && order.status !== "CANCELLED" && customerCancellable(parts.map((p) => p.status), order.status),
  };
}
