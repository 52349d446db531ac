// URL state of the search and category pages, shared by server and client components (no
// server imports here). Parsing and validating the raw URL happens in `search-params.ts`.

export const FEATURED_LIMIT = 8;
export const SEARCH_PAGE_SIZE = 24;

export type CatalogSort = "relevance" | "price_asc" | "price_desc" | "newest";

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
  return p.brands.length > 0 || p.minPrice !== undefined || p.maxPrice !== undefined || p.inStock || Boolean(p.category);
}
