// The recommendation reads (decisions 178-179): "Frequently bought together" (a product, or the
// cart's products), "Similar products" and "For you". Every list shows only products a customer
// may buy now: active, not deleted, with a variant in stock, checked at read time in the same
// statement that builds the cards (no cache: a sold-out product cannot linger; the benchmark
// bench/recommendations.ts measures what that costs). Each is one hand-written statement that
// answers product cards (list-products.ts PRODUCT_CARDS_COLUMNS).
import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient, Tx } from "@/server/db/transaction";
import { zText } from "@/shared/text";
import { PRODUCT_CARDS_COLUMNS, type ProductCard } from "@/server/services/catalog/list-products";
import { NOT_COUNTED } from "./pairs";

/** Cards shown in a recommendation row. */
export const RECS_LIMIT = 4;
/** Recent views kept per customer (older ones are deleted as new ones come). */
export const RECENT_VIEWS = 20;
/** Neighbours looked at per seed product (its best pairs, from the index): a bounded read. */
const NEIGHBOURS_PER_SEED = 60;

const ZId = zText().trim().min(1).max(64);
const ZLimit = z.int32().min(1).max(12).default(RECS_LIMIT);

export const ZTogetherInput = z.object({
  /** One product (its page) or the cart's products. */
  productIds: z.array(ZId).min(1).max(50),
  limit: ZLimit,
});
export const ZSimilarInput = z.object({ productId: ZId, limit: ZLimit });
export const ZForYouInput = z.object({ limit: ZLimit }).default({ limit: RECS_LIMIT });
export const ZRecordViewInput = z.object({ productId: ZId });
export type TTogetherInput = z.input<typeof ZTogetherInput>;
export type TSimilarInput = z.input<typeof ZSimilarInput>;

const notCounted = Prisma.raw(NOT_COUNTED.map((s) => `'${s}'`).join(", "));

/** Cards of the scored candidates `cand(id, score)` (a CTE list ending in it), buyable now, best
 * first. The best `limit` are picked before any card is built (a card's variants are a subquery). */
