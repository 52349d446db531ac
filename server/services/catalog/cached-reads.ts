// The public catalogue reads as the router, the REST API and the pages call them: each service
// behind the catalogue cache (catalog-cache.ts), keyed by the read and its validated input, and
// tagged with what its answer shows (catalog-tags.ts). The services themselves stay uncached.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { effectiveSort } from "@/shared/catalog";
import { catalogCacheFor } from "./catalog-cache";
import { CATEGORIES_TAG, IN_STOCK_TAG, PRICE_TAG, PRODUCTS_TAG, SALES_TAG, STOCK_TAG, productTag } from "./catalog-tags";
import { listFeaturedProducts, ZFeaturedProductsInput, type TFeaturedProductsInput } from "./featured-products";
import { getProductBySlug, ZGetProductInput, type TGetProductInput } from "./get-product";
import { listCategories, listProducts, ZListProductsInput, type TListProductsInput } from "./list-products";
import { searchProducts, ZSearchProductsInput, type TSearchProductsInput } from "./search-products";

const productTags = (items: readonly { id: string }[]) => items.map((p) => productTag(p.id));

/** The cache key of a read: its name and validated input, with null fields left out (a null
 * cursor is no cursor), so the same question asked differently is one entry. */
const keyOf = (read: string, input: object) => `${read}:${JSON.stringify(input, (_k, v: unknown) => (v === null ? undefined : v))}`;

/** The storefront list (newest first): which products and their order change with product
 * writes; what each card shows, with its product. */
export async function cachedListProducts(db: DbClient, raw: TListProductsInput) {
  const input = ZListProductsInput.parse(raw);
  return catalogCacheFor(db).read("list", keyOf("list", input), () => listProducts(db, input), (r) => [PRODUCTS_TAG, ...productTags(r.items)]);
}

/** Search: as the list, plus every price change when prices order or filter it, and stock
 * reaching or leaving zero when it keeps only products in stock. */
export async function cachedSearchProducts(db: DbClient, raw: TSearchProductsInput) {
  const input = ZSearchProductsInput.parse(raw);
  const sort = effectiveSort(input);
  const byPrice = sort === "price_asc" || sort === "price_desc" || input.minPriceMinor !== undefined || input.maxPriceMinor !== undefined;
  const listTags = [PRODUCTS_TAG, ...(byPrice ? [PRICE_TAG] : []), ...(input.inStock ? [IN_STOCK_TAG] : [])];
  return catalogCacheFor(db).read("search", keyOf("search", input), () => searchProducts(db, input), (r) => [...listTags, ...productTags(r.items)]);
}

/** The featured row: ordered by units sold and stock, so any stock change or order moves it. */
export async function cachedFeaturedProducts(db: DbClient, raw: TFeaturedProductsInput = {}) {
  const input = ZFeaturedProductsInput.parse(raw);
  return catalogCacheFor(db).read("featured", keyOf("featured", input), () => listFeaturedProducts(db, input), (r) => [
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
  return catalogCacheFor(db).read("bySlug", `bySlug:${input.slug}`, () => getProductBySlug(db, input), (p) => [productTag(p.id)]);
}

export async function cachedCategories(db: DbClient) {
  return catalogCacheFor(db).read("categories", "categories", () => listCategories(db), () => [CATEGORIES_TAG]);
}
