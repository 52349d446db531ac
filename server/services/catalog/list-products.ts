// The storefront's product list: active, not deleted, newest first, cursor-paginated.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "@/server/db/client";

export const ZListProductsInput = z.object({
  categorySlug: z.string().trim().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(60).default(24),
  cursor: z.string().min(1).max(64).nullish(),
});
export type TListProductsInput = z.input<typeof ZListProductsInput>;

/** What a product card may show; nothing else leaves the server. */
export const productCardSelect = {
  id: true,
  slug: true,
  title: true,
  brand: true,
  images: true,
  createdAt: true,
  category: { select: { slug: true, name: true } },
  store: { select: { slug: true, name: true } },
  variants: {
    orderBy: { position: "asc" },
    select: { id: true, title: true, priceMinor: true, currency: true, stock: true, lowStockThreshold: true, version: true },
  },
} satisfies Prisma.ProductSelect;

export type ProductCard = Prisma.ProductGetPayload<{ select: typeof productCardSelect }>;

export async function listProducts(db: Db, rawInput: TListProductsInput) {
  const input = ZListProductsInput.parse(rawInput);
  const where: Prisma.ProductWhereInput = {
    status: "ACTIVE",
    deletedAt: null,
    ...(input.categorySlug
      ? { category: { OR: [{ slug: input.categorySlug }, { parent: { slug: input.categorySlug } }] } }
      : {}),
  };
  const rows = await db.product.findMany({
    where,
    select: productCardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

export async function listCategories(db: Db) {
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
