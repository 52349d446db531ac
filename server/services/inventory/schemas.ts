import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { ZPriceMinor } from "@/shared/money";
import { SELLER_STOCK_REASONS } from "@/shared/stock";

const Id = zText().trim().min(1, "Required").max(64);


export const ZAdjustStockInput = z
  .object({
    variantId: Id,
    delta: z
      .number({ error: "Enter a whole number" })
      .int("Enter a whole number")
      .min(-1_000_000, "Too large")
      .max(1_000_000, "Too large")
      .refine((n) => n !== 0, "Enter a change other than 0"),
    reason: z.enum(SELLER_STOCK_REASONS, { error: "Choose a reason" }),
    note: zText().trim().max(500, "At most 500 characters").default(""),
    /**
     * The stock the seller saw. When given, the change applies only if stock is still that
     * (an inline "set stock to N" edit); otherwise VERSION_CONFLICT names the current stock.
     */
    expectedStock: z.int32().min(0).optional(),
  })
  .strict();
export type TAdjustStockInput = z.input<typeof ZAdjustStockInput>;

export const ZUpdatePriceInput = z
  .object({
    variantId: Id,
    priceMinor: ZPriceMinor,
    /** Product.version the seller loaded: seller edits of a product and its variants lock on it. */
    expectedVersion: z.int32().min(1),
  })
  .strict();
export type TUpdatePriceInput = z.input<typeof ZUpdatePriceInput>;

export const ZMovementsInput = z
  .object({
    variantId: Id,
    limit: z.int32().min(1).max(200).default(50),
    cursor: zText().max(64).nullish(),
  })
  .strict();
