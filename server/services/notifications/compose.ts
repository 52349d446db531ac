// Which emails an outbox event becomes, and to whom, rendered (templates.ts). Read after the
// event's transaction committed, from the rows as they are now. Each message carries a `key`
// naming what it is for and who gets it; MailMessage.key is unique, so composing the same event
// twice (a worker that died between writing the messages and marking the event) writes nothing
// new (decision 167).
//
//  order.placed          confirmation to the customer (account or guest); "new order" to each
//                        store's owner with that store's items only
//  order.status_changed  to SHIPPED: "shipped" with carrier, tracking number and tracking link;
//                        to CANCELLED: one cancellation notice per cancelling step (the steps a
//                        customer's cancel writes for each part share their time, hence one mail);
//                        money going back (to REFUNDED, or a cancel after payment): a refund notice
//                        per part with that part's amount
// Orders received from other systems (source EVENT) mail nobody: their customers are not ours.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { carrierName, carrierTrackingUrl } from "@/server/services/fulfilment/rules";
import { orderLinkUrl } from "@/server/services/orders/order-link";
import { OUTBOX_EVENTS, type EventName, type OrderPlaced, type OrderStatusChanged } from "@/shared/events";
import { orderTaxView } from "@/shared/tax";
import { orderCancelledMail, orderConfirmationMail, orderRefundedMail, orderShippedMail, sellerNewOrderMail, type RenderedMail } from "./templates";

export type MailKind = "order.confirmation" | "order.shipped" | "order.cancelled" | "order.refunded" | "seller.new_order" | "seller.low_stock_digest";
export const MAIL_KINDS: readonly MailKind[] = ["order.confirmation", "order.shipped", "order.cancelled", "order.refunded", "seller.new_order", "seller.low_stock_digest"];

export interface ComposedMail extends RenderedMail {
  key: string;
  kind: MailKind;
  to: string;
  headers?: Record<string, string>;
}

const isEventName = (topic: string): topic is EventName => Object.hasOwn(OUTBOX_EVENTS, topic);

/** The emails of one outbox event (none for topics that mail nobody); throws for a payload the
 * contract does not read. */
export async function composeEventMail(db: DbClient, topic: string, payload: unknown, appUrl: string): Promise<ComposedMail[]> {
  if (!isEventName(topic)) throw new Error(`unknown event "${topic}"`);
  if (topic === "order.placed") return orderPlaced(db, OUTBOX_EVENTS[topic].parse(payload), appUrl);
  if (topic === "order.status_changed") return statusChanged(db, OUTBOX_EVENTS[topic].parse(payload), appUrl);
  return [];
}

async function readOrder(db: DbClient, orderId: string) {
  return db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      source: true,
      userId: true,
      guestEmail: true,
      currency: true,
      totalMinor: true,
      deliveryCostMinor: true,
      taxMinor: true,
      taxName: true,
      taxRatePpm: true,
      createdAt: true,
      user: { select: { email: true, name: true, disabledAt: true } },
      delivery: { select: { email: true, name: true, city: true } },
      payment: { select: { status: true } },
      items: { select: { name: true, quantity: true, totalPriceMinor: true, storeId: true, taxMinor: true, taxIncluded: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
}
type OrderRow = NonNullable<Awaited<ReturnType<typeof readOrder>>>;

/** Who the customer is: the account's address, or the guest's (null: nobody to mail). */
function customerOf(o: OrderRow): { to: string; name: string; guest: boolean } | null {
  if (o.source === "EVENT") return null;
  if (o.user) return o.user.disabledAt ? null : { to: o.user.email, name: o.user.name, guest: false };
  const to = o.guestEmail ?? o.delivery?.email;
  return to ? { to, name: o.delivery?.name || "there", guest: true } : null;
}

/** The customer's page of the order: the signed link for a guest, the account's order page otherwise. */
function orderUrl(o: OrderRow, appUrl: string): string {
  return o.userId ? new URL(`/orders/${o.number}`, appUrl).toString() : orderLinkUrl(o.id, appUrl);
}

const itemsOf = (o: OrderRow, storeId: string | null) =>
  o.items.filter((i) => storeId === null || i.storeId === storeId).map((i) => ({ name: i.name, quantity: i.quantity, totalMinor: i.totalPriceMinor }));

async function orderPlaced(db: DbClient, p: OrderPlaced, appUrl: string): Promise<ComposedMail[]> {
  const o = await readOrder(db, p.orderId);
  if (!o) return [];
  const out: ComposedMail[] = [];
  const customer = customerOf(o);
  if (customer) {
    const m = await orderConfirmationMail({
      number: o.number,
      name: customer.name,
      items: itemsOf(o, null),
      deliveryMinor: o.deliveryCostMinor,
      tax: orderTaxView(o),
      totalMinor: o.totalMinor,
      currency: o.currency,
      placedAt: p.placedAt,
      paid: o.payment?.status === "SUCCEEDED",
      orderUrl: orderUrl(o, appUrl),
      guest: customer.guest,
    });
    out.push({ ...m, key: `order.confirmation:${o.id}`, kind: "order.confirmation", to: customer.to });
  }
  const storeIds = p.stores.map((s) => s.storeId);
  const stores = storeIds.length
    ? await db.store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true, owner: { select: { id: true, email: true, name: true, disabledAt: true } } } })
    : [];
  for (const share of p.stores) {
    const store = stores.find((s) => s.id === share.storeId);
    // The store's owner is its staff (a seller has one store; Store.ownerId).
    if (!store || store.owner.disabledAt) continue;
    const m = await sellerNewOrderMail({
      storeName: store.name,
      sellerName: store.owner.name,
      number: o.number,
      items: itemsOf(o, store.id),
      totalMinor: share.totalMinor,
      currency: p.currency,
      placedAt: p.placedAt,
      city: o.delivery?.city ?? "",
      orderUrl: new URL(`/seller/orders/${o.id}`, appUrl).toString(),
    });
    out.push({ ...m, key: `seller.new_order:${o.id}:${store.id}:${store.owner.id}`, kind: "seller.new_order", to: store.owner.email });
  }
  return out;
}

