// Storefront search: PostgreSQL full-text search over the stored `searchVector` column
// (title and brand weight A, description weight B; see the init migration), with filters,
// four sort orders, keyset pagination and brand facets. One parameterised statement picks the
// page's ids and sort keys; the cards are then loaded with `productCardSelect` in that order.
// User input only ever reaches SQL as bound parameters (Prisma.sql), never as text.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { effectiveSort, MAX_BRANDS, MAX_FILTER_PRICE_MINOR, MAX_QUERY_LENGTH, SEARCH_SORTS, type SearchSort } from "@/shared/catalog";
import { productCardSelect, type ProductCard } from "./list-products";


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

/** FROM clause shared by the page and facet statements: a product, its category (and the
 * category's parent) and its variants' cheapest price and stock. Products without variants
 * have no price and are never listed. */
const FROM = Prisma.sql`
  FROM "Product" p
  JOIN "Category" c ON c."id" = p."categoryId"
  LEFT JOIN "Category" cp ON cp."id" = c."parentId"
  JOIN LATERAL (
    SELECT MIN(x."priceMinor") AS min_price, BOOL_OR(x."stock" > 0) AS in_stock
    FROM "Variant" x
    WHERE x."productId" = p."id"
  ) v ON v.min_price IS NOT NULL`;

function tsQuery(q: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english', ${q})`;
}

function whereClause(input: ParsedInput, q: string | undefined, opts: { withBrands: boolean }): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`p."status" = 'ACTIVE'`, Prisma.sql`p."deletedAt" IS NULL`];
  if (q) conds.push(Prisma.sql`p."searchVector" @@ ${tsQuery(q)}`);
  if (input.categorySlug) conds.push(Prisma.sql`(c."slug" = ${input.categorySlug} OR cp."slug" = ${input.categorySlug})`);
  if (opts.withBrands && input.brands?.length) conds.push(Prisma.sql`p."brand" IN (${Prisma.join(input.brands)})`);
  if (input.minPriceMinor !== undefined) conds.push(Prisma.sql`v.min_price >= ${input.minPriceMinor}`);
  if (input.maxPriceMinor !== undefined) conds.push(Prisma.sql`v.min_price <= ${input.maxPriceMinor}`);
  if (input.inStock) conds.push(Prisma.sql`v.in_stock`);
  return Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}`;
}

const ORDER_BY: Record<SearchSort, Prisma.Sql> = {
  relevance: Prisma.sql`r.rank DESC, r.id COLLATE "C" DESC`,
  price_asc: Prisma.sql`r.min_price ASC, r.id COLLATE "C" ASC`,
  price_desc: Prisma.sql`r.min_price DESC, r.id COLLATE "C" DESC`,
  newest: Prisma.sql`r.created_at DESC, r.id COLLATE "C" DESC`,
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
  }
}

interface PageRow {
  id: string;
  min_price: number;
  created_at: Date;
  rank_key: string;
}

function cursorOf(sort: SearchSort, row: PageRow): string {
  switch (sort) {
    case "relevance":
      return encodeSearchCursor([sort, row.rank_key, row.id]);
    case "price_asc":
    case "price_desc":
      return encodeSearchCursor([sort, Number(row.min_price), row.id]);
    case "newest":
      return encodeSearchCursor([sort, new Date(row.created_at).toISOString(), row.id]);
  }
}

// ---------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------

export async function searchProducts(db: DbClient, rawInput: TSearchProductsInput): Promise<SearchProductsResult> {
  const input = ZSearchProductsInput.parse(rawInput);
  const q = input.q ? input.q : undefined;
  const sort = effectiveSort(input);
  const cursor = input.cursor ? decodeSearchCursor(input.cursor, sort) : null;
  const rank = q ? Prisma.sql`ts_rank(p."searchVector", ${tsQuery(q)})` : Prisma.sql`CAST(0 AS real)`;

  const pageQuery = db.$queryRaw<PageRow[]>(Prisma.sql`
    SELECT r.id, r.min_price, r.created_at, r.rank::text AS rank_key
    FROM (
      SELECT p."id" AS id, v.min_price AS min_price, p."createdAt" AS created_at, ${rank} AS rank
      ${FROM}
      ${whereClause(input, q, { withBrands: true })}
    ) r
    WHERE ${afterCursor(cursor)}
    ORDER BY ${ORDER_BY[sort]}
    LIMIT ${input.limit + 1}`);

  const facetQuery = cursor
    ? Promise.resolve(null)
    : db.$queryRaw<{ brand: string; count: number }[]>(Prisma.sql`
        SELECT p."brand" AS brand, COUNT(*)::int AS count
        ${FROM}
        ${whereClause(input, q, { withBrands: false })}
        GROUP BY p."brand"`);

  const [rows, facetRows] = await Promise.all([pageQuery, facetQuery]);
  const hasMore = rows.length > input.limit;
  const pageRows = hasMore ? rows.slice(0, input.limit) : rows;

  const cards = pageRows.length
    ? await db.product.findMany({ where: { id: { in: pageRows.map((r) => r.id) } }, select: productCardSelect })
    : [];
  const byId = new Map(cards.map((c) => [c.id, c]));
  const items = pageRows.flatMap((r) => byId.get(r.id) ?? []);

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
