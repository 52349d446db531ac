// The search index ("ProductSearch", "ProductSearchFacet"; migration 20261205010000_search_index)
// on both backends: after every kind of write it equals a brute-force recomputation from the base
// tables, and search answers from it what the base tables say. Writes go through the services
// that make them in the app (orders, stock and price edits, the product editor, CSV import) and,
// for a seeded random sequence, straight to the tables (the triggers do not care who writes).
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client.ts";
import { backends, openTestDb, type BackendName, type TestDb } from "@/test/backends";
import { toUpdate } from "@/test/product-editor-helpers";
import { adminQuery, withDatabase } from "@/server/db/admin";
import { openDb, type Db } from "@/server/db/client";
import { migrate, pgExecutor, pgliteExecutor, readMigrations, type SqlExecutor } from "@/server/db/migrate";
import { pgliteAdapter } from "@/server/db/pglite-errors";
import { inTransaction, type DbClient, type Tx } from "@/server/db/transaction";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { mulberry32 } from "@/shared/prng";
import { changeVariants } from "@/server/services/inventory/variant-change";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { updateVariantPrice } from "@/server/services/inventory/update-price";
import { checkout } from "@/server/services/orders/checkout";
import type { TPlaceOrderInput } from "@/server/services/orders/schemas";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { createProduct, setProductStatus, updateProduct, type Actor } from "@/server/services/product-editor/save-product";
import type { TCreateProductInput } from "@/server/services/product-editor/schemas";
import { applyImport, dryRunImport } from "@/server/services/seller-catalog/import-products";
import { COLUMN_NAMES } from "@/server/services/seller-catalog/format";
import { serializeCsv } from "@/server/services/seller-catalog/csv";
import { searchProducts } from "./search-products";

const SEARCH_MIGRATION = "20261205010000_search_index";

interface IndexRow {
  productId: string;
  visible: boolean;
  categoryId: string;
  brand: string;
  minPriceMinor: number | null;
  inStock: boolean;
  createdAt: Date;
}

const byProductId = (a: { productId: string }, b: { productId: string }) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);
const facetKey = (r: { categoryId: string; brand: string; inStock: boolean }) => JSON.stringify([r.categoryId, r.brand, r.inStock]);

/** What every product's index row must be, recomputed from Product and Variant in JS. */
async function recomputed(db: DbClient): Promise<IndexRow[]> {
  const products = await db.product.findMany({
    select: { id: true, status: true, deletedAt: true, categoryId: true, brand: true, createdAt: true, variants: { select: { priceMinor: true, stock: true } } },
  });
  return products
    .map((p) => ({
      productId: p.id,
      visible: p.status === "ACTIVE" && p.deletedAt === null && p.variants.length > 0,
      categoryId: p.categoryId,
      brand: p.brand,
      minPriceMinor: p.variants.length ? Math.min(...p.variants.map((v) => v.priceMinor)) : null,
      inStock: p.variants.some((v) => v.stock > 0),
      createdAt: p.createdAt,
    }))
    .sort(byProductId);
}

/** The index equals the recomputation, its vectors are the products', the facet counts equal a
 * recount, nothing is left pending, and search's totals and brand facets agree. */
