import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { VariantLive } from "@/shared/events";
import { applyLiveEventToCache, applyRatingLive, applyVariantLive, newerOf, writeLiveEvent } from "./apply-live-event";

const event = (over: Partial<VariantLive> = {}): VariantLive => ({
  productId: "p1",
  variantId: "v1",
  storeId: "s1",
  stock: 2,
  lowStockThreshold: 5,
  priceMinor: 1500,
  currency: "USD",
  version: 10,
  ...over,
});

const product = () => ({
  id: "p1",
  createdAt: new Date("2026-01-01"),
  variants: [
    { id: "v1", stock: 9, priceMinor: 1000, currency: "USD", lowStockThreshold: 5, version: 9, sku: "A" },
    { id: "v2", stock: 4, priceMinor: 1200, currency: "USD", lowStockThreshold: 5, version: 3, sku: "B" },
  ],
});

describe("applyVariantLive", () => {
  it("patches the variant wherever it appears and keeps everything else as it was", () => {
    const before = { pages: [{ items: [product()], nextCursor: null }], pageParams: [null] };
    const after = applyVariantLive(before, event());
    expect(after).not.toBe(before);
    expect(after.pages[0]!.items[0]!.variants[0]).toEqual({ id: "v1", stock: 2, priceMinor: 1500, currency: "USD", lowStockThreshold: 5, version: 10, sku: "A" });
    expect(after.pages[0]!.items[0]!.variants[1]).toBe(before.pages[0]!.items[0]!.variants[1]);
    expect(after.pages[0]!.items[0]!.createdAt).toBe(before.pages[0]!.items[0]!.createdAt);
  });

  it("ignores an event that is not newer than the cache (late, duplicate or replayed)", () => {
    const before = product();
    expect(applyVariantLive(before, event({ version: 9, stock: 0 }))).toBe(before);
    expect(applyVariantLive(before, event({ version: 3, stock: 0 }))).toBe(before);
    const once = applyVariantLive(before, event());
    expect(applyVariantLive(once, event())).toBe(once);
  });

  it("re-derives a cart line's problems and the cart's totals", () => {
    const cart = {
      lines: [
        { variantId: "v1", productId: "p1", quantity: 3, stock: 9, priceMinor: 1000, priceMinorAdded: 1000, currency: "USD", lowStockThreshold: 5, version: 9, lineTotalMinor: 3000, problems: [] as string[] },
        { variantId: "v2", productId: "p1", quantity: 1, stock: 4, priceMinor: 1200, priceMinorAdded: 1200, currency: "USD", lowStockThreshold: 5, version: 3, lineTotalMinor: 1200, problems: [] as string[] },
      ],
      itemCount: 4,
      subtotalMinor: 4200,
      currency: "USD",
      notices: [],
      ready: true,
    };
    const after = applyVariantLive(cart, event());
    expect(after.lines[0]).toMatchObject({ stock: 2, priceMinor: 1500, lineTotalMinor: 4500, problems: ["insufficient-stock", "price-changed"] });
    expect(after.subtotalMinor).toBe(5700);
    expect(after.ready).toBe(false);
    // The last unit goes: the line is sold out and leaves the subtotal (it stays in the count).
    const soldOut = applyVariantLive(after, event({ version: 11, stock: 0 }));
    expect(soldOut.lines[0]).toMatchObject({ stock: 0, problems: ["sold-out", "price-changed"] });
    expect(soldOut.subtotalMinor).toBe(1200);
    expect(soldOut).toMatchObject({ countedItemCount: 1, itemCount: 4, ready: false });
  });

  it("writes into every cached query that shows the variant, and only those", () => {
    const qc = new QueryClient();
    qc.setQueryData([["catalog", "bySlug"], { input: { slug: "x" }, type: "query" }], product());
    qc.setQueryData([["catalog", "list"], { input: {}, type: "infinite" }], { pages: [{ items: [product()] }], pageParams: [null] });
    const unrelated = { id: "v1", version: 1, stock: 5 };
    qc.setQueryData([["orders", "byId"], { input: {}, type: "query" }], unrelated);
    expect(applyLiveEventToCache(qc, event())).toBe(2);
    expect(qc.getQueryData<ReturnType<typeof product>>([["catalog", "bySlug"], { input: { slug: "x" }, type: "query" }])!.variants[0]!.stock).toBe(2);
    expect(qc.getQueryData([["orders", "byId"], { input: {}, type: "query" }])).toBe(unrelated);
  });

  it("takes a mutation's answer over the cache, except variants an event made newer", () => {
    const cached = { ...product(), title: "Loaded title" };
    cached.variants[0] = { ...cached.variants[0]!, stock: 1, version: 12 }; // an event after the save's commit
    const answer = { ...product(), title: "Saved title" };
    const merged = newerOf(cached, answer);
    expect(merged.title).toBe("Saved title");
    expect(merged.variants[0]).toMatchObject({ stock: 1, version: 12 });
    expect(merged.variants[1]).toBe(answer.variants[1]);
    expect(newerOf(undefined, answer)).toBe(answer);
  });
});

describe("rating.changed", () => {
  const rating = { productId: "p1", storeId: "s1", count: 3, sum: 12, counts: [0, 0, 1, 1, 1], version: 4 };
  const detail = () => ({ id: "p1", ratingCount: 2, ratingSum: 8, ratingCounts: [0, 0, 0, 2, 0], ratingVersion: 3, variants: [] });
  const card = () => ({ id: "p1", ratingCount: 2, ratingSum: 8, ratingVersion: 3, variants: [] });

  it("patches the product page and every card of the product when newer, and refetches its reviews", () => {
    const qc = new QueryClient();
    qc.setQueryData([["catalog", "bySlug"], { input: { slug: "x" }, type: "query" }], detail());
    qc.setQueryData([["catalog", "search"], { input: {}, type: "infinite" }], { pages: [{ items: [card(), { ...card(), id: "p2" }] }], pageParams: [null] });
    qc.setQueryData([["reviews", "forProduct"], { input: { productId: "p1" }, type: "infinite" }], { pages: [{ items: [] }], pageParams: [null] });
    writeLiveEvent(qc, { type: "rating.changed", payload: rating });
    expect(qc.getQueryData([["catalog", "bySlug"], { input: { slug: "x" }, type: "query" }])).toMatchObject({ ratingCount: 3, ratingSum: 12, ratingCounts: [0, 0, 1, 1, 1], ratingVersion: 4 });
    const search = qc.getQueryData<{ pages: { items: ReturnType<typeof card>[] }[] }>([["catalog", "search"], { input: {}, type: "infinite" }])!;
    expect(search.pages[0]!.items[0]).toEqual({ id: "p1", ratingCount: 3, ratingSum: 12, ratingVersion: 4, variants: [] });
    expect(search.pages[0]!.items[1]).toEqual({ ...card(), id: "p2" });
    expect(qc.getQueryState([["reviews", "forProduct"], { input: { productId: "p1" }, type: "infinite" }])!.isInvalidated).toBe(true);
  });

  it("ignores an event not newer than what the cache holds", () => {
    const before = detail();
    expect(applyRatingLive(before, { ...rating, version: 3 })).toBe(before);
  });
});
