// Webhooks: endpoints and their delivery log (the worker that delivers is server/webhooks/).
import "server-only";
export { createWebhookEndpoint, deleteWebhookEndpoint, enableWebhookEndpoint, listWebhookEndpoints, MAX_ENDPOINTS, type WebhookActor } from "./endpoints";
export { listWebhookDeliveries, redeliverWebhook } from "./deliveries";
export * from "./schemas";
