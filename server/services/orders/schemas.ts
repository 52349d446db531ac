import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { ZPaymentInput } from "@/server/services/payments/provider";
import { ZShippingChoices } from "@/server/services/shipping/quote";
import { ZLineQuantity } from "@/shared/stock";
import { ZDeliveryAddress } from "@/shared/address";

export { ZDeliveryAddress, type TDeliveryAddress } from "@/shared/address";

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
  /** The shipping option of each store's part (cart.shippingQuote); a store left out ships with
   * its cheapest option. Priced on the server (decision 195). */
  shipping: ZShippingChoices.optional(),
  payment: ZPaymentInput,
  /** A discount code (any case); the server works out the saving (docs/api.md "Discount codes"). */
  discountCode: zText().trim().max(64, "A discount code is at most 64 characters").optional(),
});
export type TPlaceOrderInput = z.input<typeof ZPlaceOrderInput>;

export const ZOrderId = z.object({ orderId: zText().min(1).max(64) });