async function expectConsistent(db: DbClient): Promise<void> {
  const expected = await recomputed(db);
  const actual = await db.$queryRaw<IndexRow[]>`
    SELECT "productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt" FROM "ProductSearch"`;
  expect(actual.map((r) => ({ ...r, minPriceMinor: r.minPriceMinor === null ? null : Number(r.minPriceMinor) })).sort(byProductId)).toEqual(expected);

  const [vectors] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "ProductSearch" s LEFT JOIN "Product" p ON p."id" = s."productId"
    WHERE s."searchVector" IS DISTINCT FROM p."searchVector"`;
  expect(vectors!.n).toBe(0);

  const visible = expected.filter((r) => r.visible);
  const recount = new Map<string, number>();
  for (const r of visible) recount.set(facetKey(r), (recount.get(facetKey(r)) ?? 0) + 1);
  const counts = await db.$queryRaw<{ categoryId: string; brand: string; inStock: boolean; products: number }[]>`
    SELECT "categoryId", "brand", "inStock", "products" FROM "ProductSearchFacet" WHERE "products" <> 0`;
  expect(new Map(counts.map((c) => [facetKey(c), Number(c.products)]))).toEqual(recount);

  const [pending] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ProductSearchPending"`;
  expect(pending!.n).toBe(0);

  const brands = (rows: IndexRow[]) => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.brand !== "") m.set(r.brand, (m.get(r.brand) ?? 0) + 1);
    return [...m].map(([brand, count]) => ({ brand, count })).sort((a, b) => a.brand.localeCompare(b.brand, "en"));
  };
  const all = await searchProducts(db, { limit: 1 });
  expect(all.facets).toEqual({ total: visible.length, brands: brands(visible) });
  const inStock = visible.filter((r) => r.inStock);
  expect((await searchProducts(db, { inStock: true, limit: 1 })).facets).toEqual({ total: inStock.length, brands: brands(inStock) });
}

async function indexRow(db: DbClient, productId: string): Promise<IndexRow | undefined> {
  const [row] = await db.$queryRaw<IndexRow[]>`
    SELECT "productId", "visible", "categoryId", "brand", "minPriceMinor", "inStock", "createdAt" FROM "ProductSearch" WHERE "productId" = ${productId}`;
  return row;
}

/** Every product id a search returns, following the cursors. */
async function searchIds(db: DbClient, input: Parameters<typeof searchProducts>[1]): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await searchProducts(db, { ...input, limit: 60, cursor });
    ids.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return () => {
    arrived += 1;
    if (arrived === n) release();
    return all;
  };
}

let seq = 0;

