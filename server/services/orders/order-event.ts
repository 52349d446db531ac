// The order event format other systems send (test/fixtures/order-event.json), validated at
// the boundary; order-event-apply.ts maps it onto Order, OrderItem, Payment and Delivery rows
// (the one mapping, used by the stream consumer) and `orderEventFromRows` reads it back without
// loss (server/db/schema.test.ts).
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client.ts";

const money = z.number().int().min(0).max(1_000_000_000);

export const ZOrderEvent = z.object({
  order_uid: z.string().min(1).max(64),
  track_number: z.string().max(64),
  entry: z.string().max(32),
  delivery: z.object({
    name: z.string().min(1).max(200),
    phone: z.string().max(32),
    zip: z.string().max(32),
    city: z.string().max(100),
    address: z.string().max(300),
    region: z.string().max(100),
    email: z.string().max(254),
  }),
  payment: z.object({
    transaction: z.string().max(64),
    request_id: z.string().max(64),
    currency: z.string().length(3),
    provider: z.string().max(64),
    amount: money,
    payment_dt: z.number().int().min(0),
    bank: z.string().max(64),
    delivery_cost: money,
    goods_total: money,
    custom_fee: money,
  }),
  items: z
    .array(
      z.object({
        chrt_id: z.number().int().min(0),
        track_number: z.string().max(64),
        price: money,
        rid: z.string().max(64),
        name: z.string().min(1).max(300),
        sale: z.number().int().min(0).max(100),
        size: z.string().max(32),
        total_price: money,
        nm_id: z.number().int().min(0),
        brand: z.string().max(100),
        status: z.number().int(),
      }),
    )
    .min(1)
    .max(500),
  locale: z.string().max(16),
  internal_signature: z.string().max(256),
  customer_id: z.string().max(64),
  delivery_service: z.string().max(64),
  shardkey: z.string().max(16),
  sm_id: z.number().int(),
  date_created: z.iso.datetime({ offset: true }),
  oof_shard: z.string().max(16),
});
export type TOrderEvent = z.infer<typeof ZOrderEvent>;

export const orderEventSelect = {
  orderUid: true,
  trackNumber: true,
  entry: true,
  locale: true,
  internalSignature: true,
  customerRef: true,
  deliveryService: true,
  shardKey: true,
  smId: true,
  dateCreated: true,
  oofShard: true,
  delivery: { select: { name: true, phone: true, zip: true, city: true, address: true, region: true, email: true } },
  payment: {
    select: {
      transaction: true,
      requestId: true,
      currency: true,
      provider: true,
      amountMinor: true,
      paymentDt: true,
      bank: true,
      deliveryCostMinor: true,
      goodsTotalMinor: true,
      customFeeMinor: true,
    },
  },
  items: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      chrtId: true,
      trackNumber: true,
      priceMinor: true,
      rid: true,
      name: true,
      sale: true,
      size: true,
      totalPriceMinor: true,
      nmId: true,
      brand: true,
      status: true,
    },
  },
} satisfies Prisma.OrderSelect;

type OrderEventRow = Prisma.OrderGetPayload<{ select: typeof orderEventSelect }>;

/** An order as the event format: what a webhook or the event stream sends out. */
export function orderEventFromRows(o: OrderEventRow): TOrderEvent {
  if (!o.delivery || !o.payment) throw new Error(`Order ${o.orderUid} has no delivery or payment`);
  return {
    order_uid: o.orderUid,
    track_number: o.trackNumber,
    entry: o.entry,
    delivery: { ...o.delivery },
    payment: {
      transaction: o.payment.transaction,
      request_id: o.payment.requestId,
      currency: o.payment.currency,
      provider: o.payment.provider,
      amount: o.payment.amountMinor,
      payment_dt: o.payment.paymentDt,
      bank: o.payment.bank,
      delivery_cost: o.payment.deliveryCostMinor,
      goods_total: o.payment.goodsTotalMinor,
      custom_fee: o.payment.customFeeMinor,
    },
    items: o.items.map((i) => ({
      chrt_id: i.chrtId,
      track_number: i.trackNumber,
      price: i.priceMinor,
      rid: i.rid,
      name: i.name,
      sale: i.sale,
      size: i.size,
      total_price: i.totalPriceMinor,
      nm_id: i.nmId,
      brand: i.brand,
      status: i.status,
    })),
    locale: o.locale,
    internal_signature: o.internalSignature,
    customer_id: o.customerRef,
    delivery_service: o.deliveryService,
    shardkey: o.shardKey,
    sm_id: o.smId,
    date_created: o.dateCreated.toISOString().replace(/\.000Z$/, "Z"),
    oof_shard: o.oofShard,
  };
}
