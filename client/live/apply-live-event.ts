// The one writer of live state into React Query's cache, for events from the sidecar and for the
// results of the page's own mutations alike:
//  - a variant's live state (stock.changed, price.changed, a stock or price edit's result) patches
//    every cached query that shows the variant (product page, lists, search results, cart, seller
//    tables) with setQueryData, only where its version is newer than what the cache holds;
//  - an order's status change refetches the cached order views that show an older step;
//  - a new order refetches the seller's views.
// Pure data functions plus cache walks; no copies of query data anywhere else.
import type { QueryClient } from "@tanstack/react-query";
import { cartLineProblems, cartTotals, type CartLineProblem } from "@/shared/cart";
import type { LiveEvent, OrderStatusChanged, RatingChanged, VariantLive } from "@/shared/events";

/** tRPC procedure paths whose data may hold variants (first element of a tRPC query key). */
const LIVE_ROOTS = new Set(["catalog", "cart", "seller"]);
const MAX_DEPTH = 8;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The same variant with the event's live fields, or null when the event is not newer. */
function patchVariant(v: Plain, e: VariantLive): Plain | null {
  if (typeof v.version !== "number" || e.version <= v.version) return null;
  const next: Plain = { ...v, version: e.version };
  if ("stock" in v) next.stock = e.stock;
  if ("priceMinor" in v) next.priceMinor = e.priceMinor;
  // The was price travels with the price (events from before it existed leave it alone).
  if ("compareAtMinor" in v && e.compareAtMinor !== undefined) next.compareAtMinor = e.compareAtMinor;
  if ("currency" in v) next.currency = e.currency;
  if ("lowStockThreshold" in v) next.lowStockThreshold = e.lowStockThreshold;
  return next;
}

/** A cart line (get-cart.ts shape) after the event, with its problems re-derived. */
function patchCartLine(line: Plain, e: VariantLive): Plain | null {
  if (typeof line.version !== "number" || e.version <= line.version) return null;
  const problems = Array.isArray(line.problems) ? (line.problems as CartLineProblem[]) : [];
  const available = !problems.includes("unavailable");
  const quantity = typeof line.quantity === "number" ? line.quantity : 0;
  const stock = available ? e.stock : 0;
  const priceMinorAdded = typeof line.priceMinorAdded === "number" ? line.priceMinorAdded : e.priceMinor;
  const nextProblems = cartLineProblems({ available, stock, quantity, priceMinor: e.priceMinor, priceMinorAdded });
  return {
    ...line,
    stock,
    priceMinor: e.priceMinor,
    ...(e.compareAtMinor !== undefined ? { compareAtMinor: e.compareAtMinor !== null && e.compareAtMinor > e.priceMinor ? e.compareAtMinor : null } : {}),
    currency: e.currency,
    lowStockThreshold: e.lowStockThreshold,
    version: e.version,
    lineTotalMinor: e.priceMinor * quantity,
    problems: nextProblems,
  };
}

function patchCart(cart: Plain, e: VariantLive): Plain | null {
  const lines = cart.lines as Plain[];
  let changed = false;
  const next = lines.map((l) => {
    if (l.variantId !== e.variantId) return l;
    const p = patchCartLine(l, e);
    if (!p) return l;
    changed = true;
    return p;
  });
  if (!changed) return null;
  const totals = cartTotals(next as unknown as Parameters<typeof cartTotals>[0]);
  return { ...cart, lines: next, subtotalMinor: totals.subtotalMinor, countedItemCount: totals.countedItemCount, ready: totals.ready };
}

/**
 * `data` with the event applied wherever the variant appears, or the very same object when
 * nothing changed (so React Query and React see no change).
 */
export function applyVariantLive<T>(data: T, e: VariantLive, depth = 0): T {
  if (depth > MAX_DEPTH) return data;
  if (Array.isArray(data)) {
    let changed = false;
    const next = data.map((item) => {
      const p = applyVariantLive(item, e, depth + 1);
      if (p !== item) changed = true;
      return p;
    });
    return (changed ? next : data) as T;
  }
  if (!isPlain(data)) return data;
  if (Array.isArray(data.lines) && "subtotalMinor" in data) return (patchCart(data, e) ?? data) as T;
  if (data.id === e.variantId) return (patchVariant(data, e) ?? data) as T;
  let out: Plain | null = null;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== "object" || v === null) continue;
    const p = applyVariantLive(v, e, depth + 1);
    if (p !== v) {
      out ??= { ...data };
      out[k] = p;
    }
  }
  return (out ?? data) as T;
}

/**
 * A mutation's answer (for instance the product a save returns) as the new cache entry, except
 * for any variant the cache already holds at a newer version (a live event got there first):
 * the answer describes the moment of its commit, the event what happened after.
 */
export function newerOf<T>(cached: T | undefined, answer: T): T {
  if (cached === undefined) return answer;
  let result = answer;
  const seen: Plain[] = [];
  const collect = (data: unknown, depth = 0): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(data)) return data.forEach((d) => collect(d, depth + 1));
    if (!isPlain(data)) return;
    if (typeof data.id === "string" && typeof data.version === "number" && "stock" in data) seen.push(data);
    for (const v of Object.values(data)) if (typeof v === "object" && v !== null) collect(v, depth + 1);
  };
  collect(cached);
  for (const v of seen) {
    result = applyVariantLive(result, {
      variantId: v.id as string,
      version: v.version as number,
      stock: v.stock as number,
      priceMinor: v.priceMinor as number,
      currency: v.currency as string,
      lowStockThreshold: v.lowStockThreshold as number,
      productId: "",
      storeId: "",
    });
  }
  return result;
}

