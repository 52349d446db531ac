// The delivery log of an endpoint (newest first, cursor-paged) and "redeliver": one more attempt
// of the same event (same id, same body), now, whatever happened before.
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/shared/api-scopes";
import type { WebhookActor } from "./endpoints";
import type { WebhookDeliveryView } from "./schemas";

const DELIVERY_SELECT = {
  id: true,
  endpointId: true,
  eventId: true,
  eventType: true,
  status: true,
  attempts: true,
  lastStatus: true,
  lastError: true,
  lastLatencyMs: true,
  lastResponse: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
  createdAt: true,
} as const;

export async function listWebhookDeliveries(
  db: DbClient,
  args: { storeId: string | null; endpointId: string; cursor?: string; limit?: number },
): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: args.endpointId, storeId: args.storeId }, select: { id: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", "Webhook endpoint not found");
  const limit = Math.min(Math.max(args.limit ?? 20, 1), 100);
  if (args.cursor) {
    const at = await db.webhookDelivery.findFirst({ where: { id: args.cursor, endpointId: endpoint.id }, select: { id: true } });
    if (!at) throw new AppError("VALIDATION", "Unknown cursor", { fieldErrors: { cursor: ["Unknown cursor"] } });
  }
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(args.cursor ? { cursor: { id: args.cursor }, skip: 1 } : {}),
    select: DELIVERY_SELECT,
  });
  const items = rows.slice(0, limit).map((r) => ({
    ...r,
    eventType: (WEBHOOK_EVENTS as readonly string[]).includes(r.eventType) ? (r.eventType as WebhookEventType) : "product.updated",
    nextAttemptAt: r.status === "PENDING" ? r.nextAttemptAt : null,
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Queues one more attempt now (a redelivery is a single attempt: no retries after it). */
export async function redeliverWebhook(tx: Tx, args: { actor: WebhookActor; storeId: string | null; deliveryId: string }): Promise<void> {
  if (args.storeId === null && args.actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only admins manage platform webhooks");
  const d = await tx.webhookDelivery.findFirst({
    where: { id: args.deliveryId, endpoint: { storeId: args.storeId } },
    select: { id: true, endpointId: true, status: true, endpoint: { select: { disabledAt: true } } },
  });
  if (!d) throw new AppError("NOT_FOUND", "Delivery not found");
  if (d.endpoint.disabledAt) throw new AppError("CONFLICT", "This endpoint is disabled: enable it first");
  const now = new Date();
  await tx.webhookDelivery.update({ where: { id: d.id }, data: { status: "PENDING", nextAttemptAt: now, giveUpAt: now, lockedUntil: null } });
  await recordAudit(tx, { actorId: args.actor.id, action: "webhook.redeliver", entityType: "WebhookDelivery", entityId: d.id, before: { status: d.status }, after: { status: "PENDING" } });
}
