// Webhook endpoints and deliveries at the boundary: inputs and the views that leave the server
// (tRPC here, the REST operations and their OpenAPI document reuse the same schemas).
import "server-only";
import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/shared/api-scopes";
import { zId, zText } from "@/shared/text";

export const ZWebhookEventType = z.enum(WEBHOOK_EVENTS);

export const ZCreateWebhookEndpointInput = z.object({
  url: zText().trim().min(1, "Enter the URL that receives the events").max(2000, "At most 2000 characters"),
  events: z.array(ZWebhookEventType).min(1, "Choose at least one event").max(WEBHOOK_EVENTS.length),
  description: zText().trim().max(200, "At most 200 characters").optional(),
});
export type TCreateWebhookEndpointInput = z.input<typeof ZCreateWebhookEndpointInput>;

export const ZWebhookEndpointIdInput = z.object({ id: zId() });
export const ZListWebhookDeliveriesInput = z.object({
  endpointId: zId(),
  cursor: zId().optional(),
  limit: z.int32().min(1).max(100).default(20),
});
export const ZRedeliverWebhookInput = z.object({ deliveryId: zId() });

export const ZWebhookEndpointView = z.object({
  id: zText(),
  storeId: zText().nullable(),
  url: zText(),
  description: zText().nullable(),
  events: z.array(ZWebhookEventType),
  /** the secret's last 4 characters (the secret itself is shown once, at creation) */
  secretHint: zText(),
  /** "failing": the last attempts failed (since failingSince); "disabled": see disabledReason */
  state: z.enum(["active", "failing", "disabled"]),
  failingSince: z.date().nullable(),
  disabledAt: z.date().nullable(),
  disabledReason: zText().nullable(),
  createdAt: z.date(),
});
export type WebhookEndpointView = z.infer<typeof ZWebhookEndpointView>;

export const ZWebhookDeliveryView = z.object({
  id: zText(),
  endpointId: zText(),
  eventId: zText(),
  eventType: ZWebhookEventType,
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]),
  attempts: z.int(),
  /** the receiver's last HTTP status (null: none came) */
  lastStatus: z.int().nullable(),
  lastError: zText().nullable(),
  lastLatencyMs: z.int().nullable(),
  /** the first 1000 characters of the receiver's last answer */
  lastResponse: zText().nullable(),
  lastAttemptAt: z.date().nullable(),
  /** when the next attempt is due (pending deliveries only) */
  nextAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});
export type WebhookDeliveryView = z.infer<typeof ZWebhookDeliveryView>;

export const ZWebhookDeliveryPage = z.object({ items: z.array(ZWebhookDeliveryView), nextCursor: zText().nullable() });
