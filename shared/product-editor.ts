// Inputs of the seller product editor. Paths of errors are the form's field names
// (e.g. "variants.1.sku"), so the editor can put each message next to its field. Shared: the
// procedures validate with these, and the editor checks the whole form with them before sending,
// so every error shows on the first submit.
import { z } from "zod";
import { zText } from "@/shared/text";
import { ZPriceMinor } from "@/shared/money";
import { SLUG_MESSAGE, SLUG_RE } from "@/shared/slug";

const Id = zText().trim().min(1, "Required").max(64);

/** Product images are our own URL paths: seed images under /images, uploads under /uploads. */
export const IMAGE_PATH_RE = /^\/(?:images\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.(?:svg|png|jpe?g|webp|gif)|uploads\/[a-f0-9]{32}\.(?:png|jpg|webp|gif))$/;

export const EDITOR_STATUSES = ["DRAFT", "ACTIVE", "ARCHIVED"] as const;

export const ZOption = z
  .object({
    name: zText().trim().min(1, "Enter an option name").max(40, "At most 40 characters"),
    value: zText().trim().min(1, "Enter a value").max(100, "At most 100 characters"),
  })
  .strict();

export const ZVariantInput = z
  .object({
    /** Absent for a new variant. */
    id: Id.optional(),
    sku: zText()
      .trim()
      .min(1, "Enter a SKU")
      .max(64, "At most 64 characters")
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, dot, dash and underscore only"),
    title: zText().trim().max(120, "At most 120 characters").default(""),
    options: z.array(ZOption).max(10, "At most 10 options").default([]),
    priceMinor: ZPriceMinor,
    /** A sale's "was" price (decision 175): above the price, or null (not on sale). */
    compareAtMinor: ZPriceMinor.nullable().default(null),
    currency: zText()
      .trim()
      .regex(/^[A-Z]{3}$/, "A three-letter currency code")
      .default("USD"),
    lowStockThreshold: z.number({ error: "Enter a number" }).int("Enter a whole number").min(0, "Cannot be below 0").max(1_000_000, "Too large"),
    position: z.int32().min(0).max(10_000).optional(),
    /** New variants only: goes in through the ledger as RESTOCK "Initial stock". */
    initialStock: z.number({ error: "Enter a number" }).int("Enter a whole number").min(0, "Cannot be below 0").max(1_000_000, "Too large").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.options.forEach((o, i) => {
      const key = o.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["options", i, "name"], message: "This option is already named" });
      seen.add(key);
    });
    if (v.compareAtMinor !== null && v.compareAtMinor <= v.priceMinor) {
      ctx.addIssue({ code: "custom", path: ["compareAtMinor"], message: "The was price must be higher than the price (leave it empty when not on sale)" });
    }
    if (v.id && v.initialStock !== undefined && v.initialStock !== 0) {
      ctx.addIssue({ code: "custom", path: ["initialStock"], message: "Change an existing variant's stock with Adjust stock" });
    }
  });
export type TVariantInput = z.input<typeof ZVariantInput>;

export const ZProductFields = z.object({
  title: zText().trim().min(1, "Enter a title").max(200, "At most 200 characters"),
  slug: zText().trim().min(1, "Enter a URL name").max(200, "At most 200 characters").regex(SLUG_RE, SLUG_MESSAGE),
  description: zText().trim().max(10_000, "At most 10,000 characters").default(""),
  brand: zText().trim().max(100, "At most 100 characters").default(""),
  categoryId: Id,
  images: z.array(zText().regex(IMAGE_PATH_RE, "Not an image of this shop")).max(12, "At most 12 images").default([]),
  status: z.enum(EDITOR_STATUSES).optional(),
  variants: z.array(ZVariantInput).min(1, "Add at least one variant").max(100, "At most 100 variants"),
});

function uniqueSkus(p: { variants: { sku: string }[] }, ctx: z.RefinementCtx) {
  const seen = new Map<string, number>();
  p.variants.forEach((v, i) => {
    const key = v.sku.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["variants", i, "sku"], message: `Same SKU as variant ${seen.get(key)! + 1}` });
    else seen.set(key, i);
  });
}

export const ZCreateProductInput = ZProductFields.strict().superRefine(uniqueSkus);
export type TCreateProductInput = z.input<typeof ZCreateProductInput>;

export const ZUpdateProductInput = ZProductFields.extend({
  id: Id,
  /** Product.version the form loaded. */
  expectedVersion: z.int32().min(1),
})
  .strict()
  .superRefine(uniqueSkus)
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.variants.forEach((v, i) => {
      if (!v.id) return;
      if (ids.has(v.id)) ctx.addIssue({ code: "custom", path: ["variants", i, "id"], message: "This variant is listed twice" });
      ids.add(v.id);
    });
  });
export type TUpdateProductInput = z.input<typeof ZUpdateProductInput>;

export const ZSetStatusInput = z
  .object({
    id: Id,
    expectedVersion: z.int32().min(1),
    status: z.enum(EDITOR_STATUSES, { error: "Choose a status" }),
  })
  .strict();
export type TSetStatusInput = z.input<typeof ZSetStatusInput>;

export const ZGetEditorProductInput = z.object({ id: Id }).strict();
