// Storefront search over the maintained index "ProductSearch" (one row per product: visible,
// category, brand, cheapest price, in stock, creation time and the full-text vector; kept
// current in the writing transaction, see the migration 20261205010000_search_index and
// docs/architecture.md), with filters, five sort orders, keyset pagination and brand facets.
// One statement picks the page from the index (a partial index per sort) and returns the page's
// product cards with their sort keys; another counts the brand facets, from the materialised
// counts "ProductSearchFacet" when there is no text or price bound, else from the index.
// User input only ever reaches SQL as bound parameters (Prisma.sql), never as text.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { effectiveSort, MAX_BRANDS, MAX_FILTER_PRICE_MINOR, MAX_QUERY_LENGTH, SEARCH_SORTS, type SearchSort } from "@/shared/catalog";
import { PRODUCT_CARDS_COLUMNS, PRODUCT_CARDS_FROM, type ProductCard } from "./list-products";


// ---------------------------------------------------------------------------------------
// Cursor: opaque to clients; base64url of JSON [sort, key, id]. The key is the sort key of
// the last row of the page (rank, cheapest price or creation time), the id breaks ties.
// ---------------------------------------------------------------------------------------

const ZCursorPayload = z.union([
  // ts_rank is a `real`; its exact text form travels as a string (numbers sent as query
  // parameters are rounded by the client, which would break ties at page boundaries).
  z.tuple([z.literal("relevance"), zText()
      .regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i)
      .max(40)
      // a PostgreSQL real: within its range (1e999 or 1e-999 would fail the CAST)
      .refine((v) => {
        const n = Number(v);
        return Number.isFinite(n) && Math.abs(n) < 1e38 && (n === 0 ? /^-?0+(\.0+)?(e[-+]?\d+)?$/i.test(v) : Math.abs(n) > 1e-37);
      }), zText().min(1).max(64)]),
  z.tuple([z.enum(["price_asc", "price_desc"]), z.int32().min(0), zText().min(1).max(64)]),
  z.tuple([z.literal("newest"), z.iso.datetime(), zText().min(1).max(64)]),
  // [rating, average x 100, review count, id]
  z.tuple([z.literal("rating"), z.int32().min(0).max(500), z.int32().min(0), zText().min(1).max(64)]),
]);
type CursorPayload = z.infer<typeof ZCursorPayload>;

