// Transactional outbox: events are written in the same transaction as the change they
// describe and relayed after commit by server/realtime/relay.ts (at least once; a duplicate is
// harmless because every variant event carries the variant's version).
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { PriceChanged, StockChanged, VariantLive } from "@/shared/events";

export type Tx = Prisma.TransactionClient;

export type OutboxTopic = "order.placed" | "order.cancelled" | "order.status_changed" | "stock.changed" | "price.changed";

export interface OutboxEventInput {
  topic: OutboxTopic;
  aggregateId: string;
  payload: Prisma.InputJsonValue;
}

/** Payload of `order.placed`: the order and each store's share, for seller dashboards. */
export interface OrderPlacedPayload {
  orderId: string;
  orderUid: string;
  userId: string | null;
  totalMinor: number;
  currency: string;
  placedAt: string;
  stores: { storeId: string; itemCount: number; totalMinor: number }[];
}

export async function recordEvents(tx: Tx, events: OutboxEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.outboxEvent.createMany({ data: events });
}

/** Columns to RETURN from an UPDATE "Variant" v ... FROM "Product" p to build a VariantLive. */
export interface VariantLiveRow {
  id: string;
  productId: string;
  storeId: string;
  stock: number;
  lowStockThreshold: number;
  priceMinor: number;
  currency: string;
  version: number;
}

export function variantLive(r: VariantLiveRow): VariantLive {
  return {
    productId: r.productId,
    variantId: r.id,
    storeId: r.storeId,
    stock: r.stock,
    lowStockThreshold: r.lowStockThreshold,
    priceMinor: r.priceMinor,
    currency: r.currency,
    version: r.version,
  };
}

export function stockChanged(live: VariantLive, delta: number, reason: StockChanged["reason"]): OutboxEventInput {
  const payload: StockChanged = { ...live, delta, reason };
  return { topic: "stock.changed", aggregateId: live.variantId, payload: { ...payload } };
}

export function priceChanged(live: VariantLive, previousPriceMinor: number): OutboxEventInput {
  const payload: PriceChanged = { ...live, previousPriceMinor };
  return { topic: "price.changed", aggregateId: live.variantId, payload: { ...payload } };
}

export function orderPlaced(p: OrderPlacedPayload): OutboxEventInput {
  return { topic: "order.placed", aggregateId: p.orderId, payload: { ...p, stores: p.stores.map((s) => ({ ...s })) } };
}
