// The realtime contract shared by the publisher (app), the sidecar and the browser.
// Plain module: no server-only imports, so client components can import it.
import { z } from "zod";

/**
 * The live state of one variant after a change. Stock and price events both carry all of it,
 * so "newest version wins" is always right even when two events arrive out of order.
 * `version` is Variant.version: it grows by one with every stock or price change, under the
 * row lock of the change, so it orders the changes of one variant.
 */
export interface VariantLive {
  productId: string;
  variantId: string;
  storeId: string;
  stock: number;
  lowStockThreshold: number;
  priceMinor: number;
  currency: string;
  version: number;
}

export interface StockChanged extends VariantLive {
  /** Units added (+) or removed (-) by the change; 0 when unknown. */
  delta: number;
  reason: "ORDER" | "CANCEL" | "RESTOCK" | "CORRECTION" | "DAMAGE" | "IMPORT";
}

export interface PriceChanged extends VariantLive {
  previousPriceMinor: number;
}

/** Sent to a store's room only (seller pages). */
export interface OrderPlaced {
  orderId: string;
  storeId: string;
  itemCount: number;
  /** This store's share of the order, in minor units. */
  totalMinor: number;
  currency: string;
  placedAt: string;
}

export interface ServerToClientEvents {
  "stock:changed": (e: StockChanged) => void;
  "price:changed": (e: PriceChanged) => void;
  "order:placed": (e: OrderPlaced) => void;
}

export type RealtimeEventName = keyof ServerToClientEvents;
export type RealtimePayload<E extends RealtimeEventName> = Parameters<ServerToClientEvents[E]>[0];

/** What the app publishes: one event to one or more rooms. */
export type RealtimeMessage = {
  [E in RealtimeEventName]: { event: E; rooms: string[]; payload: RealtimePayload<E> };
}[RealtimeEventName];

export type SubscribeAck = { ok: true; rooms: number } | { ok: false; error: string };

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
  unsubscribe: (req: SubscribeRequest, ack?: (res: SubscribeAck) => void) => void;
}

/** A socket may watch at most this many products at once (a page shows far fewer). */
export const MAX_PRODUCT_ROOMS = 200;

const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an id");

export const ZSubscribeRequest = z
  .object({
    products: z.array(Id).max(MAX_PRODUCT_ROOMS).default([]),
    /** A store room needs the signed token from `realtime.storeToken`. */
    storeToken: z.string().min(1).max(1024).optional(),
  })
  .strict();
export type SubscribeRequest = z.input<typeof ZSubscribeRequest>;

export const productRoom = (productId: string) => `product:${productId}`;
export const storeRoom = (storeId: string) => `store:${storeId}`;
export const isClientEvent = (name: string): name is keyof ClientToServerEvents =>
  name === "subscribe" || name === "unsubscribe";
