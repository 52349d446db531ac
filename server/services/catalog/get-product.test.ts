// The product page's data (catalog.bySlug) and the home page's featured row, on both backends.
import { errorOf } from "@/test/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { buildCatalog } from "@/prisma/seed/catalog";
import { getProductBySlug } from "./get-product";
import { listFeaturedProducts } from "./featured-products";
import { invalidateCatalog } from "./catalog-invalidation";
import { ALL_TAG } from "./catalog-tags";


const catalog = buildCatalog();
const active = catalog.products.filter((p) => p.status === "ACTIVE");
/** A seeded product with two option dimensions (size and colour) and a sold-out variant. */
const sample = active.find((p) => p.variants.some((v) => v.stock === 0) && Object.keys(p.variants[0]!.options).length === 2)!;
const draft = catalog.products.find((p) => p.status === "DRAFT")!;
const archived = catalog.products.find((p) => p.status === "ARCHIVED")!;

describe.each(backends())("catalog product page data on %s", (backend) => {
  let t: TestDb;
  let anon: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    t = await openTestDb(backend);
    anon = createCaller(createContextInner({ db: t.db }));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("catalog.bySlug", () => {
    it("returns an active product with its variants in order, store and category with parent", async () => {
      expect(sample).toBeDefined();
      const p = await anon.catalog.bySlug({ slug: sample.slug });
      expect(p).toMatchObject({
        slug: sample.slug,
        title: sample.title,
        brand: sample.brand,
        description: sample.description,
        images: sample.images,
        store: { slug: sample.storeSlug, name: catalog.stores.find((s) => s.slug === sample.storeSlug)!.name },
        category: { slug: sample.categorySlug },
      });
      const parentSlug = catalog.categories.find((c) => c.slug === sample.categorySlug)!.parentSlug;
      expect(p.category.parent?.slug).toBe(parentSlug);
      expect(p.variants.map((v) => v.sku)).toEqual(sample.variants.map((v) => v.sku));
      expect(p.variants.map((v) => v.options)).toEqual(sample.variants.map((v) => v.options));
      expect(p.variants.map((v) => [v.priceMinor, v.stock])).toEqual(sample.variants.map((v) => [v.priceMinor, v.stock]));
      expect(p.variants.some((v) => v.stock === 0)).toBe(true);
    });

    it("sends only the fields the page shows: no cost, status or internal ids", async () => {
      const p = await anon.catalog.bySlug({ slug: sample.slug });
      expect(Object.keys(p).sort()).toEqual(["brand", "category", "createdAt", "description", "id", "images", "ratingCount", "ratingCounts", "ratingSum", "ratingVersion", "slug", "store", "title", "variants"]);
      expect(Object.keys(p.store).sort()).toEqual(["name", "slug"]);
      expect(Object.keys(p.category).sort()).toEqual(["name", "parent", "slug"]);
      expect(Object.keys(p.variants[0]!).sort()).toEqual(["compareAtMinor", "currency", "id", "lowStockThreshold", "options", "priceMinor", "sku", "stock", "title", "version"]);
    });

    it.each([
      ["a draft", () => draft.slug],
      ["an archived", () => archived.slug],
      ["an unknown", () => "no-such-product"],
    ])("answers NOT_FOUND for %s product", async (_what, slug) => {
      const err = await errorOf(anon.catalog.bySlug({ slug: slug() }));
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toBe("This product is no longer available");
    });

    it("answers NOT_FOUND for a soft-deleted product", async () => {
      const victim = active[active.length - 1]!;
      await t.db.product.update({ where: { slug: victim.slug }, data: { deletedAt: new Date() } });
      expect((await errorOf(anon.catalog.bySlug({ slug: victim.slug }))).code).toBe("NOT_FOUND");
      await expect(getProductBySlug(t.db, { slug: victim.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("turns malformed JSON options into an empty or string-only record", async () => {
      const p = await t.db.product.findUniqueOrThrow({ where: { slug: sample.slug }, select: { variants: { select: { id: true }, orderBy: { position: "asc" } } } });
      await t.db.variant.update({ where: { id: p.variants[0]!.id }, data: { options: ["not", "an", "object"] } });
      await t.db.variant.update({ where: { id: p.variants[1]!.id }, data: { options: { size: "M", weight: 2, nested: { a: 1 }, empty: "" } } });
      const res = await getProductBySlug(t.db, { slug: sample.slug });
      expect(res.variants[0]!.options).toEqual({});
      expect(res.variants[1]!.options).toEqual({ size: "M", weight: "2" });
    });

    it.each([[{ slug: "" }], [{ slug: "x".repeat(201) }], [{}], [{ slug: 42 }]])("rejects %j as invalid input", async (input) => {
      expect((await errorOf(anon.catalog.bySlug(input as never))).code).toBe("BAD_REQUEST");
    });
  });

  describe("catalog.featured", () => {
    it("picks in-stock active products, best sellers first, the same way every time", async () => {
      const first = await anon.catalog.featured({ limit: 8 });
      expect(first).toHaveLength(8);
      expect(new Set(first.map((p) => p.id)).size).toBe(8);
      for (const p of first) expect(p.variants.some((v) => v.stock > 0)).toBe(true);
      const hidden = new Set(catalog.products.filter((p) => p.status !== "ACTIVE").map((p) => p.slug));
      for (const p of first) expect(hidden.has(p.slug)).toBe(false);
      expect((await anon.catalog.featured({ limit: 8 })).map((p) => p.id)).toEqual(first.map((p) => p.id));

      // The seed's past orders make some products best sellers: they come first.
      const sold = await t.db.orderItem.groupBy({
        by: ["productId"],
        where: { order: { status: { notIn: ["CANCELLED", "REFUNDED"] } }, product: { status: "ACTIVE", deletedAt: null } },
        _sum: { quantity: true },
      });
      const topSold = Math.max(...sold.map((s) => s._sum.quantity ?? 0));
      expect(topSold).toBeGreaterThan(0);
      const best = sold.filter((s) => s._sum.quantity === topSold).map((s) => s.productId);
      expect(best).toContain(first[0]!.id);

      // A seller cancels their part of those orders: what it held no longer counts as sold.
      const items = await t.db.orderItem.findMany({ where: { productId: first[0]!.id }, select: { orderId: true, storeId: true } });
      for (const i of items) await t.db.shipment.updateMany({ where: { orderId: i.orderId, storeId: i.storeId! }, data: { status: "CANCELLED" } });
      // Written here directly, not by a writer (which would record order.status_changed): tell the catalogue cache.
      await invalidateCatalog([ALL_TAG]);
      expect((await anon.catalog.featured({ limit: 8 }))[0]!.id).not.toBe(first[0]!.id);
    });

    it("fills up with the best-stocked products and defaults to eight", async () => {
      // The seeded shop has sold more than eight products: with every order's parts cancelled (in
      // a transaction rolled back at the end) nothing counts as sold, and the row is all filler.
      const rollback = new Error("rolled back on purpose");
      const done = t.db.$transaction(async (tx) => {
        await tx.shipment.updateMany({ data: { status: "CANCELLED" } });
        const list = await listFeaturedProducts(tx);
        expect(list).toHaveLength(8);
        const stocks = list.map((p) => p.variants.reduce((n, v) => n + v.stock, 0));
        expect(stocks).toEqual([...stocks].sort((x, y) => y - x));
        // ...and they are the best-stocked of all products.
        const all = await tx.product.findMany({ where: { status: "ACTIVE", deletedAt: null }, select: { id: true, variants: { select: { stock: true } } } });
        const best = all.map((p) => p.variants.reduce((n, v) => n + v.stock, 0)).sort((x, y) => y - x);
        expect(stocks[0]).toBe(best[0]);
        throw rollback;
      });
      await expect(done).rejects.toBe(rollback);
    });

    it.each([[{ limit: 0 }], [{ limit: 25 }]])("rejects %j", async (input) => {
      expect((await errorOf(anon.catalog.featured(input))).code).toBe("BAD_REQUEST");
    });
  });
});
