// Full-text search, filters, sorts, keyset pagination and facets, on both backends. Expected
// results for filters and sorts are computed in JS from the seeded rows and compared exactly.
import { errorOf } from "@/test/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { buildCatalog } from "@/prisma/seed/catalog";
import {
  decodeSearchCursor,
  encodeSearchCursor,
  searchProducts,
  type TSearchProductsInput,
} from "./search-products";
import type { SearchSort } from "@/shared/catalog";
import { productCardSelect } from "./list-products";


interface Row {
  id: string;
  title: string;
  brand: string;
  createdAt: Date;
  categorySlugs: string[];
  minPrice: number;
  inStock: boolean;
}

/** JS mirror of the SQL ordering: sort key, then id in byte order ("C" collation). */
function compare(sort: Exclude<SearchSort, "relevance" | "rating">) {
  const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return (a: Row, b: Row): number => {
    switch (sort) {
      case "price_asc":
        return a.minPrice - b.minPrice || byId(a, b);
      case "price_desc":
        return b.minPrice - a.minPrice || byId(b, a);
      case "newest":
        return b.createdAt.getTime() - a.createdAt.getTime() || byId(b, a);
    }
  };
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const catalog = buildCatalog();
const seedBrands = [...new Set(catalog.products.map((p) => p.brand))].sort();

describe.each(backends())("catalog search on %s", (backend) => {
  let t: TestDb;
  let anon: ReturnType<typeof createCaller>;
  let rows: Row[];
  const ids: Record<"title" | "description" | "draft" | "archived" | "deleted", string> = {
    title: "",
    description: "",
    draft: "",
    archived: "",
    deleted: "",
  };

  /** Every page of a search, following nextCursor. */
  async function walk(input: TSearchProductsInput) {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    let total: number | undefined;
    do {
      const page = await searchProducts(t.db, { ...input, cursor });
      if (pages === 0) total = page.facets?.total;
      else expect(page.facets).toBeNull();
      expect(page.items.length).toBeLessThanOrEqual(input.limit ?? 24);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(cursor).toBeFalsy();
    expect(new Set(seen).size).toBe(seen.length); // no repeats
    return { ids: seen, total, pages };
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    anon = createCaller(createContextInner({ db: t.db }));
    const store = await t.db.store.findFirstOrThrow({ where: { slug: "sunset" }, select: { id: true } });
    const category = await t.db.category.findUniqueOrThrow({ where: { slug: "cookware" }, select: { id: true } });
    const make = async (key: keyof typeof ids, data: { title: string; brand: string; description: string; price: number; stock: number; status?: "ACTIVE" | "DRAFT" | "ARCHIVED"; deleted?: boolean }) => {
      const p = await t.db.product.create({
        data: {
          storeId: store.id,
          categoryId: category.id,
          slug: `test-${key}-${backend}`,
          title: data.title,
          brand: data.brand,
          description: data.description,
          status: data.status ?? "ACTIVE",
          deletedAt: data.deleted ? new Date() : null,
          variants: {
            create: [
              { sku: `TEST-${key}-1`, title: "One", priceMinor: data.price, stock: data.stock },
              { sku: `TEST-${key}-2`, title: "Two", priceMinor: data.price + 1000, stock: data.stock },
            ],
          },
        },
        select: { id: true },
      });
      ids[key] = p.id;
    };
    // "zephyrine" is in no seeded product; one product has it in the title, one only in the description.
    await make("title", { title: "Zephyrine Travel Kettle", brand: "Testbrand Alpha", description: "Boils water fast.", price: 5000, stock: 3 });
    await make("description", { title: "Plain Travel Mug", brand: "Testbrand Beta", description: "Pairs well with a zephyrine kettle.", price: 1500, stock: 0 });
    await make("draft", { title: "Zephyrine Draft Kettle", brand: "Testbrand Alpha", description: "", price: 100, stock: 5, status: "DRAFT" });
    await make("archived", { title: "Zephyrine Archived Kettle", brand: "Testbrand Alpha", description: "", price: 100, stock: 5, status: "ARCHIVED" });
    await make("deleted", { title: "Zephyrine Deleted Kettle", brand: "Testbrand Alpha", description: "", price: 100, stock: 5, deleted: true });

    const products = await t.db.product.findMany({
      where: { status: "ACTIVE", deletedAt: null, variants: { some: {} } },
      select: {
        id: true,
        title: true,
        brand: true,
        createdAt: true,
        category: { select: { slug: true, parent: { select: { slug: true } } } },
        variants: { select: { priceMinor: true, stock: true } },
      },
    });
    rows = products.map((p) => ({
      id: p.id,
      title: p.title,
      brand: p.brand,
      createdAt: p.createdAt,
      categorySlugs: [p.category.slug, ...(p.category.parent ? [p.category.parent.slug] : [])],
      minPrice: Math.min(...p.variants.map((v) => v.priceMinor)),
      inStock: p.variants.some((v) => v.stock > 0),
    }));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("full-text search", () => {
    it("ranks a title match above a description-only match and leaves out draft, archived and deleted products", async () => {
      const res = await searchProducts(t.db, { q: "zephyrine" });
      expect(res.sort).toBe("relevance");
      expect(res.items.map((p) => p.id)).toEqual([ids.title, ids.description]);
      expect(res.facets?.total).toBe(2);
    });

    it("stems words and searches brands", async () => {
      const kettles = await searchProducts(t.db, { q: "kettles" });
      expect(kettles.items.map((p) => p.id)).toContain(ids.title);
      const brand = seedBrands[0]!;
      const byBrand = await walk({ q: `"${brand}"`, limit: 60 });
      const expected = rows.filter((r) => r.brand === brand).map((r) => r.id);
      // Seeded descriptions name their brand, so every product of the brand matches.
      expect(byBrand.ids).toEqual(expect.arrayContaining(expected));
    });

    it("matches title words of seeded products and ranks those titles first", async () => {
      const res = await walk({ q: "skillet", limit: 60 });
      const titled = rows.filter((r) => /skillet/i.test(r.title)).map((r) => r.id);
      expect(titled.length).toBeGreaterThan(0);
      expect(res.ids.slice(0, titled.length).sort()).toEqual([...titled].sort());
    });

    it("supports web-search syntax: quoted phrases and exclusions", async () => {
      const phrase = await searchProducts(t.db, { q: '"travel kettle"' });
      expect(phrase.items.map((p) => p.id)).toEqual([ids.title]);
      const without = await searchProducts(t.db, { q: "zephyrine -mug" });
      expect(without.items.map((p) => p.id)).toEqual([ids.title]);
    });

    it("treats text that looks like SQL as text", async () => {
      const before = await t.db.product.count();
      const res = await searchProducts(t.db, { q: `'); DELETE FROM "Product"; --`, brands: [`x' OR '1'='1`] });
      expect(res.items).toEqual([]);
      expect(await t.db.product.count()).toBe(before);
    });

    it("answers a query without searchable words with no results rather than an error", async () => {
      const res = await searchProducts(t.db, { q: "the" });
      expect(res.items).toEqual([]);
      expect(res.facets?.total).toBe(0);
    });

    it("without text, lists everything newest first; relevance falls back to newest", async () => {
      const res = await searchProducts(t.db, { q: "   ", sort: "relevance", limit: 5 });
      expect(res.sort).toBe("newest");
      expect(res.facets?.total).toBe(rows.length);
      expect(res.items.map((p) => p.id)).toEqual([...rows].sort(compare("newest")).slice(0, 5).map((r) => r.id));
    });
  });

  describe("filters", () => {
    it("filters by price range against the cheapest variant, bounds inclusive", async () => {
      const res = await walk({ minPriceMinor: 2999, maxPriceMinor: 5999, sort: "price_asc", limit: 50 });
      const expected = rows.filter((r) => r.minPrice >= 2999 && r.minPrice <= 5999).sort(compare("price_asc"));
      expect(expected.length).toBeGreaterThan(0);
      expect(res.ids).toEqual(expected.map((r) => r.id));
      expect(res.total).toBe(expected.length);
    });

    it("filters by one or more brands", async () => {
      const brands = seedBrands.slice(0, 2);
      const res = await walk({ brands, limit: 60 });
      const expected = rows.filter((r) => brands.includes(r.brand)).sort(compare("newest"));
      expect(res.ids).toEqual(expected.map((r) => r.id));
      expect(res.total).toBe(expected.length);
    });

    it("keeps only products with a variant in stock", async () => {
      const res = await walk({ inStock: true, limit: 60 });
      const expected = rows.filter((r) => r.inStock).sort(compare("newest"));
      expect(expected.length).toBeLessThan(rows.length);
      expect(res.ids).toEqual(expected.map((r) => r.id));
      expect(res.ids).not.toContain(ids.description);
      const text = await searchProducts(t.db, { q: "zephyrine", inStock: true });
      expect(text.items.map((p) => p.id)).toEqual([ids.title]);
    });

    it("filters by category; a top-level category includes its subcategories", async () => {
      const top = await walk({ categorySlug: "electronics", limit: 60 });
      const expectedTop = rows.filter((r) => r.categorySlugs.includes("electronics")).sort(compare("newest"));
      expect(new Set(expectedTop.map((r) => r.categorySlugs[0]))).toEqual(new Set(["audio", "accessories"]));
      expect(top.ids).toEqual(expectedTop.map((r) => r.id));
      const leaf = await walk({ categorySlug: "audio", limit: 60 });
      expect(leaf.ids).toEqual(expectedTop.filter((r) => r.categorySlugs[0] === "audio").map((r) => r.id));
      expect((await searchProducts(t.db, { categorySlug: "no-such-category" })).items).toEqual([]);
    });

    it("combines text, category, brand, price and stock filters", async () => {
      const res = await searchProducts(t.db, { q: "zephyrine", categorySlug: "home-kitchen", brands: ["Testbrand Beta"], maxPriceMinor: 2000 });
      expect(res.items.map((p) => p.id)).toEqual([ids.description]);
      const none = await searchProducts(t.db, { q: "zephyrine", categorySlug: "electronics" });
      expect(none.items).toEqual([]);
      expect(none.facets).toEqual({ total: 0, brands: [] });
    });
  });

  describe("sorting and pagination", () => {
    it.each(["price_asc", "price_desc", "newest"] as const)("sorts by %s and pages through every product exactly once", async (sort) => {
      const res = await walk({ sort, limit: 7 });
      expect(res.ids).toEqual([...rows].sort(compare(sort)).map((r) => r.id));
      expect(res.pages).toBe(Math.ceil(rows.length / 7));
    });

    it("pages through relevance-ranked results with many equal ranks without repeats or gaps", async () => {
      const all = await searchProducts(t.db, { q: "cotton or steel or black or wireless", limit: 60 });
      expect(all.facets!.total).toBeGreaterThan(20);
      const walked = await walk({ q: "cotton or steel or black or wireless", limit: 4 });
      expect(walked.ids).toHaveLength(all.facets!.total);
      expect(walked.ids.slice(0, all.items.length)).toEqual(all.items.map((p) => p.id));
    });

    it("pages stably when many products share one price", async () => {
      const [price] = [...groupBy(rows, (r) => String(r.minPrice))].sort((a, b) => b[1].length - a[1].length)[0]!;
      const res = await walk({ minPriceMinor: Number(price), maxPriceMinor: Number(price), sort: "price_desc", limit: 1 });
      expect(res.ids.length).toBeGreaterThan(1);
      expect(res.ids).toEqual(rows.filter((r) => r.minPrice === Number(price)).sort(compare("price_desc")).map((r) => r.id));
    });

    it("returns exactly the cards findMany with productCardSelect returns, in the page's order", async () => {
      for (const input of [{ limit: 30 }, { q: "cotton or steel", limit: 30 }, { sort: "price_asc" as const, inStock: true, limit: 30 }]) {
        const page = await searchProducts(t.db, input);
        expect(page.items.length).toBeGreaterThan(0);
        const cards = await t.db.product.findMany({ where: { id: { in: page.items.map((p) => p.id) } }, select: productCardSelect });
        const byId = new Map(cards.map((c) => [c.id, c]));
        expect(page.items).toEqual(page.items.map((p) => byId.get(p.id)));
      }
    });

    it("makes opaque cursors bound to their sort order", async () => {
      const page = await searchProducts(t.db, { sort: "price_asc", limit: 3 });
      expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeSearchCursor(page.nextCursor!, "price_asc")).not.toBeNull();
      expect(decodeSearchCursor(page.nextCursor!, "newest")).toBeNull();
    });
  });

  describe("facets", () => {
    it("counts products per brand for the current filters, leaving out the brand filter itself", async () => {
      const inStockAudio = rows.filter((r) => r.categorySlugs.includes("electronics") && r.inStock);
      const expected = [...groupBy(inStockAudio, (r) => r.brand)]
        .map(([brand, list]) => ({ brand, count: list.length }))
        .sort((a, b) => a.brand.localeCompare(b.brand, "en"));
      const res = await searchProducts(t.db, { categorySlug: "electronics", inStock: true, limit: 1 });
      expect(res.facets).toEqual({ total: inStockAudio.length, brands: expected });

      const one = expected[0]!;
      const filtered = await searchProducts(t.db, { categorySlug: "electronics", inStock: true, brands: [one.brand], limit: 1 });
      expect(filtered.facets).toEqual({ total: one.count, brands: expected });
    });

    it("counts the text search's matches", async () => {
      const res = await searchProducts(t.db, { q: "zephyrine" });
      expect(res.facets?.brands).toEqual([
        { brand: "Testbrand Alpha", count: 1 },
        { brand: "Testbrand Beta", count: 1 },
      ]);
    });
  });

  describe("catalog.search procedure", () => {
    it("returns product cards, a cursor, the applied sort and facets", async () => {
      const res = await anon.catalog.search({ q: "zephyrine", limit: 1 });
      expect(Object.keys(res).sort()).toEqual(["facets", "items", "nextCursor", "sort"]);
      expect(Object.keys(res.items[0]!).sort()).toEqual(["brand", "category", "createdAt", "id", "images", "ratingCount", "ratingSum", "ratingVersion", "slug", "store", "title", "variants"]);
      const next = await anon.catalog.search({ q: "zephyrine", limit: 1, cursor: res.nextCursor });
      expect(next.items.map((p) => p.id)).toEqual([ids.description]);
      expect(next.nextCursor).toBeNull();
    });

    it.each([
      [{ minPriceMinor: -1 }, "minPriceMinor"],
      [{ maxPriceMinor: 10.5 }, "maxPriceMinor"],
      [{ minPriceMinor: 5000, maxPriceMinor: 1000 }, "maxPriceMinor"],
      [{ maxPriceMinor: 1e12 }, "maxPriceMinor"],
      [{ q: "x".repeat(201) }, "q"],
      [{ sort: "cheapest" }, "sort"],
      [{ limit: 0 }, "limit"],
      [{ limit: 61 }, "limit"],
      [{ brands: Array.from({ length: 21 }, (_, i) => `b${i}`) }, "brands"],
      [{ brands: [""] }, "brands"],
      [{ categorySlug: "c".repeat(101) }, "categorySlug"],
      [{ inStock: "yes" }, "inStock"],
      [{ cursor: "not-a-cursor" }, "cursor"],
      [{ sort: "newest", cursor: encodeSearchCursor(["price_asc", 100, "x"]) }, "cursor"],
      [{ cursor: "x".repeat(201) }, "cursor"],
    ])("rejects %j with a validation error on %s", async (input, field) => {
      const err = await errorOf(anon.catalog.search(input as never));
      expect(err.code).toBe("BAD_REQUEST");
      const issues = err.cause && "issues" in err.cause ? (err.cause.issues as { path: (string | number)[] }[]) : [];
      expect(issues.map((i) => i.path[0])).toContain(field);
    });
  });
});
