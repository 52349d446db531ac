// The public catalogue reads as the router, the REST API and the pages call them: each service
// behind the catalogue cache (catalog-cache.ts), keyed by the read and its validated input, and
// tagged with what its answer shows (catalog-tags.ts). The services themselves stay uncached.
import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { effectiveSort } from "@/shared/catalog";
import { catalogCacheFor, type CatalogRead } from "./catalog-cache";
import { CATEGORIES_TAG, IN_STOCK_TAG, PRICE_TAG, PRODUCTS_TAG, RATING_TAG, SALES_TAG, STOCK_TAG, productTag } from "./catalog-tags";
import { listFeaturedProducts, ZFeaturedProductsInput, type TFeaturedProductsInput } from "./featured-products";
import { getProductBySlug, ZGetProductInput, type TGetProductInput } from "./get-product";
import { listCategories, listProducts, ZListProductsInput, type TListProductsInput } from "./list-products";
import { searchProducts, ZSearchProductsInput, type TSearchProductsInput } from "./search-products";

const productTags = (items: readonly { id: string }[]) => items.map((p) => productTag(p.id));

/** The cache key of a read: its name and validated input, with null fields left out (a null
 * cursor is no cursor), so the same question asked differently is one entry. */
const keyOf = (read: string, input: object) => `${read}:${JSON.stringify(input, (_k, v: unknown) => (v === null ? undefined : v))}`;

/** Each read's cache key from its validated input. */
const KEYS = {
  list: (input: z.output<typeof ZListProductsInput>) => keyOf("list", input),
  search: (input: z.output<typeof ZSearchProductsInput>) => keyOf("search", input),
  featured: (input: z.output<typeof ZFeaturedProductsInput>) => keyOf("featured", input),
  bySlug: (input: z.output<typeof ZGetProductInput>) => `bySlug:${input.slug}`,
  categories: () => "categories",
};

/** Each read's key from its raw input as a caller sent it; null when the input is not valid
 * (the read itself then answers the validation error). Categories take no input. */
const RAW_KEYS: Record<CatalogRead, (raw: unknown) => string | null> = {
  list: (raw) => keyFrom(ZListProductsInput, raw, KEYS.list),
  search: (raw) => keyFrom(ZSearchProductsInput, raw, KEYS.search),
  featured: (raw) => keyFrom(ZFeaturedProductsInput, raw, KEYS.featured),
  bySlug: (raw) => keyFrom(ZGetProductInput, raw, KEYS.bySlug),
  categories: (raw) => (raw === undefined ? KEYS.categories() : null),
};

function keyFrom<S extends z.ZodType>(schema: S, raw: unknown, key: (input: z.output<S>) => string): string | null {
  const parsed = schema.safeParse(raw);
  return parsed.success ? key(parsed.data) : null;
}

/** What `read` would answer for `raw` right now if that answer is in the cache and still valid
 * (the same rules as a read: catalog-cache.ts `peek`); undefined when it is not, or the input is
 * not valid. Nothing is read from the database: the fast lane (server/http/catalog-lane.ts). */
export async function peekCatalogRead(db: DbClient, read: CatalogRead, raw: unknown): Promise<{ value: unknown } | undefined> {
  const key = RAW_KEYS[read](raw);
  return key === null ? undefined : catalogCacheFor(db).peek(read, key);
}

/** The storefront list (newest first): which products and their order change with product
 * writes; what each card shows, with its product. */
export async function cachedListProducts(db: DbClient, raw: TListProductsInput) {
  const input = ZListProductsInput.parse(raw);
  return catalogCacheFor(db).read("list", KEYS.list(input), () => listProducts(db, input), (r) => [PRODUCTS_TAG, ...productTags(r.items)]);
}

/** Search: as the list, plus every price change when prices order or filter it, every rating
 * change when ratings order it, and stock
 * reaching or leaving zero when it keeps only products in stock. */
export async function cachedSearchProducts(db: DbClient, raw: TSearchProductsInput) {
  const input = ZSearchProductsInput.parse(raw);
  const sort = effectiveSort(input);
  const byPrice = sort === "price_asc" || sort === "price_desc" || input.minPriceMinor !== undefined || input.maxPriceMinor !== undefined;
  const listTags = [PRODUCTS_TAG, ...(byPrice ? [PRICE_TAG] : []), ...(sort === "rating" ? [RATING_TAG] : []), ...(input.inStock ? [IN_STOCK_TAG] : [])];
  return catalogCacheFor(db).read("search", KEYS.search(input), () => searchProducts(db, input), (r) => [...listTags, ...productTags(r.items)]);
}

/** The featured row: ordered by units sold and stock, so any stock change or order moves it. */
export async function cachedFeaturedProducts(db: DbClient, raw: TFeaturedProductsInput = {}) {
  const input = ZFeaturedProductsInput.parse(raw);
  return catalogCacheFor(db).read("featured", KEYS.featured(input), () => listFeaturedProducts(db, input), (r) => [
    PRODUCTS_TAG,
    STOCK_TAG,
    SALES_TAG,
    ...productTags(r),
  ]);
}

/** The product page: that product only (its slug, status and variants all change with it). A
 * product that cannot be shown is NOT_FOUND, which is not stored. */
export async function cachedProductBySlug(db: DbClient, raw: TGetProductInput) {
  const input = ZGetProductInput.parse(raw);
  return catalogCacheFor(db).read("bySlug", KEYS.bySlug(input), () => getProductBySlug(db, input), (p) => [productTag(p.id)]);
}

export async function cachedCategories(db: DbClient) {
  return catalogCacheFor(db).read("categories", KEYS.categories(), () => listCategories(db), () => [CATEGORIES_TAG]);
}
