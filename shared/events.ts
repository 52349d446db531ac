// The one event contract. Every event has one name, used both as the outbox topic (what a
// transaction records, server/services/outbox) and as the Socket.IO event (what browsers
// receive, through the relay and the sidecar); each payload is a zod schema here, and the
// TypeScript types are inferred from it. The outbox writer validates with these schemas, the
// relay and the sidecar check what they forward with them, and the browser is typed by them.
import { z } from "zod";
import { ORDER_STATUSES } from "./orders";
import { PRODUCT_STATUSES } from "./seller-products";
import { STOCK_REASONS } from "./stock";

const Id = z.string().min(1).max(64);
const Int = z.number().int();
const Status = z.enum(ORDER_STATUSES);

/**
 * The live state of one variant after a change. Stock and price events both carry all of it, so
 * "newest version wins" is always right even when two events arrive out of order. `version` is
 * Variant.version: it grows by one with every stock or price change, under the row lock of the
 * change, so it orders the changes of one variant.
 */
export const ZVariantLive = z.object({
  productId: Id,
  variantId: Id,
  storeId: Id,
  stock: Int,
  lowStockThreshold: Int,
  priceMinor: Int,
  /** A sale's "was" price, shown only while above priceMinor (decision 175); null: not on sale.
   * Optional: events recorded before it existed do not carry it. */
  compareAtMinor: Int.nullable().optional(),
  currency: z.string().length(3),
  version: Int,
});
export type VariantLive = z.infer<typeof ZVariantLive>;

export const ZStockChanged = ZVariantLive.extend({
  /** Units added (+) or removed (-) by the change. */
  delta: Int,
  reason: z.enum(STOCK_REASONS),
});
export type StockChanged = z.infer<typeof ZStockChanged>;

export const ZPriceChanged = ZVariantLive.extend({ previousPriceMinor: Int });
export type PriceChanged = z.infer<typeof ZPriceChanged>;

const ZStoreShare = z.object({ storeId: Id, itemCount: Int, totalMinor: Int });

/** A new order, as recorded: the whole order and each store's share of it. */
export const ZOrderPlaced = z.object({
  orderId: Id,
  orderUid: z.string().min(1).max(64),
  userId: Id.nullable(),
  totalMinor: Int,
  currency: z.string().length(3),
  placedAt: z.iso.datetime(),
  stores: z.array(ZStoreShare),
});
export type OrderPlaced = z.infer<typeof ZOrderPlaced>;

/** A store's share of a new order, as that store's seller pages receive `order.placed`. */
export const ZStoreOrderPlaced = ZStoreShare.extend({
  orderId: Id,
  currency: z.string().length(3),
  placedAt: z.iso.datetime(),
});
export type StoreOrderPlaced = z.infer<typeof ZStoreOrderPlaced>;

/**
 * One store's part of an order moved (a seller's step, or the customer's cancel). `version` is
 * the part's version after the step (Shipment.version), so a page can tell a newer step from one
 * it already shows. `storeId` is null when the order has no parts (an order received as an
 * event) and the step applied to the whole order.
 */
export const ZOrderStatusChanged = z.object({
  orderId: Id,
  userId: Id.nullable(),
  storeId: Id.nullable(),
  from: Status,
  to: Status,
  /** The order's status as the customer sees it after the step. */
  orderStatus: Status,
  version: Int,
  at: z.iso.datetime(),
});
export type OrderStatusChanged = z.infer<typeof ZOrderStatusChanged>;

/**
 * A product was created, saved in the editor or changed status (archived, published). `version`
 * is Product.version after the change. Stock and price have their own variant events. Not sent
 * to browsers: other programs receive it as the `product.updated` webhook.
 */
export const ZProductUpdated = z.object({
  productId: Id,
  storeId: Id,
  slug: z.string().min(1).max(200),
  title: z.string().max(200),
  status: z.enum(PRODUCT_STATUSES),
  version: Int,
  /** "created", "updated" or "status" (what the seller did) */
  change: z.enum(["created", "updated", "status"]),
  at: z.iso.datetime(),
});
export type ProductUpdated = z.infer<typeof ZProductUpdated>;