function buyableCards(ctes: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH ${ctes},
    top AS (
      SELECT cand.id, cand.score FROM cand
      JOIN "Product" tp ON tp.id = cand.id
      WHERE tp.status = 'ACTIVE' AND tp."deletedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "Variant" sv WHERE sv."productId" = tp.id AND sv.stock > 0)
      ORDER BY cand.score DESC, cand.id COLLATE "C"
      LIMIT ${limit})
    SELECT ${Prisma.raw(PRODUCT_CARDS_COLUMNS)}
    FROM top
    JOIN "Product" p ON p.id = top.id
    JOIN "Category" c ON c.id = p."categoryId"
    JOIN "Store" s ON s.id = p."storeId"
    ORDER BY top.score DESC, p.id COLLATE "C"`;
}

/** Products bought in the same orders as `productIds` (summed over them), most often first,
 * never one of `productIds` themselves. */
export async function frequentlyBoughtTogether(db: DbClient, raw: TTogetherInput): Promise<ProductCard[]> {
  const input = ZTogetherInput.parse(raw);
  const ids = [...new Set(input.productIds)];
  return db.$queryRaw<ProductCard[]>(
    buyableCards(
      Prisma.sql`cand AS (
        SELECT pp."otherId" AS id, sum(pp."orders")::float8 AS score
        FROM unnest(${ids}::text[]) AS seed(id)
        CROSS JOIN LATERAL (
          SELECT x."otherId", x."orders" FROM "ProductPair" x WHERE x."productId" = seed.id
          ORDER BY x."orders" DESC LIMIT ${NEIGHBOURS_PER_SEED}) pp
        WHERE NOT (pp."otherId" = ANY(${ids}::text[]))
        GROUP BY pp."otherId")`,
      input.limit,
    ),
  );
}

/**
 * Products like this one: same category (3), same brand (2), a sibling category (1), plus the
 * full-text rank of its title's words against theirs (OR of the title's lexemes, 'english' as in
 * the search index), from the search index's rows (ProductSearch: visible and in stock, kept at
 * commit by triggers). Never the product itself; an unknown or hidden product has none.
 */
export async function similarProducts(db: DbClient, raw: TSimilarInput): Promise<ProductCard[]> {
  const input = ZSimilarInput.parse(raw);
  return db.$queryRaw<ProductCard[]>(
    buyableCards(
      Prisma.sql`me AS (
        SELECT p.id, p."categoryId", p.brand, mc."parentId",
               CASE WHEN numnode(plainto_tsquery('english', p.title)) = 0 THEN NULL
                    ELSE replace(plainto_tsquery('english', p.title)::text, ' & ', ' | ')::tsquery END AS q
        FROM "Product" p JOIN "Category" mc ON mc.id = p."categoryId"
        WHERE p.id = ${input.productId} AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL),
      cand AS (
        SELECT ps."productId" AS id,
               3 * (ps."categoryId" = me."categoryId")::int
             + 2 * (me.brand <> '' AND ps.brand = me.brand)::int
             + 1 * (me."parentId" IS NOT NULL AND sc."parentId" = me."parentId" AND ps."categoryId" <> me."categoryId")::int
             + CASE WHEN me.q IS NULL THEN 0 ELSE 10 * ts_rank(ps."searchVector", me.q) END AS score
        FROM me
        JOIN "ProductSearch" ps ON ps.visible AND ps."inStock" AND ps."productId" <> me.id
        JOIN "Category" sc ON sc.id = ps."categoryId"
        WHERE ps."categoryId" = me."categoryId"
           OR (me.brand <> '' AND ps.brand = me.brand)
           OR (me."parentId" IS NOT NULL AND sc."parentId" = me."parentId")
           OR (me.q IS NOT NULL AND ps."searchVector" @@ me.q))`,
      input.limit,
    ),
  );
}

/**
 * For a signed-in customer: the neighbours (ProductPair) of what they bought (weight 2) and of
 * what they viewed lately (weight 1), then, to fill the row, other products of those categories;
 * never what they already bought nor what they just viewed. Empty without history.
 */
export async function forYou(db: DbClient, userId: string, raw: z.input<typeof ZForYouInput> = {}): Promise<ProductCard[]> {
  const input = ZForYouInput.parse(raw);
  return db.$queryRaw<ProductCard[]>(
    buyableCards(
      Prisma.sql`bought AS (
        SELECT DISTINCT oi."productId" AS id
        FROM (SELECT o.id FROM "Order" o WHERE o."userId" = ${userId} AND o.status NOT IN (${notCounted})
              ORDER BY o."createdAt" DESC LIMIT 50) o
        JOIN "OrderItem" oi ON oi."orderId" = o.id
        WHERE oi."productId" IS NOT NULL),
      viewed AS (
        SELECT v."productId" AS id FROM "ProductView" v WHERE v."userId" = ${userId}
        ORDER BY v."viewedAt" DESC LIMIT ${RECENT_VIEWS}),
      seeds AS (
        SELECT id, max(w) AS w FROM (SELECT id, 2 AS w FROM bought UNION ALL SELECT id, 1 FROM viewed) x GROUP BY id),
      near AS (
        SELECT pp."otherId" AS id, sum(pp."orders" * seeds.w)::float8 AS score
        FROM seeds CROSS JOIN LATERAL (
          SELECT x."otherId", x."orders" FROM "ProductPair" x WHERE x."productId" = seeds.id
          ORDER BY x."orders" DESC LIMIT ${NEIGHBOURS_PER_SEED}) pp
        GROUP BY pp."otherId"),
      related AS (
        SELECT ps."productId" AS id, 0.001::float8 AS score
        FROM "ProductSearch" ps
        WHERE ps.visible AND ps."inStock"
          AND ps."categoryId" IN (SELECT p."categoryId" FROM "Product" p JOIN seeds ON seeds.id = p.id)
        LIMIT 200),
      cand AS (
        SELECT id, max(score) AS score FROM (SELECT * FROM near UNION ALL SELECT * FROM related) x
        WHERE id NOT IN (SELECT id FROM seeds)
        GROUP BY id)`,
      input.limit,
    ),
  );
}

/** Notes that a signed-in customer viewed a product (an unknown or hidden one is ignored), and
 * keeps only their RECENT_VIEWS newest. Two small statements. */
export async function recordProductView(tx: Tx, userId: string, raw: z.input<typeof ZRecordViewInput>): Promise<{ recorded: boolean }> {
  const input = ZRecordViewInput.parse(raw);
  const n = await tx.$executeRaw`
    INSERT INTO "ProductView" ("userId", "productId", "viewedAt")
    SELECT ${userId}, p.id, timezone('UTC', clock_timestamp())
    FROM "Product" p WHERE p.id = ${input.productId} AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL
    ON CONFLICT ("userId", "productId") DO UPDATE SET "viewedAt" = excluded."viewedAt"`;
  if (n === 0) return { recorded: false };
  await tx.$executeRaw`
    DELETE FROM "ProductView" WHERE "userId" = ${userId} AND "productId" IN (
      SELECT "productId" FROM "ProductView" WHERE "userId" = ${userId}
      ORDER BY "viewedAt" DESC, "productId" OFFSET ${RECENT_VIEWS})`;
  return { recorded: true };
}
