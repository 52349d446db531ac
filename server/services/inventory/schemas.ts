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
    /** The "was" price shown struck through: a number sets it, null ends the sale, absent keeps
     * it (unless the new price reaches it: a was price is always above the price). */
    compareAtMinor: ZPriceMinor.nullable().optional(),
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

/** Products-table bulk edits: one change applied to the selected variants (or their products). */
export const ZBulkEditInput = z
  .object({
    rows: z
      .array(
        z
          .object({
            variantId: Id,
            /** What the table showed: the product's version (prices, status) and the stock. */
            expectedVersion: z.int32().min(1),
            expectedStock: z.int32().min(0),
          })
          .strict(),
      )
      .min(1, "Select at least one variant")
      .max(200, "At most 200 variants at once"),
    change: z.union([
      z.object({ kind: z.literal("price"), mode: z.literal("set"), value: ZPriceMinor }).strict(),
      z.object({ kind: z.literal("price"), mode: z.literal("percent"), value: z.number({ error: "Enter a percentage" }).min(-90, "At most 90% off").max(1000, "At most +1000%") }).strict(),
      // A sale: the current price becomes the struck-through "was" price (a running sale keeps
      // its was price) and the price drops by the percentage; ending it restores the was price.
      z.object({ kind: z.literal("sale"), mode: z.literal("start"), value: z.number({ error: "Enter a percentage" }).min(1, "Take at least 1% off").max(90, "At most 90% off") }).strict(),
      z.object({ kind: z.literal("sale"), mode: z.literal("end") }).strict(),
      z.object({ kind: z.literal("stock"), mode: z.literal("set"), value: z.int32({ error: "Enter a whole number" }).min(0, "Cannot be below 0").max(1_000_000, "Too large") }).strict(),
      z.object({ kind: z.literal("stock"), mode: z.literal("add"), value: z.int32({ error: "Enter a whole number" }).min(-1_000_000).max(1_000_000).refine((n) => n !== 0, "Enter a change other than 0") }).strict(),
      z.object({ kind: z.literal("status"), value: z.enum(["DRAFT", "ACTIVE", "ARCHIVED"], { error: "Choose a status" }) }).strict(),
    ]),
  })
  .strict()
  .refine((v) => new Set(v.rows.map((r) => r.variantId)).size === v.rows.length, { message: "A variant is listed twice", path: ["rows"] });
export type TBulkEditInput = z.input<typeof ZBulkEditInput>;