/**
 * Sessions of a user were revoked (sign-out, sign-out everywhere, password change, disable, role
 * change; server/auth/sessions.ts): the sidecar drops the sockets opened with those sessions'
 * room tokens and refuses those tokens from then on (it remembers the ids for a token's
 * lifetime). `all`: every session of the user went, so every socket of the user's room goes
 * too (also those opened with a token older than session ids). An event without `sessionIds`
 * (recorded before sessions existed) means `all`. The page asks for a new token on
 * reconnecting, which the app refuses or narrows. Internal: browsers never receive it.
 */
export const ZSessionRevoked = z.object({
  userId: Id,
  sessionIds: z.array(Id).max(500).default([]),
  all: z.boolean().default(false),
});
export type SessionRevoked = z.infer<typeof ZSessionRevoked>;

/**
 * A product's rating aggregates changed (a review written, edited, hidden or shown again):
 * the visible reviews' count, sum and count per star (`counts[i]`: i+1 stars). `version` is
 * Product.ratingVersion after the change, so a page keeps the newest of two events.
 */
export const ZRatingChanged = z.object({
  productId: Id,
  storeId: Id,
  count: Int,
  sum: Int,
  counts: z.array(Int).length(5),
  version: Int,
});
export type RatingChanged = z.infer<typeof ZRatingChanged>;

/** Every event, by name, with the payload a transaction records in the outbox. */
export const OUTBOX_EVENTS = {
  "stock.changed": ZStockChanged,
  "price.changed": ZPriceChanged,
  "order.placed": ZOrderPlaced,
  "order.status_changed": ZOrderStatusChanged,
  "product.updated": ZProductUpdated,
  "session.revoked": ZSessionRevoked,
  "rating.changed": ZRatingChanged,
} as const;
export type EventName = keyof typeof OUTBOX_EVENTS;
export type OutboxPayload<E extends EventName> = z.infer<(typeof OUTBOX_EVENTS)[E]>;

/** The events browsers receive, with the payload they carry (a store's seller pages get its
 * share of an order). */
export const LIVE_EVENTS = {
  "stock.changed": ZStockChanged,
  "price.changed": ZPriceChanged,
  "order.placed": ZStoreOrderPlaced,
  "order.status_changed": ZOrderStatusChanged,
  "rating.changed": ZRatingChanged,
} as const satisfies Partial<Record<EventName, z.ZodType>>;
export type LiveEventName = keyof typeof LIVE_EVENTS;
export type LivePayload<E extends LiveEventName> = z.infer<(typeof LIVE_EVENTS)[E]>;
export const LIVE_EVENT_NAMES = Object.keys(LIVE_EVENTS) as LiveEventName[];

export type ServerToClientEvents = { [E in LiveEventName]: (payload: LivePayload<E>) => void };

/** An event as a page receives it: its name and its payload. */
export type LiveEvent = { [E in LiveEventName]: { type: E; payload: LivePayload<E> } }[LiveEventName];

/** What the app hands the sidecars: an event for the sockets in some rooms, or the command to
 * disconnect the sockets in some rooms. */
export type RealtimeMessage =
  | { [E in LiveEventName]: { event: E; rooms: string[]; payload: LivePayload<E> } }[LiveEventName]
  | { disconnect: true; rooms: string[] };

// --- Rooms ----------------------------------------------------------------------------------
// Anyone may watch a product; a store's room and a customer's own room need a token the app signs
// (`realtime.token`), because the sidecar has no database to check who may listen.

export const productRoom = (productId: string) => `product:${productId}`;
export const storeRoom = (storeId: string) => `store:${storeId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/** The sockets opened with one session's room token: what revoking that session drops. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Rooms that only a token opens. */
export const isPrivateRoom = (room: string) => room.startsWith("store:") || room.startsWith("user:") || room.startsWith("session:");

/** A socket may watch at most this many products at once (a page shows far fewer). */
export const MAX_PRODUCT_ROOMS = 200;

export const ZSubscribeRequest = z
  .object({
    products: z.array(Id.regex(/^[A-Za-z0-9_-]+$/, "not an id")).max(MAX_PRODUCT_ROOMS).default([]),
    /** Opens the private rooms it names (the signed-in user's own, and a seller's store). */
    token: z.string().min(1).max(2048).optional(),
  })
  .strict();
export type SubscribeRequest = z.input<typeof ZSubscribeRequest>;

export type SubscribeAck = { ok: true; rooms: number } | { ok: false; error: string };

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  unsubscribe: (req: SubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
}

export const isClientEvent = (name: string): name is keyof ClientToServerEvents => name === "subscribe" || name === "unsubscribe";