async function statusChanged(db: DbClient, p: OrderStatusChanged, appUrl: string): Promise<ComposedMail[]> {
  const refund = (p.to === "REFUNDED" || (p.to === "CANCELLED" && p.from !== "PLACED")) as boolean;
  if (p.to !== "SHIPPED" && p.to !== "CANCELLED" && p.to !== "REFUNDED") return [];
  const o = await readOrder(db, p.orderId);
  if (!o) return [];
  const customer = customerOf(o);
  if (!customer) return [];
  const store = p.storeId ? await db.store.findUnique({ where: { id: p.storeId }, select: { name: true } }) : null;
  const url = orderUrl(o, appUrl);
  const out: ComposedMail[] = [];

  if (p.to === "SHIPPED" && p.storeId) {
    const part = await db.shipment.findUnique({ where: { orderId_storeId: { orderId: o.id, storeId: p.storeId } }, select: { carrier: true, trackingNumber: true, shippedAt: true } });
    if (!part?.trackingNumber) return [];
    const m = await orderShippedMail({
      number: o.number,
      name: customer.name,
      storeName: store?.name ?? "The seller",
      items: itemsOf(o, p.storeId),
      currency: o.currency,
      carrier: carrierName(part.carrier),
      trackingNumber: part.trackingNumber,
      trackingUrl: carrierTrackingUrl(part.carrier, part.trackingNumber),
      shippedAt: part.shippedAt ?? p.at,
      orderUrl: url,
    });
    out.push({ ...m, key: `order.shipped:${o.id}:${p.storeId}`, kind: "order.shipped", to: customer.to });
    return out;
  }

  if (p.to === "CANCELLED") {
    // Every part going at once (the customer's cancel, or the last part) reads as the whole order.
    const whole = p.orderStatus === "CANCELLED" || p.orderStatus === "REFUNDED" || p.storeId === null;
    const m = await orderCancelledMail({ number: o.number, name: customer.name, storeName: whole ? null : (store?.name ?? "The seller"), items: itemsOf(o, p.storeId), currency: o.currency, orderUrl: url });
    out.push({ ...m, key: `order.cancelled:${o.id}:${whole ? "order" : p.storeId}:${p.at}`, kind: "order.cancelled", to: customer.to });
  }

  // Money went back only when it had been taken: a card payment, or pay on delivery once paid.
  const taken = o.payment?.status === "SUCCEEDED" || o.payment?.status === "REFUNDED";
  if (refund && taken) {
    const amountMinor = p.storeId ? itemsOf(o, p.storeId).reduce((s, i) => s + i.totalMinor, 0) : o.totalMinor;
    if (amountMinor > 0) {
      const m = await orderRefundedMail({ number: o.number, name: customer.name, storeName: p.storeId ? (store?.name ?? "the seller") : null, amountMinor, currency: o.currency, orderUrl: url });
      out.push({ ...m, key: `order.refunded:${o.id}:${p.storeId ?? "order"}:${p.version}`, kind: "order.refunded", to: customer.to });
    }
  }
  return out;
}
