// Transactional outbox: events are written in the same transaction as the change they
// describe, and relayed after commit (the relay arrives with the live-inventory work).
import type { Prisma } from "@/generated/prisma/client.ts";

export type Tx = Prisma.TransactionClient;

export interface StockChangedPayload {
  productId: string;
  variantId: string;
  stock: number;
  version: number;
}

export interface OutboxEventInput {
  topic: "order.placed" | "order.cancelled" | "order.status_changed" | "stock.changed" | "price.changed";
  aggregateId: string;
  payload: Prisma.InputJsonValue;
}

export async function recordEvents(tx: Tx, events: OutboxEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.outboxEvent.createMany({ data: events });
}

export function stockChanged(p: StockChangedPayload): OutboxEventInput {
  return { topic: "stock.changed", aggregateId: p.variantId, payload: { ...p } };
}
