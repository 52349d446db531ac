// Order statuses, as the customer, the seller and the event contract name them.
import { enumLabels } from "./labels";

export const ORDER_STATUSES = [
  "PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED", "NEEDS_ATTENTION", "PENDING_PAYMENT", "PAYMENT_FAILED",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A card checkout before it is an order (docs/api.md "Order lifecycle"): its stock is reserved
 * while the card is authorised (PENDING_PAYMENT), and it ends placed (PAID) or, declined or never
 * resolved, PAYMENT_FAILED with the stock back on sale. Sellers never see either; the customer's
 * list hides the failed ones; admins see all. Only the checkout sets them. */
export const UNPLACED_STATUSES = ["PENDING_PAYMENT", "PAYMENT_FAILED"] as const satisfies readonly OrderStatus[];
export type UnplacedStatus = (typeof UNPLACED_STATUSES)[number];
export const isPlaced = (s: OrderStatus): boolean => !(UNPLACED_STATUSES as readonly OrderStatus[]).includes(s);

/** The statuses a seller's part of an order can be in: every status but the unplaced ones. */
export const PART_STATUSES = ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED", "NEEDS_ATTENTION"] as const satisfies readonly OrderStatus[];
export type PartStatus = (typeof PART_STATUSES)[number];

export const ORDER_STATUS_LABEL = enumLabels(ORDER_STATUSES, { PENDING_PAYMENT: "Payment pending", PAYMENT_FAILED: "Payment failed" });

/** Where an order came from (prisma enum OrderSource). */
export const ORDER_SOURCE_LABEL = { STOREFRONT: "Storefront", API: "API", EVENT: "Event stream" } as const;

export const ORDER_PAGE_SIZE = 10;

/** The short order number people read and type, "LM-" and 5 or more characters of Crockford's
 * base32 (LM-7K3Q9): made by the database when an order is written (prisma migration
 * 20261206000000_order_number). The order's id stays its key; pages and the API take either. */
export const ORDER_NUMBER_PATTERN = /^LM-[0-9A-HJKMNP-TV-Z]{5,12}$/;

/** True when `ref` (any case) is an order number rather than an order id. */
export function isOrderNumber(ref: string): boolean {
  return ORDER_NUMBER_PATTERN.test(ref.toUpperCase());
}
