// The storefront's product list: active, not deleted, newest first, cursor-paginated.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";

export const ZListProductsInput = z.object({
  categorySlug: zText().trim().min(1).max(100).optional(),
  limit: z.int32().min(1).max(60).default(24),
  cursor: zText().min(1).max(64).nullish(),
});
export type TListProductsInput = z.input<typeof ZListProductsInput>;

/** What a product card may show; nothing else leaves the server. */
export const productCardSelect = {
  id: true, slug: true, title: true, brand: true, images: true, createdAt: true,
  // the visible reviews' count and sum (the card's average), and their version for live events
  ratingCount: true, ratingSum: true, ratingVersion: true,
  category: { select: { slug: true, name: true } },
  store: { select: { slug: true, name: true } },
  variants: {
    orderBy: { position: "asc" },
    select: { id: true, title: true, priceMinor: true, compareAtMinor: true, currency: true, stock: true, lowStockThreshold: true, version: true },
  },
} satisfies Prisma.ProductSelect;

export type ProductCard = Prisma.ProductGetPayload<{ select: typeof productCardSelect }>;

/** The columns of a product card (products are `p`, categories `c`, stores `s`). A row written
 * without images holds NULL there, which Prisma reads as []: so does this. */
export const PRODUCT_CARDS_COLUMNS = `p.id, p.slug, p.title, p.brand, COALESCE(p.images, ARRAY[]::text[]) AS images, p."createdAt",
           p."ratingCount", p."ratingSum", p."ratingVersion",
           json_build_object('slug', c.slug, 'name', c.name) AS category,
           json_build_object('slug', s.slug, 'name', s.name) AS store,
           COALESCE((SELECT json_agg(json_build_object('id', v.id, 'title', v.title, 'priceMinor', v."priceMinor", 'compareAtMinor', v."compareAtMinor", 'currency', v.currency,
                                                       'stock', v.stock, 'lowStockThreshold', v."lowStockThreshold", 'version', v.version)
                                     ORDER BY v.position, v.id)
                     FROM "Variant" v WHERE v."productId" = p.id), '[]'::json) AS variants`;
export const PRODUCT_CARDS_FROM = `FROM "Product" p JOIN "Category" c ON c.id = p."categoryId" JOIN "Store" s ON s.id = p."storeId"`;

/** Product cards with their variants, category and store in one statement; callers add WHERE,
 * ORDER BY and LIMIT (products are `p`, categories `c`). The benchmark's raw-pg baseline runs
 * this same text; search adds its sort keys to the columns and joins its page. */
export const PRODUCT_CARDS_SQL = `
    SELECT ${PRODUCT_CARDS_COLUMNS}
    ${PRODUCT_CARDS_FROM}`;

/**
 * One hand-written statement (variants, category and store folded in with json_agg) rather
 * than findMany with three relations: Prisma compiles and runs four queries for that on every
 * call, and that CPU cost, not the database, limited this hot path (docs/performance.md). The
 * result has exactly the `ProductCard` shape of `productCardSelect`, which tests hold it to.
 */
export async function listProducts(db: DbClient, rawInput: TListProductsInput) {
  const input = ZListProductsInput.parse(rawInput);
  const conds: Prisma.Sql[] = [Prisma.sql`p.status = 'ACTIVE'`, Prisma.sql`p."deletedAt" IS NULL`];
  if (input.categorySlug) {
    conds.push(
      Prisma.sql`(c.slug = ${input.categorySlug} OR EXISTS (SELECT 1 FROM "Category" pc WHERE pc.id = c."parentId" AND pc.slug = ${input.categorySlug}))`,
    );
  }
  if (input.cursor) {
    conds.push(Prisma.sql`(p."createdAt", p.id) < (SELECT cp."createdAt", cp.id FROM "Product" cp WHERE cp.id = ${input.cursor})`);
  }
  const rows = await db.$queryRaw<ProductCard[]>`
    ${Prisma.raw(PRODUCT_CARDS_SQL)}
    WHERE ${Prisma.join(conds, " AND ")}
    ORDER BY p."createdAt" DESC, p.id DESC
    LIMIT ${input.limit + 1}`;
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

export async function listCategories(db: DbClient) {
  return db.category.findMany({
    where: { parentId: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      children: { orderBy: { position: "asc" }, select: { id: true, slug: true, name: true } },
    },
  });
}
