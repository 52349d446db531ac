// The fulfilment state machine of one seller's part of an order, as data: one table of allowed
// transitions, a reason for every refused one, the carriers a part can ship with, and how the
// parts add up to the status the customer sees. No database here, so it is tested exhaustively.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { isPlaced, PART_STATUSES, type OrderStatus, type PartStatus } from "@/shared/orders";


/** Every allowed step. CANCELLED and REFUNDED are terminal. Cancelling (before shipping) returns
 * the stock; refunding (after shipping) returns money only: the goods are with the customer. */
export const TRANSITIONS: Record<OrderStatus, readonly PartStatus[]> = {
  PLACED: ["PAID", "CANCELLED"],
  PAID: ["PACKED", "CANCELLED"],
  PACKED: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED", "REFUNDED"],
  DELIVERED: ["REFUNDED"],
  CANCELLED: [],
  REFUNDED: [],
  // An order received as an event that stock could not fully cover: staff either go on once the
  // short units are found (paid, as the event said) or cancel (the units taken go back).
  NEEDS_ATTENTION: ["PAID", "CANCELLED"],
  // A card checkout before it is placed: only the checkout moves it (to PAID or PAYMENT_FAILED).
  PENDING_PAYMENT: [],
  PAYMENT_FAILED: [],
};

/** What the button says for each target status. */
export const ACTION_LABEL: Record<OrderStatus, string> = {
  PLACED: "Placed",
  PAID: "Mark paid",
  PACKED: "Mark packed",
  SHIPPED: "Ship",
  DELIVERED: "Mark delivered",
  CANCELLED: "Cancel",
  REFUNDED: "Refund",
  NEEDS_ATTENTION: "Needs attention",
  PENDING_PAYMENT: "Payment pending",
  PAYMENT_FAILED: "Payment failed",
};

const LABEL: Record<OrderStatus, string> = {
  PLACED: "placed",
  PAID: "paid",
  PACKED: "packed",
  SHIPPED: "shipped",
  DELIVERED: "delivered",
  CANCELLED: "cancelled",
  REFUNDED: "refunded",
  NEEDS_ATTENTION: "short of stock",
  PENDING_PAYMENT: "awaiting payment",
  PAYMENT_FAILED: "unpaid",
};

/** Progress order of the live states; the customer sees the least advanced live part. */
const RANK: Record<OrderStatus, number> = {
  PLACED: 0, PAID: 1, PACKED: 2, SHIPPED: 3, DELIVERED: 4, CANCELLED: 9, REFUNDED: 9, NEEDS_ATTENTION: -1, PENDING_PAYMENT: -2, PAYMENT_FAILED: 9,
};

