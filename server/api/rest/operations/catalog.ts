// Public catalog: the same cached reads as catalog.search, catalog.bySlug and catalog.categories.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { derivedOnce } from "@/server/services/catalog/catalog-cache";
import { cachedCategories, cachedProductBySlug, cachedSearchProducts } from "@/server/services/catalog/cached-reads";
import { ZGetProductInput } from "@/server/services/catalog/get-product";
import { SEARCH_SORTS } from "@/shared/catalog";
import { op } from "../operation";
import { json, listResult, qBool, qCursor, qInt, qList, ZCurrency, ZListOf, ZMinor, ZTimestamp } from "../schemas";

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
    store: z.object({ name: zText(), slug: zText() }),
    category: z.object({ name: zText(), slug: zText(), parent: z.object({ name: zText(), slug: zText() }).nullable() }),
    variants: z.array(ZCardVariant.extend({ sku: zText(), options: z.record(zText(), zText()) })),
  })
  .meta({ id: "ProductDetail" });

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
