// The seller's products table: search, filters, sort and pages over the caller's store only.
// One SQL statement picks the page of product ids (filters and sort need per-product variant
// aggregates: cheapest price, total stock); Prisma then loads those products with variants.
import "server-only";
import { pageOf, pageWindow } from "@/server/services/paging";
import { Prisma } from "@/generated/prisma/client.ts";
import type { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { ZSellerProductsFilter, ZSellerProductsInput, type TSellerProductsFilter, type TSellerProductsInput } from "@/shared/seller-products";

export { ZSellerProductsFilter, ZSellerProductsInput, type TSellerProductsFilter, type TSellerProductsInput };

const productSelect = {
  id: true,
  title: true,
  slug: true,
  status: true,
  description: true,
  brand: true,
  version: true,
  updatedAt: true,
  images: true,
  category: { select: { slug: true, name: true } },
  variants: {
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, sku: true, title: true, options: true, priceMinor: true, currency: true, stock: true, lowStockThreshold: true, version: true },
  },
} as const satisfies Prisma.ProductSelect;

export type SellerProductRow = Prisma.ProductGetPayload<{ select: typeof productSelect }>;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Ids of the matching products in display order; all of them when `page` is null. */
async function matchingIds(db: DbClient, storeId: string, f: TSellerProductsFilter, page: { limit: number; offset: number } | null) {
  const where: Prisma.Sql[] = [Prisma.sql`p."storeId" = ${storeId}`, Prisma.sql`p."deletedAt" IS NULL`];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(Prisma.sql`(p.title ILIKE ${like} OR EXISTS (SELECT 1 FROM "Variant" sv WHERE sv."productId" = p.id AND sv.sku ILIKE ${like}))`);
  }
  if (f.status) where.push(Prisma.sql`p.status = ${f.status}::"ProductStatus"`);
  if (f.category) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Category" c LEFT JOIN "Category" cp ON cp.id = c."parentId"
      WHERE c.id = p."categoryId" AND (c.slug = ${f.category} OR cp.slug = ${f.category}))`);
  }
  if (f.stock) {
    const cond =
      f.stock === "out"
        ? Prisma.sql`fv.stock = 0`
        : f.stock === "low"
          ? Prisma.sql`fv.stock > 0 AND fv.stock <= fv."lowStockThreshold"`
          : Prisma.sql`fv.stock > 0`;
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Variant" fv WHERE fv."productId" = p.id AND ${cond})`);
  }
  const dir = f.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const key =
    f.sort === "title"
      ? Prisma.sql`lower(p.title) ${dir}, p.title ${dir}`
      : f.sort === "price"
        ? Prisma.sql`agg.price ${dir} NULLS LAST`
        : f.sort === "stock"
          ? Prisma.sql`agg.stock ${dir}`
          : Prisma.sql`p."updatedAt" ${dir}`;
  const limit = page ? Prisma.sql`LIMIT ${page.limit} OFFSET ${page.offset}` : Prisma.empty;
  return db.$queryRaw<{ id: string; total: bigint }[]>`
    SELECT p.id, count(*) OVER () AS total
    FROM "Product" p
    LEFT JOIN LATERAL (SELECT min(v."priceMinor") AS price, coalesce(sum(v.stock), 0) AS stock FROM "Variant" v WHERE v."productId" = p.id) agg ON true
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${key}, p.id ${dir}
    ${limit}`;
}

async function loadInOrder(db: DbClient, ids: string[]): Promise<SellerProductRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.product.findMany({ where: { id: { in: ids } }, select: productSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is SellerProductRow => Boolean(r));
}

export async function listSellerProducts(db: DbClient, storeId: string, raw: TSellerProductsInput) {
  const input = ZSellerProductsInput.parse(raw);
  const window = pageWindow(input.page, input.pageSize);
  const ids = await matchingIds(db, storeId, input, { limit: window.take, offset: window.skip });
  let total = Number(ids[0]?.total ?? 0);
  if (ids.length === 0 && input.page > 1) {
    // Past the last page (e.g. after a filter change): say how many there are.
    const all = await matchingIds(db, storeId, input, { limit: 1, offset: 0 });
    total = Number(all[0]?.total ?? 0);
  }
  const items = await loadInOrder(
    db,
    ids.map((r) => r.id),
  );
  return {
    ...pageOf(
      items.map(({ description: _d, brand: _b, ...p }) => p),
      total,
      input.page,
      input.pageSize,
    ),
    pageSize: input.pageSize,
  };
}

/** Every matching product (all pages) with the fields the CSV needs, in table order, loaded in chunks. */
export async function* allSellerProducts(db: DbClient, storeId: string, raw: z.input<typeof ZSellerProductsFilter>): AsyncGenerator<SellerProductRow[]> {
  const filter = ZSellerProductsFilter.parse(raw);
  const ids = (await matchingIds(db, storeId, filter, null)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) yield await loadInOrder(db, ids.slice(i, i + 500));
}
