// The catalogue cache on both backends (decisions.md 124-128): a hit asks the database nothing,
// every kind of committed write is seen by the next read, a read that raced a commit is not
// kept, and under concurrent price changes no read that began after a writer returned shows an
// older price. Writes go through the real writers (variant-change.ts, the product editor,
// orders), so what is tested is the invalidation the app relies on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { countingDb, deferred } from "@/test/db-helpers";
import { errorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { metrics } from "@/server/observability/metrics";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { updateVariantPrice } from "@/server/services/inventory/update-price";
import { changePrice } from "@/server/services/inventory/variant-change";
import { checkout } from "@/server/services/orders/checkout";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { getEditorProduct } from "@/server/services/product-editor/get-product";
import { createProduct, setProductStatus, updateProduct } from "@/server/services/product-editor/save-product";
import { setReviewHidden } from "@/server/services/reviews/write-reviews";
import { CatalogCache, setCatalogCacheFor } from "./catalog-cache";
import { eventTags, IN_STOCK_TAG, PRICE_TAG, PRODUCTS_TAG, productTag, RATING_TAG, SALES_TAG, STOCK_TAG, variantChangeTags } from "./catalog-tags";
import { getProductBySlug } from "./get-product";
import { listCategories, listProducts } from "./list-products";
import { searchProducts } from "./search-products";
import { listFeaturedProducts } from "./featured-products";
import type { CatalogInvalidationBus } from "./invalidation-bus";



const lookups = async (read: string, result: string) => (await metrics.catalogCacheLookups.get()).values.find((v) => v.labels.read === read && v.labels.result === result)?.value ?? 0;

describe("tags", () => {
  it("a variant change touches its product; price lists when the price moved; stock lists when stock moved, in-stock lists when it crossed zero", () => {
    const base = { productId: "p1", stock: 5, delta: 0, priceMinor: 100, previousPriceMinor: 100 };
    expect(variantChangeTags(base)).toEqual([productTag("p1")]);
    expect(variantChangeTags({ ...base, priceMinor: 120 })).toEqual([productTag("p1"), PRICE_TAG]);
    expect(variantChangeTags({ ...base, delta: -2 })).toEqual([productTag("p1"), STOCK_TAG]);
    expect(variantChangeTags({ ...base, stock: 0, delta: -5 })).toEqual([productTag("p1"), STOCK_TAG, IN_STOCK_TAG]);
    expect(variantChangeTags({ ...base, stock: 3, delta: 3 })).toEqual([productTag("p1"), STOCK_TAG, IN_STOCK_TAG]);
  });

  it("every outbox event has its tags", () => {
    const live = { productId: "p1", variantId: "v1", storeId: "s1", stock: 0, lowStockThreshold: 1, priceMinor: 100, currency: "USD", version: 2 };
    expect(eventTags("stock.changed", { ...live, delta: -1, reason: "ORDER" })).toEqual([productTag("p1"), STOCK_TAG, IN_STOCK_TAG]);
    expect(eventTags("price.changed", { ...live, previousPriceMinor: 90 })).toEqual([productTag("p1"), PRICE_TAG]);
    const at = new Date().toISOString();
    expect(eventTags("product.updated", { productId: "p1", storeId: "s1", slug: "x", title: "X", status: "ACTIVE", version: 3, change: "status", at })).toEqual([productTag("p1"), PRODUCTS_TAG]);
    expect(eventTags("order.placed", { orderId: "o", orderUid: "u", userId: null, totalMinor: 1, currency: "USD", placedAt: at, stores: [] })).toEqual([SALES_TAG]);
    expect(eventTags("session.revoked", { userId: "u", sessionIds: [], all: true })).toEqual([]);
  });
});

describe("the cache itself", () => {
  const down: CatalogInvalidationBus = { kind: "down", publish: () => Promise.resolve(), subscribe: () => () => undefined, sync: () => false, healthy: () => false, close: () => Promise.resolve() };

  it("serves nothing from memory, and keeps nothing, while its bus cannot vouch for the feed", async () => {
    const cache = new CatalogCache({ bus: down, joinProcess: false, maxEntries: 10 });
    let loads = 0;
    const read = () => cache.read("categories", "k", () => Promise.resolve({ n: ++loads }), () => ["categories"]);
    expect(await read()).toEqual({ n: 1 });
    expect(await read()).toEqual({ n: 2 });
    expect(cache.size).toBe(0);
  });

  it("peek (the fast lane's question) gives a stored answer only while it is valid and the bus vouches for its feed", async () => {
    let healthy = true;
    const flaky: CatalogInvalidationBus = { ...down, sync: () => healthy, healthy: () => healthy };
    const cache = new CatalogCache({ bus: flaky, joinProcess: false, maxEntries: 10 });
    expect(await cache.peek("bySlug", "a")).toBeUndefined();
    const a = await cache.read("bySlug", "a", () => Promise.resolve({ price: 1 }), () => ["product:a"]);
    expect(await cache.peek("bySlug", "a")).toEqual({ value: a });
    healthy = false;
    expect(await cache.peek("bySlug", "a")).toBeUndefined();
    healthy = true;
    cache.invalidate(["product:a"]);
    expect(await cache.peek("bySlug", "a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("stores frozen answers; forgets every tag's sequence past maxTags (a flush, never a stale answer)", async () => {
    const cache = new CatalogCache({ joinProcess: false, maxEntries: 10, maxTags: 3 });
    let loads = 0;
    const read = (key: string, tag: string) => cache.read("bySlug", key, () => Promise.resolve({ n: ++loads, list: [1] }), () => [tag]);
    const a = await read("a", "product:a");
    expect(Object.isFrozen(a) && Object.isFrozen(a.list)).toBe(true);
    expect(await read("a", "product:a")).toBe(a);
    cache.invalidate(["product:x", "product:y"]);
    expect(await read("a", "product:a")).toBe(a);
    cache.invalidate(["product:z", "product:w"]); // past 3 tags: all forgotten at once
    expect((await read("a", "product:a")).n).toBe(2);
    expect((await read("a", "product:a")).n).toBe(2);
    cache.invalidate(["*"]);
    expect((await read("a", "product:a")).n).toBe(3);
    cache.close();
  });

  it("keeps answers within its byte budget, least recently used out first", async () => {
    const cache = new CatalogCache({ joinProcess: false, maxEntries: 100, maxBytes: 3 * 2 * 1000 });
    let loads = 0;
    const big = (key: string) => cache.read("list", key, () => Promise.resolve({ pad: "x".repeat(990), n: ++loads }), () => ["products"]);
    await big("a");
    await big("b");
    expect(cache.size).toBe(1); // two ~1,000-byte answers (×3) do not fit in 6,000 bytes
    await big("b");
    expect(loads).toBe(2);
    cache.close();
  });

  it("is off with maxEntries 0", async () => {
    const cache = new CatalogCache({ joinProcess: false, maxEntries: 0 });
    let loads = 0;
    await cache.read("list", "k", () => Promise.resolve(++loads), () => []);
    await cache.read("list", "k", () => Promise.resolve(++loads), () => []);
    expect(loads).toBe(2);
  });
});

describe.each(backends())("catalogue cache on %s", (backend) => {
  let t: TestDb;
  let counted: ReturnType<typeof countingDb>;
  let anon: ReturnType<typeof createCaller>;
  let seller: { userId: string; storeId: string };
  let customerId: string;
  let categoryId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await openTestDb(backend);
    counted = countingDb(t.db);
    anon = createCaller(createContextInner({ db: counted.db }));
    const u = await t.db.user.findUniqueOrThrow({ where: { email: "seller1@livemarket.test" }, select: { id: true, store: { select: { id: true } } } });
    seller = { userId: u.id, storeId: u.store!.id };
    customerId = (await t.db.user.findUniqueOrThrow({ where: { email: "customer@livemarket.test" }, select: { id: true } })).id;
    categoryId = (await t.db.category.findFirstOrThrow({ where: { parentId: { not: null } }, select: { id: true } })).id;
  });
  afterAll(async () => {
    setCatalogCacheFor(counted.db, null);
    await t?.close();
  });
  beforeEach(() => {
    // Each test starts with a fresh, empty cache of the default kind.
    setCatalogCacheFor(counted.db, new CatalogCache({ maxEntries: 1000 }));
  });

  /** A fresh active product of seller1's store, with two variants in stock. */
  async function newProduct(status: "ACTIVE" | "DRAFT" = "ACTIVE") {
    const tag = `${backend}-cache-${++seq}`;
    return inTransaction(t.db, (tx) =>
      createProduct(tx, seller, {
        title: `Cachewood Stool ${tag}`,
        slug: `cachewood-stool-${tag}`,
        description: "A three-legged stool.",
        brand: "Cachewood",
        categoryId,
        images: ["/images/placeholder.svg"],
        status,
        variants: [
          { sku: `CW-${tag}-A`, title: "Oak", options: [{ name: "wood", value: "oak" }], priceMinor: 5000, lowStockThreshold: 1, initialStock: 10 },
          { sku: `CW-${tag}-B`, title: "Ash", options: [{ name: "wood", value: "ash" }], priceMinor: 5500, lowStockThreshold: 1, initialStock: 4 },
        ],
      }),
    );
  }

  /** Runs `read` twice: the first answer comes from the database, the second from memory. */
  async function missThenHit<T>(read: () => Promise<T>): Promise<T> {
    const before = counted.queries();
    const first = await read();
    expect(counted.queries()).toBeGreaterThan(before);
    const between = counted.queries();
    const second = await read();
    expect(counted.queries()).toBe(between);
    expect(second).toEqual(first);
    return first;
  }

  it("answers every read from memory the second time, with what the service answers", async () => {
    const p = await newProduct();
    const hitsBefore = await lookups("bySlug", "hit");
    const bySlug = await missThenHit(() => anon.catalog.bySlug({ slug: p.slug }));
    expect(await lookups("bySlug", "hit")).toBe(hitsBefore + 1);
    expect(bySlug).toEqual(await getProductBySlug(t.db, { slug: p.slug }));
    expect(await missThenHit(() => anon.catalog.list({ limit: 12 }))).toEqual(await listProducts(t.db, { limit: 12 }));
    expect(await missThenHit(() => anon.catalog.search({ q: "stool", limit: 5 }))).toEqual(await searchProducts(t.db, { q: "stool", limit: 5 }));
    expect(await missThenHit(() => anon.catalog.featured({ limit: 4 }))).toEqual(await listFeaturedProducts(t.db, { limit: 4 }));
    expect(await missThenHit(() => anon.catalog.categories())).toEqual(await listCategories(t.db));
    // The same input written differently is the same entry (keys are the validated input).
    const before = counted.queries();
    await anon.catalog.bySlug({ slug: `  ${p.slug} ` });
    await anon.catalog.list({ limit: 12, cursor: null });
    expect(counted.queries()).toBe(before);
  });

  it("a seller's price change is in the next read of the product page, the list and price-sorted search", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    await missThenHit(() => anon.catalog.bySlug({ slug: p.slug }));
    await missThenHit(() => anon.catalog.list({ limit: 60 }));
    const cheapest = () => anon.catalog.search({ q: p.title, sort: "price_asc", limit: 1 });
    await missThenHit(cheapest);

    await inTransaction(t.db, (tx) => updateVariantPrice(tx, seller, { variantId: v.id, priceMinor: 6100, expectedVersion: p.version }));
    const page = await anon.catalog.bySlug({ slug: p.slug });
    expect(page.variants.find((x) => x.id === v.id)!.priceMinor).toBe(6100);
    const card = (await anon.catalog.list({ limit: 60 })).items.find((x) => x.id === p.id)!;
    expect(card.variants.find((x) => x.id === v.id)!.priceMinor).toBe(6100);
    // Oak is now dearer than Ash: still this product, its variants show the new price.
    expect((await cheapest()).items[0]!.variants.find((x) => x.id === v.id)!.priceMinor).toBe(6100);
  });

  it("a review hidden (or shown again) is in the next read of the product page, its card and the rating-sorted search", async () => {
    // The seed writes reviews on delivered demo orders.
    const review = await t.db.review.findFirstOrThrow({ where: { hiddenAt: null, product: { status: "ACTIVE", deletedAt: null } }, select: { id: true, product: { select: { id: true, slug: true, title: true, ratingCount: true } } } });
    const p = review.product;
    const admin = await t.db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true } });
    await missThenHit(() => anon.catalog.bySlug({ slug: p.slug }));
    const byRating = () => anon.catalog.search({ q: p.title, sort: "rating", limit: 5 });
    await missThenHit(byRating);
    await inTransaction(t.db, (tx) => setReviewHidden(tx, admin.id, { reviewId: review.id, hidden: true, reason: "cache test" }));
    expect((await anon.catalog.bySlug({ slug: p.slug })).ratingCount).toBe(p.ratingCount - 1);
    expect((await byRating()).items.find((x) => x.id === p.id)!.ratingCount).toBe(p.ratingCount - 1);
    await inTransaction(t.db, (tx) => setReviewHidden(tx, admin.id, { reviewId: review.id, hidden: false, reason: "cache test" }));
    expect((await anon.catalog.bySlug({ slug: p.slug })).ratingCount).toBe(p.ratingCount);
    expect(eventTags("rating.changed", { productId: p.id, storeId: "s", count: 1, sum: 5, counts: [0, 0, 0, 0, 1], version: 2 })).toEqual([productTag(p.id), RATING_TAG]);
  });

  it("a price change of one product drops the price-ordered searches that do not show it, and nothing unrelated", async () => {
    const p = await newProduct();
    const other = await newProduct();
    const byPrice = () => anon.catalog.search({ q: other.title, sort: "price_desc", limit: 5 });
    const byNewest = () => anon.catalog.search({ q: other.title, limit: 5 });
    await missThenHit(byPrice);
    await missThenHit(byNewest);
    await missThenHit(() => anon.catalog.bySlug({ slug: other.slug }));
    await inTransaction(t.db, (tx) => changePrice(tx, { variantId: p.variants[0]!.id, priceMinor: 4900 }, { actorId: null }));
    let before = counted.queries();
    await byPrice();
    expect(counted.queries()).toBeGreaterThan(before); // may now hold p: read again
    before = counted.queries();
    await byNewest();
    await anon.catalog.bySlug({ slug: other.slug });
    expect(counted.queries()).toBe(before); // neither shows p nor depends on prices
  });

  it("stock changes (a seller's adjustment, an order) are in the next read", async () => {
    const p = await newProduct();
    const v = p.variants[1]!;
    const stockOf = async () => (await anon.catalog.bySlug({ slug: p.slug })).variants.find((x) => x.id === v.id)!.stock;
    const inStockOnly = () => anon.catalog.search({ q: p.title, inStock: true });
    expect(await missThenHit(stockOf)).toBe(4);
    expect((await missThenHit(inStockOnly)).items.map((x) => x.id)).toContain(p.id);

    await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: v.id, delta: 3, reason: "RESTOCK" }));
    expect(await stockOf()).toBe(7);

    await checkout(t.db, customerId, {
      idempotencyKey: `cache-test-${backend}-${++seq}`,
      lines: [{ variantId: v.id, quantity: 2 }],
      delivery: { name: "Test Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "buyer@example.com" },
      payment: { method: "card", cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" },
    });
    expect(await stockOf()).toBe(5);

    // Sold out everywhere: the in-stock search no longer lists it.
    await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: v.id, delta: -5, reason: "CORRECTION" }));
    await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: p.variants[0]!.id, delta: -10, reason: "CORRECTION" }));
    expect((await inStockOnly()).items.map((x) => x.id)).not.toContain(p.id);
  });

  it("a product edit (title, variants) is in the next read of its page, the list and search", async () => {
    const p = await newProduct();
    await missThenHit(() => anon.catalog.bySlug({ slug: p.slug }));
    await missThenHit(() => anon.catalog.list({ limit: 60 }));
    const found = () => anon.catalog.search({ q: "Zanzibarine" });
    expect((await missThenHit(found)).items).toEqual([]);

    const editor = await getEditorProduct(t.db, seller.storeId, p.id);
    const saved = await inTransaction(t.db, (tx) =>
      updateProduct(tx, seller, {
        id: p.id,
        expectedVersion: editor.version,
        title: `Zanzibarine ${p.title}`,
        slug: p.slug,
        description: p.description,
        brand: p.brand,
        categoryId: p.categoryId,
        images: p.images,
        status: "ACTIVE",
        // The second variant goes, a third comes.
        variants: [
          ...editor.variants.slice(0, 1).map((v) => ({ id: v.id, sku: v.sku, title: v.title, options: v.options, priceMinor: v.priceMinor, lowStockThreshold: v.lowStockThreshold })),
          { sku: `${editor.variants[0]!.sku}-C`, title: "Walnut", options: [{ name: "wood", value: "walnut" }], priceMinor: 7000, lowStockThreshold: 1, initialStock: 0 },
        ],
      }),
    );
    const page = await anon.catalog.bySlug({ slug: p.slug });
    expect(page.title).toBe(saved.title);
    expect(page.variants.map((v) => v.title)).toEqual(["Oak", "Walnut"]);
    expect((await anon.catalog.list({ limit: 60 })).items.find((x) => x.id === p.id)!.title).toBe(saved.title);
    expect((await found()).items.map((x) => x.id)).toEqual([p.id]);
  });

  it("unpublishing takes a product off its page and the list at once; publishing a new one adds it", async () => {
    const p = await newProduct();
    await missThenHit(() => anon.catalog.bySlug({ slug: p.slug }));
    expect((await missThenHit(() => anon.catalog.list({ limit: 60 }))).items.map((x) => x.id)).toContain(p.id);
    await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, status: "DRAFT", expectedVersion: p.version }));
    expect((await errorOf(anon.catalog.bySlug({ slug: p.slug }))).code).toBe("NOT_FOUND");
    expect((await anon.catalog.list({ limit: 60 })).items.map((x) => x.id)).not.toContain(p.id);

    const draft = await newProduct("DRAFT");
    await missThenHit(() => anon.catalog.list({ limit: 60 }));
    await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: draft.id, status: "ACTIVE", expectedVersion: draft.version }));
    expect((await anon.catalog.list({ limit: 60 })).items[0]!.id).toBe(draft.id);
    expect((await anon.catalog.bySlug({ slug: draft.slug })).id).toBe(draft.id);
  });

  it("a read that began before a commit and ends after it is served but not kept", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    const gate = deferred();
    const loaded = deferred();
    let hold = true;
    setCatalogCacheFor(
      counted.db,
      new CatalogCache({
        maxEntries: 1000,
        beforeStore: async () => {
          if (!hold) return;
          loaded.resolve();
          await gate.promise;
        },
      }),
    );
    // The read has its answer (the old price) and is held just before storing it...
    const racing = anon.catalog.bySlug({ slug: p.slug });
    await loaded.promise;
    // ...while a price change commits.
    await inTransaction(t.db, (tx) => changePrice(tx, { variantId: v.id, priceMinor: 5100 }, { actorId: null }));
    hold = false;
    gate.resolve();
    expect((await racing).variants[0]!.priceMinor).toBe(5000); // it began before the change
    const discarded = (await metrics.catalogCacheDiscarded.get()).values.find((x) => x.labels.read === "bySlug")?.value ?? 0;
    expect(discarded).toBeGreaterThan(0);
    // Not kept: the next read goes to the database and sees the change.
    const before = counted.queries();
    expect((await anon.catalog.bySlug({ slug: p.slug })).variants[0]!.priceMinor).toBe(5100);
    expect(counted.queries()).toBeGreaterThan(before);
    // That read had no change under it: it was kept.
    const after = counted.queries();
    await anon.catalog.bySlug({ slug: p.slug });
    expect(counted.queries()).toBe(after);
  });

  it("a write that rolls back invalidates nothing", async () => {
    const p = await newProduct();
    await missThenHit(() => anon.catalog.bySlug({ slug: p.slug }));
    await expect(
      inTransaction(t.db, async (tx) => {
        await changePrice(tx, { variantId: p.variants[0]!.id, priceMinor: 1 }, { actorId: null });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const before = counted.queries();
    expect((await anon.catalog.bySlug({ slug: p.slug })).variants[0]!.priceMinor).toBe(5000);
    expect(counted.queries()).toBe(before);
  });

  it("under concurrent price changes, every read that began after a change returned shows it or a newer one", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    const WRITES = 30;
    const READERS = 4;
    const base = (await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { version: true } })).version;
    let committed = base; // the newest variant version whose writer has returned
    let writing = true;
    let reads = 0;
    let hits = 0;
    let stale = 0;
    // The writer goes on once some read that began after its last change has finished, so
    // reads and writes interleave on either backend (PGlite has one connection).
    let readAfterWrite = deferred();
    const writer = (async () => {
      try {
        for (let i = 1; i <= WRITES; i++) {
          const row = await inTransaction(t.db, (tx) => changePrice(tx, { variantId: v.id, priceMinor: 5000 + i }, { actorId: null }));
          committed = Math.max(committed, row!.version);
          await readAfterWrite.promise;
          readAfterWrite = deferred();
        }
      } finally {
        writing = false;
      }
    })();
    const reader = async () => {
      while (writing) {
        // A hit settles without I/O: let the writer's queries run between reads.
        await new Promise(setImmediate);
        const floor = committed;
        const before = counted.queries();
        const seen = (await anon.catalog.bySlug({ slug: p.slug })).variants.find((x) => x.id === v.id)!;
        reads++;
        if (counted.queries() === before) hits++;
        if (seen.version < floor) stale++;
        // Price and version travel together: the price is the one written at that version.
        expect(seen.priceMinor).toBe(5000 + seen.version - base);
        if (floor === committed) readAfterWrite.resolve();
      }
    };
    await Promise.all([writer, ...Array.from({ length: READERS }, reader)]);
    expect(reads).toBeGreaterThanOrEqual(WRITES);
    expect(hits).toBeGreaterThan(0);
    expect(stale).toBe(0);
    const last = (await anon.catalog.bySlug({ slug: p.slug })).variants.find((x) => x.id === v.id)!;
    expect(last.priceMinor).toBe(5000 + WRITES);
  });
});
