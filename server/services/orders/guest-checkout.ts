// Checkout without an account (decision 146): the same three steps as an account's checkout
// (checkout.ts: idempotency, stock reserved through the ledger, payment outside any transaction,
// order.placed for the stream and webhooks), the order kept with no userId and its email as
// Order.guestEmail. The confirmation with the signed link to the order (order-link.ts) is mailed
// like every order's, from the outbox by the mail worker (server/services/notifications).
import "server-only";
import type { Db } from "@/server/db/client";
import { checkout, type CheckoutOptions } from "./checkout";
import { orderLinkPath } from "./order-link";
import type { PlacedOrder } from "./place-order";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";

export type GuestCheckoutOptions = CheckoutOptions;

export interface GuestPlacedOrder extends PlacedOrder {
  /** The order's page for whoever holds this link: /orders/view/<signed token>. */
  link: string;
}

export async function guestCheckout(db: Db, rawInput: TPlaceOrderInput, opts: GuestCheckoutOptions = {}): Promise<GuestPlacedOrder> {
  const input = ZPlaceOrderInput.parse(rawInput);
  const placed = await checkout(db, null, input, opts);
  return { ...placed, link: orderLinkPath(placed.id) };
}