describe.each(backends())("search index on %s", (backend) => {
  let t: TestDb;
  let seller: Actor;
  let customerId: string;
  let leafA: { id: string; slug: string; parentSlug: string };
  let leafB: { id: string; slug: string; parentSlug: string };
  const tag = () => `${backend}-${++seq}`;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const store = await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller1@livemarket.test" } }, select: { id: true, ownerId: true } });
    seller = { userId: store.ownerId, storeId: store.id };
    customerId = (await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.customer.email }, select: { id: true } })).id;
    const leaves = await t.db.category.findMany({
      where: { parentId: { not: null } },
      orderBy: { slug: "asc" },
      select: { id: true, slug: true, parent: { select: { slug: true } } },
    });
    const a = leaves[0]!;
    const b = leaves.find((l) => l.parent!.slug !== a.parent!.slug)!;
    leafA = { id: a.id, slug: a.slug, parentSlug: a.parent!.slug };
    leafB = { id: b.id, slug: b.slug, parentSlug: b.parent!.slug };
  });
  afterAll(async () => {
    await t?.close();
  });

  function form(k: string, variants: { price: number; stock: number }[], extra: Partial<TCreateProductInput> = {}): TCreateProductInput {
    return {
      title: `Wrenfield Lantern ${k}`,
      slug: `wrenfield-lantern-${k}`,
      description: "A storm lantern.",
      brand: `Wrenfield ${k}`,
      categoryId: leafA.id,
      images: [],
      status: "ACTIVE",
      variants: variants.map((v, i) => ({ sku: `WL-${k}-${i}`, title: `V${i}`, options: [], priceMinor: v.price, lowStockThreshold: 1, initialStock: v.stock })),
      ...extra,
    };
  }
  const create = (k: string, variants: { price: number; stock: number }[], extra: Partial<TCreateProductInput> = {}) =>
    inTransaction(t.db, (tx) => createProduct(tx, seller, form(k, variants, extra)));
  const order = (variantId: string, quantity = 1): TPlaceOrderInput => ({
    idempotencyKey: `search-index-${tag()}`,
    lines: [{ variantId, quantity }],
    delivery: { name: "Test Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "buyer@example.com" },
    payment: { method: "card", cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" },
  });

  it("indexes the seeded catalogue (the seed wrote through the triggers)", async () => {
    expect(await t.db.productSearch.count()).toBe(await t.db.product.count());
    await expectConsistent(t.db);
  });

  it("follows stock to 0 through an order and back through a seller's restock", async () => {
    const p = await create(tag(), [{ price: 1500, stock: 1 }, { price: 900, stock: 0 }]);
    const [one, zero] = p.variants;
    expect(await indexRow(t.db, p.id)).toMatchObject({ visible: true, inStock: true, minPriceMinor: 900 });
    expect(await searchIds(t.db, { brands: [p.brand], inStock: true })).toEqual([p.id]);

    await checkout(t.db, customerId, order(one!.id));
    expect(await indexRow(t.db, p.id)).toMatchObject({ visible: true, inStock: false });
    expect(await searchIds(t.db, { brands: [p.brand], inStock: true })).toEqual([]);
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([p.id]);
    await expectConsistent(t.db);

    await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: zero!.id, delta: 3, reason: "RESTOCK" }));
    expect(await indexRow(t.db, p.id)).toMatchObject({ inStock: true });
    expect(await searchIds(t.db, { brands: [p.brand], inStock: true })).toEqual([p.id]);
    await expectConsistent(t.db);
  });

  it("follows a price change into the price filter and the price sort", async () => {
    const p = await create(tag(), [{ price: 4000, stock: 2 }, { price: 5000, stock: 2 }]);
    expect(await searchIds(t.db, { brands: [p.brand], maxPriceMinor: 3000 })).toEqual([]);
    await inTransaction(t.db, (tx) => updateVariantPrice(tx, seller, { variantId: p.variants[1]!.id, priceMinor: 2999, expectedVersion: p.version }));
    expect(await indexRow(t.db, p.id)).toMatchObject({ minPriceMinor: 2999 });
    expect(await searchIds(t.db, { brands: [p.brand], maxPriceMinor: 3000 })).toEqual([p.id]);
    const cheapest = await searchProducts(t.db, { maxPriceMinor: 3000, sort: "price_desc", limit: 60 });
    const expected = (await recomputed(t.db)).filter((r) => r.visible && r.minPriceMinor! <= 3000);
    expect(cheapest.facets?.total).toBe(expected.length);
    await expectConsistent(t.db);
  });

  it("follows a product edit: title, brand, description and category; variants added and removed", async () => {
    const k = tag();
    const p = await create(k, [{ price: 2000, stock: 0 }, { price: 3000, stock: 5 }]);
    const word = `quorvath${k.replace(/\W/g, "")}`;
    expect(await searchIds(t.db, { q: word })).toEqual([]);
    const edited = await inTransaction(t.db, (tx) =>
      updateProduct(tx, seller, toUpdate(p, { title: `${word} Lantern`, brand: `Renamed ${k}`, description: "Now with a glass chimney.", categoryId: leafB.id })),
    );
    expect(await searchIds(t.db, { q: word })).toEqual([p.id]);
    expect(await searchIds(t.db, { q: "chimney", brands: [`Renamed ${k}`] })).toEqual([p.id]);
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([]);
    expect(await searchIds(t.db, { categorySlug: leafB.parentSlug, brands: [edited.brand] })).toEqual([p.id]);
    expect(await searchIds(t.db, { categorySlug: leafA.slug, brands: [edited.brand] })).toEqual([]);
    await expectConsistent(t.db);

    // Remove the in-stock variant, add a cheaper one without stock.
    const [keep] = edited.variants;
    const reshaped = await inTransaction(t.db, (tx) =>
      updateProduct(tx, seller, toUpdate(edited, {
        variants: [
          { id: keep!.id, sku: keep!.sku, title: keep!.title, options: keep!.options, priceMinor: keep!.priceMinor, lowStockThreshold: keep!.lowStockThreshold },
          { sku: `WL-${k}-new`, title: "New", options: [], priceMinor: 1200, lowStockThreshold: 1, initialStock: 0 },
        ],
      })),
    );
    expect(reshaped.variants).toHaveLength(2);
    expect(await indexRow(t.db, p.id)).toMatchObject({ visible: true, inStock: false, minPriceMinor: 1200 });
    await expectConsistent(t.db);
  });

  it("drops archived, drafted and deleted products and takes restored ones back", async () => {
    const p = await create(tag(), [{ price: 1000, stock: 1 }]);
    const archived = await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, expectedVersion: p.version, status: "ARCHIVED" }));
    expect(await indexRow(t.db, p.id)).toMatchObject({ visible: false });
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([]);
    await expectConsistent(t.db);
    const restored = await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, expectedVersion: archived.version, status: "ACTIVE" }));
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([p.id]);
    await inTransaction(t.db, (tx) => setProductStatus(tx, seller, { id: p.id, expectedVersion: restored.version, status: "DRAFT" }));
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([]);
    await t.db.product.update({ where: { id: p.id }, data: { status: "ACTIVE", deletedAt: new Date() } });
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([]);
    await t.db.product.update({ where: { id: p.id }, data: { deletedAt: null } });
    expect(await searchIds(t.db, { brands: [p.brand] })).toEqual([p.id]);
    await expectConsistent(t.db);
  });

  it("a product without variants is not listed; removing its row with the product keeps the counts", async () => {
    const k = tag();
    const bare = await t.db.product.create({
      data: { storeId: seller.storeId, categoryId: leafA.id, slug: `bare-${k}`, title: "Bare", brand: `Bare ${k}`, status: "ACTIVE" },
      select: { id: true },
    });
    expect(await indexRow(t.db, bare.id)).toMatchObject({ visible: false, minPriceMinor: null, inStock: false });
    const v = await t.db.variant.create({ data: { productId: bare.id, sku: `BARE-${k}`, priceMinor: 700, stock: 2 }, select: { id: true } });
    expect(await indexRow(t.db, bare.id)).toMatchObject({ visible: true, minPriceMinor: 700, inStock: true });
    await expectConsistent(t.db);
    await t.db.variant.delete({ where: { id: v.id } });
    expect(await indexRow(t.db, bare.id)).toMatchObject({ visible: false, minPriceMinor: null });
    await t.db.variant.create({ data: { productId: bare.id, sku: `BARE-${k}`, priceMinor: 700, stock: 2 } });
    // A hard delete (the app only archives; an operator might not): the row and its count go.
    await inTransaction(t.db, async (tx) => {
      await tx.variant.deleteMany({ where: { productId: bare.id } });
      await tx.product.delete({ where: { id: bare.id } });
    });
    expect(await indexRow(t.db, bare.id)).toBeUndefined();
    await expectConsistent(t.db);
  });

  it("indexes a CSV import: new products, and stock and price changes of existing ones", async () => {
    const k = tag();
    const row = (values: Partial<Record<(typeof COLUMN_NAMES)[number], string>>) => {
      const base: Record<string, string> = {
        product_slug: `imported-${k}`, product_title: `Imported Kettle ${k}`, category: leafA.slug, status: "ACTIVE", description: "",
        brand: `Imported ${k}`, sku: "", variant_title: "", options: "", price: "10.00", currency: "USD", stock: "0", low_stock_threshold: "5",
        ...values,
      };
      return COLUMN_NAMES.map((c) => base[c]!);
    };
    const file = (...rows: string[][]) => new TextEncoder().encode(serializeCsv([[...COLUMN_NAMES], ...rows]));
    const first = file(row({ sku: `IMP-${k}-1`, price: "12.50", stock: "0" }), row({ sku: `IMP-${k}-2`, price: "8.00", stock: "4" }));
    const dry = await dryRunImport(t.db, seller, first);
    expect(dry.errors).toEqual([]);
    await inTransaction(t.db, (tx) => applyImport(tx, seller, first, dry.token));
    const [id] = await searchIds(t.db, { brands: [`Imported ${k}`] });
    expect(await indexRow(t.db, id!)).toMatchObject({ visible: true, minPriceMinor: 800, inStock: true });

    const second = file(row({ sku: `IMP-${k}-1`, price: "7.00", stock: "0" }), row({ sku: `IMP-${k}-2`, price: "8.00", stock: "0" }));
    const dry2 = await dryRunImport(t.db, seller, second);
    expect(dry2.errors).toEqual([]);
    await inTransaction(t.db, (tx) => applyImport(tx, seller, second, dry2.token));
    expect(await indexRow(t.db, id!)).toMatchObject({ visible: true, minPriceMinor: 700, inStock: false });
    await expectConsistent(t.db);
  });

  it("resolves category slugs when searching: moving a category needs no index change", async () => {
    const p = await create(tag(), [{ price: 1000, stock: 1 }], { categoryId: leafA.id });
    const parentB = await t.db.category.findUniqueOrThrow({ where: { slug: leafB.parentSlug }, select: { id: true } });
    const before = await t.db.category.findUniqueOrThrow({ where: { id: leafA.id }, select: { parentId: true } });
    expect(await searchIds(t.db, { categorySlug: leafA.parentSlug, brands: [p.brand] })).toEqual([p.id]);
    await t.db.category.update({ where: { id: leafA.id }, data: { parentId: parentB.id } });
    try {
      expect(await searchIds(t.db, { categorySlug: leafA.parentSlug, brands: [p.brand] })).toEqual([]);
      expect(await searchIds(t.db, { categorySlug: leafB.parentSlug, brands: [p.brand] })).toEqual([p.id]);
      expect((await searchProducts(t.db, { categorySlug: leafB.parentSlug })).facets?.brands).toContainEqual({ brand: p.brand, count: 1 });
    } finally {
      await t.db.category.update({ where: { id: leafA.id }, data: { parentId: before.parentId } });
    }
  });

  it("shows a renamed store and category on the cards at once (cards are read from the base tables)", async () => {
    const p = await create(tag(), [{ price: 1000, stock: 1 }]);
    const store = await t.db.store.findUniqueOrThrow({ where: { id: seller.storeId }, select: { name: true } });
    const category = await t.db.category.findUniqueOrThrow({ where: { id: leafA.id }, select: { name: true } });
    await t.db.store.update({ where: { id: seller.storeId }, data: { name: "Renamed Store" } });
    await t.db.category.update({ where: { id: leafA.id }, data: { name: "Renamed Category" } });
    try {
      const [card] = (await searchProducts(t.db, { brands: [p.brand] })).items;
      expect(card).toMatchObject({ id: p.id, store: { name: "Renamed Store" }, category: { name: "Renamed Category" } });
    } finally {
      await t.db.store.update({ where: { id: seller.storeId }, data: { name: store.name } });
      await t.db.category.update({ where: { id: leafA.id }, data: { name: category.name } });
    }
  });

  it("leaves the index as it was when the writing transaction rolls back", async () => {
    const p = await create(tag(), [{ price: 1000, stock: 1 }]);
    const before = await indexRow(t.db, p.id);
    await expect(
      inTransaction(t.db, async (tx) => {
        await changeVariants(tx, [{ variantId: p.variants[0]!.id, stockDelta: -1, priceMinor: 10 }], { reason: "CORRECTION", actorId: null });
        await tx.product.update({ where: { id: p.id }, data: { brand: "Rolled back" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await indexRow(t.db, p.id)).toEqual(before);
    await expectConsistent(t.db);
  });

  it("matches a brute-force recount after a seeded random sequence of writes", async () => {
    const rng = mulberry32(20261205);
    const int = (n: number) => Math.floor(rng() * n);
    const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
    const k = tag();
    const categories = (await t.db.category.findMany({ select: { id: true } })).map((c) => c.id);
    const brands = [`Rand A ${k}`, `Rand B ${k}`, `Rand C ${k}`, ""];
    // A pool of this test's products (so other tests' rows stay put) plus a few seeded ones.
    const seeded = await t.db.product.findMany({ where: { status: "ACTIVE" }, orderBy: { id: "asc" }, take: 6, select: { id: true } });
    const products: string[] = seeded.map((p) => p.id);
    for (let i = 0; i < 6; i++) {
      const made = await t.db.product.create({
        data: { storeId: seller.storeId, categoryId: pick(categories), slug: `rand-${k}-${i}`, title: `Random ${i}`, brand: pick(brands), status: "ACTIVE" },
        select: { id: true },
      });
      products.push(made.id);
    }
    let skus = 0;
    const variantsOf = async (db: DbClient, productId: string) =>
      db.variant.findMany({ where: { productId }, orderBy: { id: "asc" }, select: { id: true, stock: true, sku: true } });

    const step = async (tx: Tx) => {
      const productId = pick(products);
      const variants = await variantsOf(tx, productId);
      switch (int(8)) {
        case 0:
        case 1: {
          // stock to 0, or up from 0, through the one writer
          const v = variants.length ? pick(variants) : null;
          if (v) await changeVariants(tx, [{ variantId: v.id, stockDelta: v.stock > 0 ? -v.stock : 1 + int(3) }], { reason: "CORRECTION", actorId: null });
          break;
        }
        case 2: {
          const v = variants.length ? pick(variants) : null;
          if (v) await changeVariants(tx, [{ variantId: v.id, priceMinor: 100 + int(50) * 100 }], { actorId: null });
          break;
        }
        case 3:
          await tx.product.update({ where: { id: productId }, data: { status: pick(["ACTIVE", "ACTIVE", "DRAFT", "ARCHIVED"] as const) } });
          break;
        case 4:
          await tx.product.update({ where: { id: productId }, data: { brand: pick(brands), categoryId: pick(categories) } });
          break;
        case 5:
          await tx.product.update({ where: { id: productId }, data: { deletedAt: rng() < 0.5 ? new Date() : null } });
          break;
        case 6:
          await tx.variant.create({ data: { productId, sku: `RAND-${k}-${++skus}`, priceMinor: 100 + int(50) * 100, stock: int(2) } });
          break;
        case 7: {
          // only variants this test made (nothing points at them)
          const mine = variants.filter((v) => v.sku.startsWith(`RAND-${k}-`));
          const gone = mine.length ? pick(mine) : null;
          if (gone) {
            await tx.inventoryMovement.deleteMany({ where: { variantId: gone.id } });
            await tx.variant.delete({ where: { id: gone.id } });
          }
          break;
        }
      }
    };

    for (let round = 0; round < 25; round++) {
      const steps = 1 + int(4);
      const rollBack = rng() < 0.2;
      await inTransaction(t.db, async (tx) => {
        for (let i = 0; i < steps; i++) await step(tx);
        if (rollBack) throw new Error("roll back");
      }).catch((err: unknown) => {
        if (!(err instanceof Error && err.message === "roll back")) throw err;
      });
      if (round % 5 === 4) await expectConsistent(t.db);
    }
    await expectConsistent(t.db);
  });

  describe.runIf(backend === "postgres")("concurrent writers (PostgreSQL: PGlite has one connection)", () => {
    it("concurrent stock changes on variants of one product leave the in-stock flag right", async () => {
      const n = 6;
      const p = await create(tag(), Array.from({ length: n }, () => ({ price: 1000, stock: 1 })));
      // Every transaction takes the last unit of its own variant; all have written before any
      // commits, so each one's own view still shows the others in stock.
      const sold = barrier(n);
      await Promise.all(
        p.variants.map((v) =>
          inTransaction(t.db, async (tx) => {
            await changeVariants(tx, [{ variantId: v.id, stockDelta: -1 }], { reason: "ORDER", actorId: null });
            await sold();
          }),
        ),
      );
      expect(await indexRow(t.db, p.id)).toMatchObject({ inStock: false });

      // Restocks racing: all but one roll back.
      const restocked = barrier(n);
      const outcomes = await Promise.allSettled(
        p.variants.map((v, i) =>
          inTransaction(t.db, async (tx) => {
            await changeVariants(tx, [{ variantId: v.id, stockDelta: 2 }], { reason: "RESTOCK", actorId: null });
            await restocked();
            if (i !== 3) throw new Error("roll back");
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(await indexRow(t.db, p.id)).toMatchObject({ inStock: true });
      await expectConsistent(t.db);
    });

    it("concurrent orders for the last units of one product leave it out of stock", async () => {
      const p = await create(tag(), Array.from({ length: 5 }, () => ({ price: 1000, stock: 1 })));
      await Promise.all(p.variants.map((v) => checkout(t.db, customerId, order(v.id))));
      expect(await indexRow(t.db, p.id)).toMatchObject({ inStock: false });
      await expectConsistent(t.db);
    });

    it("two transactions flipping two products in opposite orders do not deadlock", async () => {
      const p = await create(tag(), [{ price: 1000, stock: 1 }, { price: 1000, stock: 1 }]);
      const q = await create(tag(), [{ price: 1000, stock: 1 }, { price: 1000, stock: 1 }]);
      const written = barrier(2);
      // One takes P's first variant then Q's; the other Q's second then P's: no variant lock is
      // shared, and both products' index rows change in both transactions.
      const one = inTransaction(t.db, async (tx) => {
        await changeVariants(tx, [{ variantId: p.variants[0]!.id, stockDelta: -1 }], { reason: "ORDER", actorId: null });
        await changeVariants(tx, [{ variantId: q.variants[0]!.id, stockDelta: -1 }], { reason: "ORDER", actorId: null });
        await written();
      });
      const two = inTransaction(t.db, async (tx) => {
        await changeVariants(tx, [{ variantId: q.variants[1]!.id, stockDelta: -1 }], { reason: "ORDER", actorId: null });
        await changeVariants(tx, [{ variantId: p.variants[1]!.id, stockDelta: -1 }], { reason: "ORDER", actorId: null });
        await written();
      });
      await Promise.all([one, two]);
      expect(await indexRow(t.db, p.id)).toMatchObject({ inStock: false });
      expect(await indexRow(t.db, q.id)).toMatchObject({ inStock: false });
      await expectConsistent(t.db);
    });

    it("a product edit and a stock change racing on one product both land", async () => {
      const p = await create(tag(), [{ price: 1000, stock: 1 }, { price: 2000, stock: 0 }]);
      const written = barrier(2);
      await Promise.all([
        inTransaction(t.db, async (tx) => {
          await tx.product.update({ where: { id: p.id }, data: { brand: `Raced ${p.id}` } });
          await written();
        }),
        inTransaction(t.db, async (tx) => {
          await changeVariants(tx, [{ variantId: p.variants[0]!.id, stockDelta: -1 }], { reason: "ORDER", actorId: null });
          await written();
        }),
      ]);
      expect(await indexRow(t.db, p.id)).toMatchObject({ brand: `Raced ${p.id}`, inStock: false });
      await expectConsistent(t.db);
    });
  });
});

/** A database as it was before the search index, on `backend`: the migrations before it, and
 * nothing after (later ones build on the index: the reviews add its rating sort), so the
 * catalogue is written in that day's schema by `seedOldCatalogue`, and the test then upgrades
 * it through the index and every migration after it. */
async function databaseBefore(backend: BackendName): Promise<{ exec: SqlExecutor; db: Db; close(): Promise<void> }> {
  const all = readMigrations();
  const before = all.slice(0, all.findIndex((m) => m.name === SEARCH_MIGRATION));
  if (backend === "pglite") {
    const pglite = new PGlite();
    await pglite.waitReady;
    const exec = pgliteExecutor(pglite);
    await migrate(exec, before);
    const db = new PrismaClient({ adapter: await pgliteAdapter(pglite) });
    return { exec, db, close: async () => { await db.$disconnect(); await pglite.close(); } };
  }
  const adminUrl = inject("postgresAdminUrl");
  if (!adminUrl) throw new Error("PostgreSQL is not available in this run");
  const name = `lm_search_backfill_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  const exec = await pgExecutor(url);
  await migrate(exec, before);
  const handle = await openDb({ url }, { poolSize: 2 });
  return {
    exec,
    db: handle.db,
    close: async () => {
      await exec.close?.();
      await handle.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

describe.each(backends())("search index migration on %s", (backend) => {
  it("backfills the index of a catalogue that existed before it", async () => {
    const d = await databaseBefore(backend);
    try {
      await seedOldCatalogue(d.exec);
      const all = readMigrations().map((m) => m.name);
      const result = await migrate(d.exec);
      expect(result.applied).toEqual(all.slice(all.indexOf(SEARCH_MIGRATION)));
      expect(await d.db.productSearch.count({ where: { visible: true } })).toBeGreaterThan(0);
      await expectConsistent(d.db);
    } finally {
      await d.close();
    }
  });
});

/** A catalogue written with plain SQL in the schema of the day before the search index: one
 * store, three categories, 40 products of four brands, active, draft, archived and deleted, with
 * zero to three variants each, some sold out (a fixed pseudo-random pick, the same every run). */
async function seedOldCatalogue(exec: SqlExecutor): Promise<void> {
  const rnd = mulberry32(20261205);
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const rows: string[] = [
    `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "updatedAt") VALUES ('u_old', 'old-seller@example.com', 'Old Seller', 'x', 'SELLER', now())`,
    `INSERT INTO "Store" ("id", "ownerId", "name", "slug", "updatedAt") VALUES ('s_old', 'u_old', 'Old Store', 'old-store', now())`,
    `INSERT INTO "Category" ("id", "name", "slug") VALUES ('c_a', 'Tents', 'tents'), ('c_b', 'Lamps', 'lamps'), ('c_c', 'Mugs', 'mugs')`,
  ];
  const brands = ["Northwind", "Sunset", "Ridge", ""];
  const statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "DRAFT", "ARCHIVED"];
  for (let i = 0; i < 40; i++) {
    const id = `p_old_${i}`;
    const deleted = i % 13 === 12 ? "now()" : "NULL";
    rows.push(
      `INSERT INTO "Product" ("id", "storeId", "categoryId", "slug", "title", "description", "brand", "status", "deletedAt", "updatedAt") VALUES (` +
        `${q(id)}, 's_old', ${q(["c_a", "c_b", "c_c"][i % 3]!)}, ${q(`old-product-${i}`)}, ${q(`Old product ${i} lantern`)}, 'From before the index', ` +
        `${q(brands[i % brands.length]!)}, ${q(statuses[Math.floor(rnd() * statuses.length)]!)}, ${deleted}, now())`,
    );
    const variants = Math.floor(rnd() * 4);
    for (let v = 0; v < variants; v++) {
      const stock = rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 20);
      rows.push(
        `INSERT INTO "Variant" ("id", "productId", "sku", "priceMinor", "stock", "updatedAt") VALUES (${q(`${id}_v${v}`)}, ${q(id)}, ${q(`OLD-${i}-${v}`)}, ${500 + Math.floor(rnd() * 5000)}, ${stock}, now())`,
      );
    }
  }
  await exec.exec(rows.join(";\n"));
}