/** Applies the event to every cached query that may show the variant. Returns how many changed. */
export function applyLiveEventToCache(queryClient: QueryClient, e: VariantLive): number {
  let changed = 0;
  for (const query of queryClient.getQueryCache().getAll()) {
    const path = query.queryKey[0];
    if (!Array.isArray(path) || !LIVE_ROOTS.has(String(path[0]))) continue;
    const data = query.state.data;
    if (data === undefined) continue;
    const next = applyVariantLive(data, e);
    if (next !== data) {
      queryClient.setQueryData(query.queryKey, next);
      changed += 1;
    }
  }
  return changed;
}

type Query = ReturnType<ReturnType<QueryClient["getQueryCache"]>["getAll"]>[number];
const pathOf = (q: Query): string[] => (Array.isArray(q.queryKey[0]) ? (q.queryKey[0] as string[]) : []);
const inputOf = (q: Query): Plain => {
  const meta = q.queryKey[1];
  return isPlain(meta) && isPlain(meta.input) ? meta.input : {};
};

/** True when a cached order view shows an older state of the order than the event. */
function showsOlderStep(data: unknown, e: OrderStatusChanged): boolean {
  if (!isPlain(data)) return false;
  // The customer's order (parts) and the seller's (its own part).
  const parts = Array.isArray(data.parts) ? (data.parts as Plain[]) : isPlain(data.part) ? [{ ...data.part, storeId: e.storeId }] : [];
  const part = parts.find((p) => p.storeId === e.storeId);
  if (part && typeof part.version === "number") return part.version < e.version;
  return data.status !== e.orderStatus;
}

/** An order moved: refetch the cached views of it that show an older step, and the lists. */
export function applyOrderStatusToCache(queryClient: QueryClient, e: OrderStatusChanged): number {
  let stale = 0;
  for (const query of queryClient.getQueryCache().getAll()) {
    const [root, name] = pathOf(query);
    const isDetail = (root === "orders" || root === "seller") && (name === "byId" || pathOf(query)[2] === "byId");
    const isList = (root === "orders" && name === "list") || (root === "seller" && (name === "orders" || name === "dashboard"));
    if (isDetail ? inputOf(query).orderId !== e.orderId || !showsOlderStep(query.state.data, e) : !isList) continue;
    void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    stale += 1;
  }
  return stale;
}

/** `data` with the product's rating aggregates replaced wherever the product appears with older
 * ones (a card, the product page), or the very same object when nothing changed. */
export function applyRatingLive<T>(data: T, e: RatingChanged, depth = 0): T {
  if (depth > MAX_DEPTH) return data;
  if (Array.isArray(data)) {
    let changed = false;
    const next = data.map((item) => {
      const p = applyRatingLive(item, e, depth + 1);
      if (p !== item) changed = true;
      return p;
    });
    return (changed ? next : data) as T;
  }
  if (!isPlain(data)) return data;
  if (data.id === e.productId && typeof data.ratingVersion === "number") {
    if (e.version <= data.ratingVersion) return data;
    const next: Plain = { ...data, ratingCount: e.count, ratingSum: e.sum, ratingVersion: e.version };
    if ("ratingCounts" in data) next.ratingCounts = e.counts;
    return next as T;
  }
  let out: Plain | null = null;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== "object" || v === null) continue;
    const p = applyRatingLive(v, e, depth + 1);
    if (p !== v) {
      out ??= { ...data };
      out[k] = p;
    }
  }
  return (out ?? data) as T;
}

/** A product's rating changed: patch the catalogue entries that show it, and refetch its
 * review list (a review was written, edited, hidden or shown again). */
export function applyRatingToCache(queryClient: QueryClient, e: RatingChanged): number {
  let changed = 0;
  for (const query of queryClient.getQueryCache().getAll()) {
    const [root, name] = pathOf(query);
    if (root === "reviews" && name === "forProduct" && inputOf(query).productId === e.productId) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    if (root !== "catalog") continue;
    const data = query.state.data;
    if (data === undefined) continue;
    const next = applyRatingLive(data, e);
    if (next !== data) {
      queryClient.setQueryData(query.queryKey, next);
      changed += 1;
    }
  }
  return changed;
}

/** The tRPC roots whose cached answers live events keep current (variants, ratings, orders):
 * what a page must refetch after missing events, and nothing else. */
const LIVE_FED_ROOTS = new Set([...LIVE_ROOTS, "orders", "reviews"]);
export const isLiveFedQuery = (q: Query): boolean => LIVE_FED_ROOTS.has(String(pathOf(q)[0]));

/** After a reconnection that could not be recovered: the queries live events feed are marked
 * stale (those on screen refetch), not every query of the page. */
export function invalidateLiveQueries(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: isLiveFedQuery });
}

/** Any live event from the sidecar. */
export function writeLiveEvent(queryClient: QueryClient, e: LiveEvent): void {
  switch (e.type) {
    case "stock.changed":
    case "price.changed":
      applyLiveEventToCache(queryClient, e.payload);
      return;
    case "order.status_changed":
      applyOrderStatusToCache(queryClient, e.payload);
      return;
    case "order.placed":
      void queryClient.invalidateQueries({ predicate: (q) => pathOf(q)[0] === "seller" });
      return;
    case "rating.changed":
      applyRatingToCache(queryClient, e.payload);
      return;
  }
}
