import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { ZPaymentInput } from "@/server/services/payments/provider";
import { DELIVERY_CODES } from "./delivery-options";
import { ZLineQuantity } from "@/shared/stock";

const text = (label: string, max: number) =>
  zText({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `Keep ${label} under ${max} characters`);

/** The fields of the order event format's `delivery` object. */
export const ZDeliveryAddress = z.object({
  name: text("the recipient's name", 200),
  phone: zText({ error: "Enter a phone number" })
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, "Enter a phone number, digits and an optional leading +"),
  zip: text("a postcode", 20),
  city: text("a city", 100),
  address: text("a street address", 300),
  region: zText().trim().max(100, "Keep the region under 100 characters").default(""),
  email: zText({ error: "Enter an email" }).trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address" })),
});
export type TDeliveryAddress = z.infer<typeof ZDeliveryAddress>;

export const ZOrderLine = z.object({
  variantId: zText().min(1).max(64),
  quantity: ZLineQuantity,
});

export const ZPlaceOrderInput = z.object({
  /** One key per checkout attempt: repeating it returns the same order. */
  idempotencyKey: zText().trim().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _ only"),
  /** Explicit lines (headless clients); when absent, the caller's cart is ordered. */
  lines: z.array(ZOrderLine).min(1, "Add at least one item").max(100).optional(),
  delivery: ZDeliveryAddress,
  deliveryService: z.enum(DELIVERY_CODES, { error: "Choose a delivery option" }),
  payment: ZPaymentInput,
});
export type TPlaceOrderInput = z.input<typeof ZPlaceOrderInput>;

export const ZOrderId = z.object({ orderId: zText().min(1).max(64) });
