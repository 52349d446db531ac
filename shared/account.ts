// Account page inputs shared by its forms and the server (account.* procedures).
import { z } from "zod";
import { ZAddressFields, ZEmailAddress } from "./address";
import { zId, zText } from "./text";

export const ZProfileInput = z.object({
  name: zText({ error: "Enter your name" }).trim().min(1, { message: "Enter your name", abort: true }).max(100, "Keep your name under 100 characters"),
});
export type TProfileInput = z.input<typeof ZProfileInput>;

export const ZChangeEmailInput = z.object({ email: ZEmailAddress });

export const ZAddressInput = ZAddressFields.extend({ isDefault: z.boolean().default(false) });
export type TAddressInput = z.input<typeof ZAddressInput>;

export const ZAddressId = z.object({ addressId: zId("Address not found") });
export const ZUpdateAddressInput = ZAddressId.extend({ address: ZAddressInput });

export const MAX_ADDRESSES = 20;

export const ORDER_SEARCH_STATUSES = ["PENDING_PAYMENT", "PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED", "CANCELLED", "REFUNDED"] as const;

/** Order history search: text (an order number or a product name) and a status. */
export const ZOrderHistoryInput = z.object({
  q: zText().trim().max(100, "Search with fewer than 100 characters").default(""),
  status: z.enum(ORDER_SEARCH_STATUSES).optional(),
  limit: z.int32().min(1).max(50).default(20),
  cursor: zText().min(1).max(64).nullish(),
});
export type TOrderHistoryInput = z.input<typeof ZOrderHistoryInput>;
