// Checkout without an account (decision 146): the same three steps as an account's checkout
// (checkout.ts: idempotency, stock reserved through the ledger, payment outside any transaction,
// order.placed for the stream and webhooks), the order kept with no userId and its email as
// Order.guestEmail. Once placed, the guest is mailed a confirmation with a signed link to the
// order (order-link.ts), after the order has committed and never failing the checkout.
import "server-only";
import type { Db } from "@/server/db/client";
import { getAppUrl } from "@/server/env";
import { deliver, getMailer, type Mail, type Mailer } from "@/server/mail/mailer";
import { formatMoney } from "@/shared/money";
import { checkout, type CheckoutOptions } from "./checkout";
import { orderLinkPath, orderLinkUrl } from "./order-link";
import type { PlacedOrder } from "./place-order";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";

export interface GuestCheckoutOptions extends CheckoutOptions {
  mailer?: Mailer;
  appUrl?: string;
}

export interface GuestPlacedOrder extends PlacedOrder {
  /** The order's page for whoever holds this link: /orders/view/<signed token>. */
  link: string;
  /** The confirmation mail's outcome (not awaited by requests; tests wait for it). */
  mailed: Promise<boolean>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function guestOrderMail(to: string, name: string, order: Pick<PlacedOrder, "orderUid" | "totalMinor" | "currency" | "status">, link: string): Mail {
  const number = order.orderUid.slice(0, 10);
  const total = formatMoney(order.totalMinor, order.currency);
  const paid = order.status === "PAID" ? "paid" : "to pay on delivery";
  const text = [
    `Hello ${name},`,
    "",
    `Thank you for your order #${number} (${total}, ${paid}).`,
    "Follow it here, no account needed:",
    "",
    link,
    "",
    "Anyone with this link can see the order: keep it to yourself. To see all your orders in one place, create an account with this email address.",
  ].join("\n");
  const html =
    `<p>Hello ${escapeHtml(name)},</p>` +
    `<p>Thank you for your order #${escapeHtml(number)} (${escapeHtml(total)}, ${paid}).</p>` +
    `<p><a href="${escapeHtml(link)}">See your order</a> (no account needed)</p>` +
    `<p>Anyone with this link can see the order: keep it to yourself. To see all your orders in one place, create an account with this email address.</p>`;
  return { to, subject: `Your Livemarket order #${number}`, text, html };
}

export async function guestCheckout(db: Db, rawInput: TPlaceOrderInput, opts: GuestCheckoutOptions = {}): Promise<GuestPlacedOrder> {
  const input = ZPlaceOrderInput.parse(rawInput);
  const placed = await checkout(db, null, input, opts);
  const mailed = placed.replayed
    ? Promise.resolve(false)
    : deliver(
        opts.mailer ?? getMailer(),
        guestOrderMail(input.delivery.email, input.delivery.name, placed, orderLinkUrl(placed.id, opts.appUrl ?? getAppUrl())),
        "guest order confirmation",
      );
  return { ...placed, link: orderLinkPath(placed.id), mailed };
}
