// Which webhook events an outbox event becomes, for every event of the contract (the compiler
// refuses a new outbox event without an entry here, like the relay's route table), and who may
// receive each: the store's endpoints (`storeId`) and, when `platform`, the platform endpoints.
import "server-only";
import { createHash } from "node:crypto";
import { OUTBOX_EVENTS, type EventName, type OutboxPayload } from "@/shared/events";
import type { WebhookEventType } from "@/shared/api-scopes";

export interface WebhookEvent {
  type: WebhookEventType;
  /** The store whose endpoints receive it (null: none). */
  storeId: string | null;
  /** Whether platform endpoints receive it. */
  platform: boolean;
  data: Record<string, unknown>;
}

const EVENTS: { [E in EventName]: (p: OutboxPayload<E>) => WebhookEvent[] } = {
  "stock.changed": (p) => [{ type: "stock.changed", storeId: p.storeId, platform: true, data: p }],
  "price.changed": (p) => [{ type: "price.changed", storeId: p.storeId, platform: true, data: p }],
  // The platform sees the whole order; each store its own share of it, nothing of the others'.
  "order.placed": (p) => [
    { type: "order.placed", storeId: null, platform: true, data: p },
    ...p.stores.map((s) => ({
      type: "order.placed" as const,
      storeId: s.storeId,
      platform: false,
      data: { orderId: p.orderId, orderUid: p.orderUid, storeId: s.storeId, itemCount: s.itemCount, totalMinor: s.totalMinor, currency: p.currency, placedAt: p.placedAt },
    })),
  ],
  // A step of one store's part; a cancellation is also an `order.cancelled`.
  "order.status_changed": (p) => {
    const types: WebhookEventType[] = p.to === "CANCELLED" ? ["order.status_changed", "order.cancelled"] : ["order.status_changed"];
    return types.map((type) => ({ type, storeId: p.storeId, platform: true, data: p }));
  },
  "product.updated": (p) => [{ type: "product.updated", storeId: p.storeId, platform: true, data: p }],
  // Not a webhook event (yet): pages receive it live.
  "rating.changed": () => [],
  // Internal: signing out is nobody else's business.
  "session.revoked": () => [],
};

const isEventName = (topic: string): topic is EventName => Object.hasOwn(OUTBOX_EVENTS, topic);

/** The webhook events of an outbox row; throws for a topic or payload the contract does not know. */
export function toWebhookEvents(topic: string, payload: unknown): WebhookEvent[] {
  if (!isEventName(topic)) throw new Error(`unknown event "${topic}"`);
  return map(topic, payload);
}

function map<E extends EventName>(topic: E, payload: unknown): WebhookEvent[] {
  return EVENTS[topic](OUTBOX_EVENTS[topic].parse(payload) as OutboxPayload<E>);
}

/** The id an event carries on every attempt to every endpoint that receives the same data:
 * derived from the outbox row, the type and, for a store's share, the store. */
export function webhookEventId(outboxId: string, e: Pick<WebhookEvent, "type" | "storeId" | "platform">): string {
  const audience = e.platform ? "*" : (e.storeId ?? "");
  return `evt_${createHash("sha256").update(`${outboxId}:${e.type}:${audience}`).digest("base64url").slice(0, 24)}`;
}
