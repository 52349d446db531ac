// The catalogue's views, shared by the server (search service, page prefetch) and the browser
// (links, the same query keys): page sizes, sorts, search limits and the URL state of the search
// and category pages. Parsing and validating a raw URL happens on the server
// (app/(shop)/_catalog/search-params.ts).

export const FEATURED_LIMIT = 8;
export const SEARCH_PAGE_SIZE = 24;
/** The home page's list; the server prefetch and the client query use it so both share one cache entry. */
export const PRODUCT_PAGE_SIZE = 24;

/** Infinite-query paging of every cursor-paged list (products, search, orders). */
export const cursorPages = {
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
};

export const SEARCH_SORTS = ["relevance", "price_asc", "price_desc", "newest", "rating"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export type CatalogSort = SearchSort;

/** Upper bound for price filters, in minor units (10 million in major units). */
export const MAX_FILTER_PRICE_MINOR = 1_000_000_000;
export const MAX_QUERY_LENGTH = 200;
export const MAX_BRANDS = 20;

/** The sort actually used: relevance needs text to rank by. */
export function effectiveSort(input: { q?: string; sort?: SearchSort }): SearchSort {
  const hasText = Boolean(input.q?.trim());
  if (!input.sort) return hasText ? "relevance" : "newest";
  if (input.sort === "relevance" && !hasText) return "newest";
  return input.sort;
}

/** Every view of the catalogue is a URL: these are its (already validated) parts. */
export interface CatalogParams {
  q?: string;
  category?: string;
  brands: string[];
  /** major units, as typed by the shopper */
  minPrice?: number;
  maxPrice?: number;
  inStock: boolean;
  sort?: CatalogSort;
  cursor?: string;
}

/** `basePath?query` for the given params; empty parts are left out. */
export function catalogHref(basePath: string, p: CatalogParams): string {
  const sp = new URLSearchParams();
  if (p.q) sp.set("q", p.q);
  if (p.category) sp.set("category", p.category);
  for (const b of p.brands) sp.append("brand", b);
  if (p.minPrice !== undefined) sp.set("minPrice", String(p.minPrice));
  if (p.maxPrice !== undefined) sp.set("maxPrice", String(p.maxPrice));
  if (p.inStock) sp.set("inStock", "1");
  if (p.sort) sp.set("sort", p.sort);
  if (p.cursor) sp.set("cursor", p.cursor);
  const qs = sp.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** True when anything narrows the list besides the text query (and a fixed category). */
export function hasFilters(p: CatalogParams): boolean {
  return activeFilters(p) > 0;
}

/** How many filters narrow the list (each brand counts once; a price range's bounds count apart). */
export function activeFilters(p: CatalogParams): number {
  return p.brands.length + Number(p.minPrice !== undefined) + Number(p.maxPrice !== undefined) + Number(p.inStock) + Number(Boolean(p.category));
}
