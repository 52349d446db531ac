// Server-side only: turns the raw URL of /search and /categories/[slug] into validated
// CatalogParams and then into the search service's input. Bad values never fail the page:
// each one falls back (`.catch`) to "not set", is clamped, or is dropped.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { decodeSearchCursor, ZSearchProductsInput, type TSearchProductsInput } from "@/server/services/catalog/search-products";
import {
  effectiveSort,
  MAX_BRANDS,
  MAX_FILTER_PRICE_MINOR,
  MAX_QUERY_LENGTH,
  SEARCH_PAGE_SIZE,
  SEARCH_SORTS,
  type CatalogParams,
} from "@/shared/catalog";

export type RawSearchParams = Record<string, string | string[] | undefined>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** The first value, trimmed; empty means absent. */
const text = (v: unknown) => {
  const s = first(v);
  return typeof s === "string" && s.trim() !== "" ? s.trim() : undefined;
};
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const MAX_PRICE_MAJOR = MAX_FILTER_PRICE_MINOR / 100;
const ZPrice = z.preprocess(text, z.coerce.number().finite().min(0).max(10_000_000).optional()).catch(undefined);

export const ZCatalogSearchParams = z.object({
  q: z.preprocess(text, zText().optional()).catch(undefined),
  category: z.preprocess(text, zText().max(100).regex(/^[a-z0-9-]+$/).optional()).catch(undefined),
  brand: z.preprocess(list, z.array(z.unknown())).catch([]),
  minPrice: ZPrice,
  maxPrice: ZPrice,
  inStock: z.preprocess(text, z.enum(["1", "true", "on", "yes"]).optional()).catch(undefined),
  sort: z.preprocess(text, z.enum(SEARCH_SORTS).optional()).catch(undefined),
  cursor: z.preprocess(text, zText().max(200).optional()).catch(undefined),
});

const clampPrice = (n: number | undefined) => (n === undefined ? undefined : Math.min(Math.round(n * 100) / 100, MAX_PRICE_MAJOR));

/** Validated, normalised URL state. `fixedCategory` (category pages) wins over `?category=`. */
export function parseCatalogParams(raw: RawSearchParams, opts: { fixedCategory?: string } = {}): CatalogParams {
  const p = ZCatalogSearchParams.parse(raw);
  const brands = [
    ...new Set(
      p.brand
        .filter((b): b is string => typeof b === "string")
        .map((b) => b.trim())
        .filter((b) => b !== "" && b.length <= 100),
    ),
  ].slice(0, MAX_BRANDS);
  let minPrice = clampPrice(p.minPrice);
  let maxPrice = clampPrice(p.maxPrice);
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) [minPrice, maxPrice] = [maxPrice, minPrice];
  const params: CatalogParams = {
    q: p.q?.slice(0, MAX_QUERY_LENGTH).trim() || undefined,
    category: opts.fixedCategory ?? p.category,
    brands,
    minPrice,
    maxPrice,
    inStock: p.inStock !== undefined,
    sort: p.sort,
  };
  // A cursor is only kept when it belongs to this sort order.
  if (p.cursor && decodeSearchCursor(p.cursor, effectiveSort(params)) !== null) params.cursor = p.cursor;
  return params;
}

/** The service input for a first page (the cursor is passed separately, as the start page). */
export function toSearchInput(p: CatalogParams): Omit<TSearchProductsInput, "cursor"> {
  const input = {
    q: p.q,
    categorySlug: p.category,
    brands: p.brands.length ? p.brands : undefined,
    minPriceMinor: p.minPrice === undefined ? undefined : Math.round(p.minPrice * 100),
    maxPriceMinor: p.maxPrice === undefined ? undefined : Math.round(p.maxPrice * 100),
    inStock: p.inStock || undefined,
    sort: p.sort,
    limit: SEARCH_PAGE_SIZE,
  };
  // Belt and braces: parseCatalogParams already guarantees this input is valid.
  return ZSearchProductsInput.safeParse(input).success ? input : { limit: SEARCH_PAGE_SIZE };
}
