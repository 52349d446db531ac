// The scopes an API key may carry and the webhook event types, shared by the REST API, the key
// and webhook pages, the CLI and the OpenAPI document.
export const API_SCOPES = ["catalog:read", "catalog:write", "inventory:write", "orders:read", "orders:write", "webhooks:write", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  "catalog:read": "Read the store's products (including drafts and archived ones)",
  "catalog:write": "Create, update and archive products; import CSV",
  "inventory:write": "Adjust stock and change prices; read the stock ledger",
  "orders:read": "Read the store's orders",
  "orders:write": "Move the store's orders through fulfilment",
  "webhooks:write": "Add, list and remove webhook endpoints",
  admin: "Platform keys only: users and stores",
};

export const WEBHOOK_EVENTS = ["order.placed", "order.status_changed", "order.cancelled", "stock.changed", "price.changed", "product.updated"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The shape of a key's secret: `lm_live_<prefix: 16 hex>_<random: 43 base64url>`. */
export const API_KEY_PATTERN = /^lm_live_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const API_KEY_PREFIX = "lm_live_";