export function isAllowed(from: OrderStatus, to: OrderStatus): boolean {
  return (TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

/** Why a step is refused, in words a member of staff can act on; null when it is allowed. */
export function refusal(from: OrderStatus, to: OrderStatus): string | null {
  if (isAllowed(from, to)) return null;
  if (from === to) return `This order is already ${LABEL[to]}`;
  if (from === "CANCELLED") return "This order is cancelled; it cannot change any more";
  if (from === "REFUNDED") return "This order was refunded; it cannot change any more";
  if (from === "PENDING_PAYMENT") return "The payment for this order is still being confirmed";
  if (from === "PAYMENT_FAILED") return "This order was never placed: its payment did not go through";
  if (to === "PENDING_PAYMENT" || to === "PAYMENT_FAILED") return "Only the checkout sets this status";
  if (to === "CANCELLED") return `A ${LABEL[from]} order cannot be cancelled; refund it instead`;
  if (to === "REFUNDED") {
    return from === "PLACED"
      ? "Nothing has been paid for this order yet; cancel it instead"
      : "This order has not shipped; cancel it instead (the payment is returned with it)";
  }
  if (to === "PLACED" || RANK[to] < RANK[from]) return `A ${LABEL[from]} order cannot go back to ${LABEL[to]}`;
  if (to === "PACKED") return "Mark the order paid before packing it";
  if (to === "SHIPPED") return "Pack the order before shipping it";
  if (to === "DELIVERED") return "Only a shipped order can be marked delivered";
  return `A ${LABEL[from]} order cannot become ${LABEL[to]}`;
}

export function isLive(s: OrderStatus): boolean {
  return s !== "CANCELLED" && s !== "REFUNDED" && s !== "PAYMENT_FAILED";
}

/** The customer-facing status of an order from its parts: the least advanced live part;
 * CANCELLED when every part is cancelled; REFUNDED when every part is cancelled or refunded and
 * at least one was refunded. An order without parts keeps its own status (`fallback`). */
export function aggregateStatus(parts: readonly OrderStatus[], fallback: OrderStatus): OrderStatus {
  if (parts.length === 0) return fallback;
  const live = parts.filter(isLive);
  if (live.length === 0) return parts.includes("REFUNDED") ? "REFUNDED" : "CANCELLED";
  return live.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
}

/** A customer may cancel while no live part has shipped (and the order itself says so). */
export function customerCancellable(parts: readonly OrderStatus[], orderStatus: OrderStatus): boolean {
  if (!isLive(orderStatus) || !isPlaced(orderStatus) || RANK[orderStatus] > RANK.PACKED) return false;
  const live = parts.filter(isLive);
  return parts.length === 0 || (live.length > 0 && live.every((s) => RANK[s] <= RANK.PACKED));
}

/** The carriers a part can ship with. `trackingUrl`: the carrier's public tracking page, `{n}`
 * standing for the tracking number (URL-encoded); a link is all we make, nothing is fetched.
 * Livemarket Post (the demo's own carrier) has no public page: its numbers are shown unlinked. */
export const CARRIERS = [
  { code: "ups", name: "UPS", pattern: /^1Z[0-9A-Z]{16}$/, example: "1Z999AA10123456784", trackingUrl: "https://www.ups.com/track?tracknum={n}" },
  { code: "usps", name: "USPS", pattern: /^\d{20,22}$/, example: "9400111899223856928499", trackingUrl: "https://tools.usps.com/go/TrackConfirmAction?tLabels={n}" },
  { code: "fedex", name: "FedEx", pattern: /^(\d{12}|\d{15})$/, example: "123456789012", trackingUrl: "https://www.fedex.com/fedextrack/?trknbr={n}" },
  { code: "dhl", name: "DHL Express", pattern: /^\d{10}$/, example: "1234567890", trackingUrl: "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={n}" },
  { code: "livemarket-post", name: "Livemarket Post", pattern: /^LM\d{10}$/, example: "LM0001234567", trackingUrl: null },
] as const satisfies readonly { code: string; name: string; pattern: RegExp; example: string; trackingUrl: string | null }[];
export type CarrierCode = (typeof CARRIERS)[number]["code"];

export function carrierName(code: string | null | undefined): string {
  return CARRIERS.find((c) => c.code === code)?.name ?? code ?? "";
}

/** The carrier's tracking page for `trackingNumber`, or null for a carrier (or delivery service)
 * we have no page for. */
export function carrierTrackingUrl(code: string | null | undefined, trackingNumber: string): string | null {
  const c = CARRIERS.find((x) => x.code === code);
  return c?.trackingUrl ? c.trackingUrl.replace("{n}", encodeURIComponent(trackingNumber)) : null;
}

export const ZTransitionInput = z
  .object({
    orderId: zText().min(1).max(64),
    to: z.enum(PART_STATUSES),
    expectedVersion: z.int32().min(1),
    carrier: z.enum(CARRIERS.map((c) => c.code) as [CarrierCode, ...CarrierCode[]]).optional(),
    trackingNumber: zText()
      .trim()
      .max(40)
      .transform((s) => s.replace(/[\s-]/g, "").toUpperCase())
      .optional(),
    note: zText().trim().max(500).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.to !== "SHIPPED") return;
    if (!v.carrier) ctx.addIssue({ code: "custom", path: ["carrier"], message: "Choose a carrier" });
    if (!v.trackingNumber) {
      ctx.addIssue({ code: "custom", path: ["trackingNumber"], message: "Enter the tracking number" });
      return;
    }
    const c = CARRIERS.find((x) => x.code === v.carrier);
    if (c && !c.pattern.test(v.trackingNumber)) {
      ctx.addIssue({ code: "custom", path: ["trackingNumber"], message: `Not a ${c.name} tracking number (for example ${c.example})` });
    }
  });
export type TTransitionInput = z.input<typeof ZTransitionInput>;