export function encodeSearchCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The cursor's payload, or null when it is not one of ours (or was made for another sort). */
export function decodeSearchCursor(cursor: string, sort: SearchSort): CursorPayload | null {
  try {
    const parsed = ZCursorPayload.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success && parsed.data[0] === sort ? parsed.data : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------

export const ZSearchProductsInput = z
  .object({
    /** Free text in web-search syntax ("quoted phrase", -exclude, or). Empty means no text filter. */
    q: zText().max(MAX_QUERY_LENGTH).trim().optional(),
    /** A category slug; a top-level category includes its subcategories. */
    categorySlug: zText().trim().min(1).max(100).optional(),
    /** Exact brand names; a product matches any of them. */
    brands: z.array(zText().trim().min(1).max(100)).max(MAX_BRANDS).optional(),
    /** Inclusive bounds on the product's cheapest variant price, in minor units. */
    minPriceMinor: z.int32().min(0).max(MAX_FILTER_PRICE_MINOR).optional(),
    maxPriceMinor: z.int32().min(0).max(MAX_FILTER_PRICE_MINOR).optional(),
    /** Only products with at least one variant in stock. */
    inStock: z.boolean().optional(),
    /** Default: relevance when there is text to rank by, else newest. */
    sort: z.enum(SEARCH_SORTS).optional(),
    limit: z.int32().min(1).max(60).default(24),
    cursor: zText().min(1).max(200).nullish(),
  })
  .refine((i) => i.minPriceMinor === undefined || i.maxPriceMinor === undefined || i.minPriceMinor <= i.maxPriceMinor, {
    path: ["maxPriceMinor"],
    message: "The maximum price must not be below the minimum price",
  })
  .refine((i) => !i.cursor || decodeSearchCursor(i.cursor, effectiveSort(i)) !== null, {
    path: ["cursor"],
    message: "Invalid cursor",
  });
export type TSearchProductsInput = z.input<typeof ZSearchProductsInput>;


export interface BrandFacet {
  brand: string;
  count: number;
}

export interface SearchProductsResult {
  items: ProductCard[];
  nextCursor: string | null;
  /** The sort that was applied (see `effectiveSort`). */
  sort: SearchSort;
  /** Only on the first page (no cursor): matching products in total, and per brand for the
   * current text, category, price and stock filters (the brand filter itself left out, so
   * every brand stays selectable). */
  facets: { total: number; brands: BrandFacet[] } | null;
}

// ---------------------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------------------

type ParsedInput = z.output<typeof ZSearchProductsInput>;

function tsQuery(q: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english', ${q})`;
}

/** The category named by the slug and, for a top-level category, its subcategories. Resolved
 * per statement from the (small) category tree, so the index holds only the product's own. */
function categoryIds(slug: string): Prisma.Sql {
  return Prisma.sql`(SELECT c."id" FROM "Category" c LEFT JOIN "Category" cp ON cp."id" = c."parentId" WHERE c."slug" = ${slug} OR cp."slug" = ${slug})`;
}

/** Conditions on the index rows `ix`: visible (ACTIVE, not deleted, with variants) and the filters. */
function whereClause(input: ParsedInput, q: string | undefined, opts: { withBrands: boolean }): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`ix."visible"`];
  if (q) conds.push(Prisma.sql`ix."searchVector" @@ ${tsQuery(q)}`);
  if (input.categorySlug) conds.push(Prisma.sql`ix."categoryId" IN ${categoryIds(input.categorySlug)}`);
  if (opts.withBrands && input.brands?.length) conds.push(Prisma.sql`ix."brand" IN (${Prisma.join(input.brands)})`);
  if (input.minPriceMinor !== undefined) conds.push(Prisma.sql`ix."minPriceMinor" >= ${input.minPriceMinor}`);
  if (input.maxPriceMinor !== undefined) conds.push(Prisma.sql`ix."minPriceMinor" <= ${input.maxPriceMinor}`);
  if (input.inStock) conds.push(Prisma.sql`ix."inStock"`);
  return Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}`;
}

/** Brand counts without text or price bounds: sums of the materialised per (category, brand,
 * in stock) counts, a few dozen rows whatever the catalogue's size. */
function facetCountsSql(input: ParsedInput): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`f."products" > 0`];
  if (input.categorySlug) conds.push(Prisma.sql`f."categoryId" IN ${categoryIds(input.categorySlug)}`);
  if (input.inStock) conds.push(Prisma.sql`f."inStock"`);
  return Prisma.sql`
    SELECT f."brand" AS brand, SUM(f."products")::int AS count
    FROM "ProductSearchFacet" f
    WHERE ${Prisma.join(conds, " AND ")}
    GROUP BY f."brand"`;
}

const ORDER_BY: Record<SearchSort, Prisma.Sql> = {
  relevance: Prisma.sql`r.rank DESC, r.id COLLATE "C" DESC`,
  price_asc: Prisma.sql`r.min_price ASC, r.id COLLATE "C" ASC`,
  price_desc: Prisma.sql`r.min_price DESC, r.id COLLATE "C" DESC`,
  newest: Prisma.sql`r.created_at DESC, r.id COLLATE "C" DESC`,
  rating: Prisma.sql`r.rating_score DESC, r.rating_count DESC, r.id COLLATE "C" DESC`,
};

/** Rows strictly after the cursor in the sort order (row comparison matches ORDER_BY). */
function afterCursor(cursor: CursorPayload | null): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  switch (cursor[0]) {
    case "relevance":
      return Prisma.sql`(r.rank, r.id COLLATE "C") < (CAST(${cursor[1]} AS real), ${cursor[2]})`;
    case "price_asc":
      return Prisma.sql`(r.min_price, r.id COLLATE "C") > (CAST(${cursor[1]} AS integer), ${cursor[2]})`;
    case "price_desc":
      return Prisma.sql`(r.min_price, r.id COLLATE "C") < (CAST(${cursor[1]} AS integer), ${cursor[2]})`;
    case "newest":
      // The column is timestamp(3) without time zone holding UTC; the ISO string's "Z" is
      // ignored by the cast, so the comparison does not depend on the session's time zone.
      return Prisma.sql`(r.created_at, r.id COLLATE "C") < (CAST(${cursor[1]} AS timestamp(3)), ${cursor[2]})`;
    case "rating":
      return Prisma.sql`(r.rating_score, r.rating_count, r.id COLLATE "C") < (CAST(${cursor[1]} AS integer), CAST(${cursor[2]} AS integer), ${cursor[3]})`;
  }
}

/** A card as the page statement returns it: the card and the row's sort keys. */
type PageRow = ProductCard & { searchRankKey: string; searchMinPrice: number; searchRatingScore: number; searchRatingCount: number };

function cursorOf(sort: SearchSort, row: PageRow): string {
  switch (sort) {
    case "relevance":
      return encodeSearchCursor([sort, row.searchRankKey, row.id]);
    case "price_asc":
    case "price_desc":
      return encodeSearchCursor([sort, Number(row.searchMinPrice), row.id]);
    case "newest":
      return encodeSearchCursor([sort, new Date(row.createdAt).toISOString(), row.id]);
    case "rating":
      return encodeSearchCursor([sort, Number(row.searchRatingScore), Number(row.searchRatingCount), row.id]);
  }
}

function cardOf(row: PageRow): ProductCard {
  const { id, slug, title, brand, images, createdAt, ratingCount, ratingSum, ratingVersion, category, store, variants } = row;
  return { id, slug, title, brand, images, createdAt, ratingCount, ratingSum, ratingVersion, category, store, variants };
}

// ---------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------

export async function searchProducts(db: DbClient, rawInput: TSearchProductsInput): Promise<SearchProductsResult> {
  const input = ZSearchProductsInput.parse(rawInput);
  const q = input.q ? input.q : undefined;
  const sort = effectiveSort(input);
  const cursor = input.cursor ? decodeSearchCursor(input.cursor, sort) : null;
  const rank = q ? Prisma.sql`ts_rank(ix."searchVector", ${tsQuery(q)})` : Prisma.sql`CAST(0 AS real)`;

  // The page's ids and sort keys from the index (LIMIT inside, so an index scan in sort order
  // stops after the page), then the cards of just those rows, in the same order.
  const pageQuery = db.$queryRaw<PageRow[]>(Prisma.sql`
    WITH page AS (
      SELECT r.id, r.min_price, r.created_at, r.rank, r.rating_score, r.rating_count
      FROM (
        SELECT ix."productId" AS id, ix."minPriceMinor" AS min_price, ix."createdAt" AS created_at, ${rank} AS rank,
               ix."ratingScore" AS rating_score, ix."ratingCount" AS rating_count
        FROM "ProductSearch" ix
        ${whereClause(input, q, { withBrands: true })}
      ) r
      WHERE ${afterCursor(cursor)}
      ORDER BY ${ORDER_BY[sort]}
      LIMIT ${input.limit + 1}
    )
    SELECT ${Prisma.raw(PRODUCT_CARDS_COLUMNS)}, r.rank::text AS "searchRankKey", r.min_price AS "searchMinPrice",
           r.rating_score AS "searchRatingScore", r.rating_count AS "searchRatingCount"
    ${Prisma.raw(PRODUCT_CARDS_FROM)}
    JOIN page r ON r.id = p.id
    ORDER BY ${ORDER_BY[sort]}`);

  const facetQuery = cursor
    ? Promise.resolve(null)
    : db.$queryRaw<{ brand: string; count: number }[]>(
        !q && input.minPriceMinor === undefined && input.maxPriceMinor === undefined
          ? facetCountsSql(input)
          : Prisma.sql`
            SELECT ix."brand" AS brand, COUNT(*)::int AS count
            FROM "ProductSearch" ix
            ${whereClause(input, q, { withBrands: false })}
            GROUP BY ix."brand"`,
      );

  const [rows, facetRows] = await Promise.all([pageQuery, facetQuery]);
  const hasMore = rows.length > input.limit;
  const pageRows = hasMore ? rows.slice(0, input.limit) : rows;
  const items = pageRows.map(cardOf);

  let facets: SearchProductsResult["facets"] = null;
  if (facetRows) {
    const selected = new Set(input.brands ?? []);
    const counted = facetRows.map((f) => ({ brand: f.brand, count: Number(f.count) }));
    facets = {
      total: counted.filter((f) => selected.size === 0 || selected.has(f.brand)).reduce((n, f) => n + f.count, 0),
      brands: counted.filter((f) => f.brand !== "").sort((a, b) => a.brand.localeCompare(b.brand, "en")),
    };
  }

  const last = pageRows.at(-1);
  return { items, nextCursor: hasMore && last ? cursorOf(sort, last) : null, sort, facets };
}
