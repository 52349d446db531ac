export const API_SCOPES = ["catalog:read","catalog:write","inventory:write","orders:read","orders:write","webhooks:write","admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const WEBHOOK_EVENTS = ["order.placed","order.status_changed","order.cancelled","stock.changed","price.changed","product.updated"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
