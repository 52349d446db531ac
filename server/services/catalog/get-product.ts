// One product for its storefront page: active and not deleted, else NOT_FOUND (customers must
// not see drafts, archived or removed products). Only what the page shows leaves the server.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { readOptions, variantFieldsSelect } from "./variant-fields";

export const ZGetProductInput = z.object({
  slug: zText().trim().min(1).max(200),
});
export type TGetProductInput = z.input<typeof ZGetProductInput>;

export const productDetailSelect = {
  id: true, slug: true, title: true, brand: true, description: true, images: true, createdAt: true,
  // rating aggregates of the visible reviews (ratingCounts[i]: i+1 stars), versioned for live events
  ratingCount: true, ratingSum: true, ratingCounts: true, ratingVersion: true,
  store: { select: { name: true, slug: true } },
  category: {
    select: { name: true, slug: true, parent: { select: { name: true, slug: true } } },
  },
  variants: { orderBy: [{ position: "asc" }, { id: "asc" }], select: variantFieldsSelect },
} satisfies Prisma.ProductSelect;

type ProductDetailRow = Prisma.ProductGetPayload<{ select: typeof productDetailSelect }>;

export type VariantOptions = Record<string, string>;
export type ProductDetail = Omit<ProductDetailRow, "variants"> & {
  variants: Array<Omit<ProductDetailRow["variants"][number], "options"> & { options: VariantOptions }>;
};
export type ProductDetailVariant = ProductDetail["variants"][number];

export async function getProductBySlug(db: DbClient, rawInput: TGetProductInput): Promise<ProductDetail> {
  const { slug } = ZGetProductInput.parse(rawInput);
  const row = await db.product.findFirst({
    where: { slug, status: "ACTIVE", deletedAt: null },
    select: productDetailSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "This product is no longer available");
  return { ...row, variants: row.variants.map((v) => ({ ...v, options: readOptions(v.options) })) };
}
