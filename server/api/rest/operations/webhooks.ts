// Webhook endpoints over REST (scope webhooks:write): a store's key manages its store's
// endpoints, a platform key the platform's. The same service and zod schemas as the seller and
// admin webhook pages (server/services/webhooks); the views' Dates leave as ISO 8601 strings.
import "server-only";
import { z } from "zod";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  ZCreateWebhookEndpointInput,
  ZWebhookDeliveryView,
  ZWebhookEndpointView,
  type WebhookActor,
} from "@/server/services/webhooks";
import { zText } from "@/shared/text";
import { op, type Principal } from "../operation";
import { json, listResult, pId, qCursor, qInt, ZListOf, ZTimestamp } from "../schemas";

/** Whose endpoints a key manages (its store's, or the platform's) and the actor it writes as. */
function webhookScope(p: Principal): { storeId: string | null; actor: WebhookActor } {
  if (p.kind !== "api-key") throw new AppError("FORBIDDEN", "This operation needs an API key");
  // A platform key is made by an admin and refused once its maker is no longer one
  // (authenticateApiKey), so it acts as an admin; a store key as the store's owner.
  return { storeId: p.store?.id ?? null, actor: { id: p.userId, role: p.store ? "SELLER" : "ADMIN" } };
}

const ZEndpoint = ZWebhookEndpointView.extend({
  failingSince: ZTimestamp.nullable(),
  disabledAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
}).meta({ id: "WebhookEndpoint" });
const ZCreatedEndpoint = z
  .object({ endpoint: ZEndpoint, secret: zText().meta({ description: "The signing secret, shown this once: verify Livemarket-Signature with it" }) })
  .meta({ id: "CreatedWebhookEndpoint" });
const ZDelivery = ZWebhookDeliveryView.extend({
  lastAttemptAt: ZTimestamp.nullable(),
  nextAttemptAt: ZTimestamp.nullable(),
  deliveredAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
}).meta({ id: "WebhookDelivery" });

const access = { kind: "any-key", scope: "webhooks:write" } as const;

export const webhookOperations = [
  op({
    operationId: "createWebhookEndpoint",
    method: "POST",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "Add a webhook endpoint (answers its signing secret, once)",
    description: "Only http(s) URLs; in production private and loopback addresses are refused. A store's key adds an endpoint of its store, a platform key one of the platform.",
    access,
    body: ZCreateWebhookEndpointInput.strict(),
    errors: ["CONFLICT"],
    response: { status: 201, description: "The endpoint and its secret", schema: ZCreatedEndpoint },
    handler: async ({ db, principal, body }) => {
      const { storeId, actor } = webhookScope(principal);
      const r = await inTransaction(db, (tx) => createWebhookEndpoint(tx, { actor, storeId, ...body }));
      return { status: 201, body: json(r) as z.infer<typeof ZCreatedEndpoint>, headers: { location: `/api/v1/webhooks/${r.endpoint.id}` } };
    },
  }),
  op({
    operationId: "listWebhookEndpoints",
    method: "GET",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "The key's store's (or the platform's) webhook endpoints, newest first",
    access,
    response: { status: 200, description: "The endpoints", schema: z.object({ data: z.array(ZEndpoint) }).meta({ id: "WebhookEndpointList" }) },
    handler: async ({ db, principal }) => {
      const { storeId } = webhookScope(principal);
      return { status: 200, body: { data: json(await listWebhookEndpoints(db, { storeId })) as z.infer<typeof ZEndpoint>[] } };
    },
  }),
  op({
    operationId: "deleteWebhookEndpoint",
    method: "DELETE",
    path: "/webhooks/{id}",
    tag: "Webhooks",
    summary: "Remove a webhook endpoint (its pending deliveries are dropped)",
    access,
    params: z.object({ id: pId("The endpoint") }),
    errors: ["NOT_FOUND"],
    response: { status: 204, description: "Removed", schema: z.undefined() },
    handler: async ({ db, principal, params }) => {
      const { storeId, actor } = webhookScope(principal);
      await inTransaction(db, (tx) => deleteWebhookEndpoint(tx, { actor, storeId, id: params.id }));
      return { status: 204, body: undefined };
    },
  }),
  op({
    operationId: "listWebhookDeliveries",
    method: "GET",
    path: "/webhooks/{id}/deliveries",
    tag: "Webhooks",
    summary: "An endpoint's delivery log (status, latency, response excerpt), newest first",
    access,
    params: z.object({ id: pId("The endpoint") }),
    query: z.object({ limit: qInt(1, 100).optional(), cursor: qCursor().optional() }).strict(),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "A page of deliveries", schema: ZListOf(ZDelivery, "WebhookDeliveryList") },
    handler: async ({ db, principal, params, query, url }) => {
      const { storeId } = webhookScope(principal);
      const r = await listWebhookDeliveries(db, { storeId, endpointId: params.id, cursor: query.cursor, limit: query.limit });
      return listResult(url, json(r.items) as never[], r.nextCursor);
    },
  }),
  op({
    operationId: "redeliverWebhook",
    method: "POST",
    path: "/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    tag: "Webhooks",
    summary: "Send a delivery once more, now (same event id and body)",
    access,
    params: z.object({ id: pId("The endpoint"), deliveryId: pId("The delivery") }),
    errors: ["NOT_FOUND", "CONFLICT"],
    response: { status: 202, description: "Queued", schema: z.object({ queued: z.literal(true) }).meta({ id: "RedeliveryQueued" }) },
    handler: async ({ db, principal, params }) => {
      const { storeId, actor } = webhookScope(principal);
      await inTransaction(db, async (tx) => {
        const d = await tx.webhookDelivery.findFirst({ where: { id: params.deliveryId, endpointId: params.id }, select: { id: true } });
        if (!d) throw new AppError("NOT_FOUND", "Delivery not found");
        await redeliverWebhook(tx, { actor, storeId, deliveryId: d.id });
      });
      return { status: 202, body: { queued: true as const } };
    },
  }),
];
