// Public catalog: the same cached reads as catalog.search, catalog.bySlug and catalog.categories.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { derivedOnce } from "@/server/services/catalog/catalog-cache";
import { cachedCategories, cachedProductBySlug, cachedSearchProducts } from "@/server/services/catalog/cached-reads";
import { ZGetProductInput } from "@/server/services/catalog/get-product";
import { SEARCH_SORTS } from "@/shared/catalog";
import { AppError } from "@/server/errors";
import { listProductReviews } from "@/server/services/reviews/read-reviews";
import { op } from "../operation";
import { json, listResult, qBool, qCursor, qInt, qList, ZCurrency, ZListOf, ZMinor, ZTimestamp } from "../schemas";

/** The visible reviews' aggregates (average = ratingSum / ratingCount). */
const ZRatingFields = {
  ratingCount: z.int32().meta({ description: "Visible reviews" }),
  ratingSum: z.int32().meta({ description: "Sum of the visible reviews' stars: the average is ratingSum / ratingCount" }),
  ratingVersion: z.int32().meta({ description: "Grows with every change of the aggregates" }),
};
// compareAtMinor: a sale's was price (decision 175), null when not on sale; optional for answers cached before it existed.
const ZCardVariant = z.object({ id: zText(), title: zText(), priceMinor: ZMinor, compareAtMinor: ZMinor.nullable().optional(), currency: ZCurrency, stock: z.int32(), lowStockThreshold: z.int32(), version: z.int32() });
export const ZProductCard = z
  .object({
    id: zText(),
    slug: zText(),
    title: zText(),
    brand: zText(),
    images: z.array(zText()),
    createdAt: ZTimestamp,
    ...ZRatingFields,
    category: z.object({ slug: zText(), name: zText() }),
    store: z.object({ slug: zText(), name: zText() }),
    variants: z.array(ZCardVariant),
  })
  .meta({ id: "ProductCard" });

const ZProductDetail = z
  .object({
    id: zText(),
    slug: zText(),
    title: zText(),
    brand: zText(),
    description: zText(),
    images: z.array(zText()),
    createdAt: ZTimestamp,
    ...ZRatingFields,
    ratingCounts: z.array(z.int32()).length(5).meta({ description: "Visible reviews per star: [1 star, 2 stars, ..., 5 stars]" }),
    store: z.object({ name: zText(), slug: zText() }),
    category: z.object({ name: zText(), slug: zText(), parent: z.object({ name: zText(), slug: zText() }).nullable() }),
    variants: z.array(ZCardVariant.extend({ sku: zText(), options: z.record(zText(), zText()) })),
  })
  .meta({ id: "ProductDetail" });

const ZReview = z
  .object({
    id: zText(),
    rating: z.int32().min(1).max(5),
    body: zText().meta({ description: "Plain text as the customer wrote it (render it as text, never as HTML)" }),
    author: zText().meta({ description: "The reviewer's first name and initial" }),
    verified: z.literal(true).meta({ description: "Every review comes from a delivered order of the reviewer's" }),
    createdAt: ZTimestamp,
    edited: z.boolean(),
    reply: z.object({ body: zText(), at: ZTimestamp, storeName: zText() }).nullable().meta({ description: "The store's reply" }),
  })
  .meta({ id: "Review" });

const ZReviewsQuery = z.object({ limit: qInt(1, 50).optional(), cursor: qCursor().optional() }).strict();

const ZCategory = z
  .object({ id: zText(), slug: zText(), name: zText(), children: z.array(z.object({ id: zText(), slug: zText(), name: zText() })) })
  .meta({ id: "Category" });


const ZProductsQuery = z
  .object({
    q: zText().optional().meta({ description: "Free text (web-search syntax)" }),
    category: zText().optional().meta({ description: "A category slug; a top-level category includes its subcategories" }),
    brand: qList(zText()).optional().meta({ description: "Brand names (repeat for several)" }),
    minPrice: qInt(0, 2_000_000_000).optional().meta({ description: "Minor units, inclusive" }),
    maxPrice: qInt(0, 2_000_000_000).optional().meta({ description: "Minor units, inclusive" }),
    inStock: qBool().optional(),
    sort: z.enum(SEARCH_SORTS).optional().meta({ description: "Default: relevance with q, else newest" }),
    limit: qInt(1, 60).optional(),
    cursor: qCursor().optional(),
  })
  .strict();

export const catalogOperations = [
  op({
    operationId: "listProducts",
    method: "GET",
    path: "/products",
    tag: "Catalog",
    summary: "Search and list products",
    description: "The storefront's search: text, category, brands, price range, stock, sort, cursor pagination.",
    access: { kind: "public" },
    query: ZProductsQuery,
    limit: "search",
    response: { status: 200, description: "A page of products", schema: ZListOf(ZProductCard, "ProductList") },
    handler: async ({ db, query, url }) => {
      const r = await cachedSearchProducts(db, {
        q: query.q,
        categorySlug: query.category,
        brands: query.brand === undefined ? undefined : [query.brand].flat(),
        minPriceMinor: query.minPrice,
        maxPriceMinor: query.maxPrice,
        inStock: query.inStock,
        sort: query.sort,
        limit: query.limit,
        cursor: query.cursor,
      });
      // The JSON form of a stored answer is made once (catalog-cache.ts derivedOnce).
      return listResult(url, derivedOnce(r, "rest", () => json(r.items)) as never[], r.nextCursor);
    },
  }),
  op({
    operationId: "getProduct",
    method: "GET",
    path: "/products/{product}",
    tag: "Catalog",
    summary: "A product on sale, by its slug",
    access: { kind: "public" },
    params: z.object({ product: ZGetProductInput.shape.slug.meta({ description: "The product's slug" }) }),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "The product with its variants", schema: ZProductDetail },
    handler: async ({ db, params }) => {
      const p = await cachedProductBySlug(db, { slug: params.product });
      return { status: 200, body: derivedOnce(p, "rest", () => json(p)) as z.infer<typeof ZProductDetail> };
    },
  }),
  op({
    operationId: "listProductReviews",
    method: "GET",
    path: "/products/{product}/reviews",
    tag: "Catalog",
    summary: "A product's reviews, newest first",
    description: "Visible reviews of a product on sale (hidden ones are left out); the product's average and distribution are on the product itself.",
    access: { kind: "public" },
    params: z.object({ product: ZGetProductInput.shape.slug.meta({ description: "The product's slug" }) }),
    query: ZReviewsQuery,
    limit: "search",
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "A page of reviews", schema: ZListOf(ZReview, "ReviewList") },
    handler: async ({ db, params, query, url }) => {
      const product = await db.product.findFirst({ where: { slug: params.product, status: "ACTIVE", deletedAt: null }, select: { id: true } });
      if (!product) throw new AppError("NOT_FOUND", "This product is no longer available");
      const r = await listProductReviews(db, { productId: product.id, limit: query.limit, cursor: query.cursor });
      return listResult(url, json(r.items) as never[], r.nextCursor);
    },
  }),
  op({
    operationId: "listCategories",
    method: "GET",
    path: "/categories",
    tag: "Catalog",
    summary: "Top-level categories with their subcategories",
    access: { kind: "public" },
    response: { status: 200, description: "The category tree", schema: z.object({ data: z.array(ZCategory) }) },
    handler: async ({ db }) => ({ status: 200, body: { data: await cachedCategories(db) } }),
  }),
];
