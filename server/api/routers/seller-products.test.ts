// seller.products and seller.import through createCaller: every answer is scoped to the
// caller's store, and inline edits of another store's variant answer NOT_FOUND.
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf } from "@/test/errors";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";

describe.each(backends())("seller products routers on %s", (backend) => {
  let t: TestDb;
  let seller: ReturnType<typeof createCaller>;
  let other: ReturnType<typeof createCaller>;
  let customer: ReturnType<typeof createCaller>;
  let storeId: string;
  let otherStoreId: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const as = async (email: string) => {
      const u = await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, name: true, email: true } });
      const session: Session = { user: { ...u, mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
      return createCaller(createContextInner({ db: t.db, session }));
    };
    seller = await as("seller1@livemarket.test");
    other = await as("seller2@livemarket.test");
    customer = await as("customer@livemarket.test");
    storeId = (await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller1@livemarket.test" } } })).id;
    otherStoreId = (await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller2@livemarket.test" } } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists only the caller's products, every page, with variants", async () => {
    const mine = await t.db.product.count({ where: { storeId, deletedAt: null } });
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const res = await seller.seller.products.list({ page, pageSize: 50 });
      expect(res.total).toBe(mine);
      for (const p of res.items) seen.add(p.id);
      if (page >= res.pageCount) break;
    }
    expect(seen.size).toBe(mine);
    const theirs = await t.db.product.findMany({ where: { storeId: otherStoreId }, select: { id: true } });
    expect(theirs.length).toBeGreaterThan(0);
    for (const p of theirs) expect(seen.has(p.id)).toBe(false);
    const first = (await seller.seller.products.list({ pageSize: 10 })).items[0]!;
    expect(Object.keys(first).sort()).toEqual(["category", "id", "images", "slug", "status", "title", "updatedAt", "variants", "version"]);
    expect(Object.keys(first.variants[0]!).sort()).toEqual(["currency", "id", "lowStockThreshold", "options", "priceMinor", "sku", "stock", "title", "version"]);
  });

  it("never finds another store's product, even by its exact title or sku", async () => {
    const theirs = await t.db.variant.findFirstOrThrow({ where: { product: { storeId: otherStoreId } }, select: { sku: true, product: { select: { title: true } } } });
    expect((await seller.seller.products.list({ q: theirs.sku })).total).toBe(0);
    for (const p of (await seller.seller.products.list({ q: theirs.product.title, pageSize: 100 })).items) {
      expect(await t.db.product.count({ where: { id: p.id, storeId } })).toBe(1);
    }
  });

  it("searches, filters by status, category and stock state, and sorts", async () => {
    const v = await t.db.variant.findFirstOrThrow({ where: { product: { storeId } }, select: { sku: true, productId: true } });
    const bySku = await seller.seller.products.list({ q: v.sku.toLowerCase() });
    expect(bySku.items.map((p) => p.id)).toContain(v.productId);

    const drafts = await seller.seller.products.list({ status: "DRAFT", pageSize: 100 });
    expect(drafts.items.length).toBeGreaterThan(0);
    expect(drafts.items.every((p) => p.status === "DRAFT")).toBe(true);
    expect(drafts.total).toBe(await t.db.product.count({ where: { storeId, status: "DRAFT", deletedAt: null } }));

    const clothing = await seller.seller.products.list({ category: "clothing", pageSize: 100 });
    expect(clothing.items.length).toBeGreaterThan(0);
    expect(clothing.items.every((p) => ["t-shirts", "jackets", "shoes", "clothing"].includes(p.category.slug))).toBe(true);

    const low = await seller.seller.products.list({ stock: "low", pageSize: 100 });
    expect(low.items.length).toBeGreaterThan(0);
    for (const p of low.items) expect(p.variants.some((x) => x.stock > 0 && x.stock <= x.lowStockThreshold)).toBe(true);
    const out = await seller.seller.products.list({ stock: "out", pageSize: 100 });
    expect(out.items.length).toBeGreaterThan(0);
    for (const p of out.items) expect(p.variants.some((x) => x.stock === 0)).toBe(true);

    const byPrice = await seller.seller.products.list({ sort: "price", dir: "asc", pageSize: 100 });
    const mins = byPrice.items.map((p) => Math.min(...p.variants.map((x) => x.priceMinor)));
    expect(mins).toEqual([...mins].sort((a, b) => a - b));
    const byTitle = await seller.seller.products.list({ sort: "title", dir: "desc", pageSize: 100 });
    const titles = byTitle.items.map((p) => p.title.toLowerCase());
    expect(titles).toEqual([...titles].sort().reverse());
  });

  it("rejects bad input and non-sellers", async () => {
    expect((await errorOf(seller.seller.products.list({ pageSize: 7 }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(seller.seller.products.list({ sort: "cost" } as never))).code).toBe("BAD_REQUEST");
    expect((await errorOf(customer.seller.products.list({}))).code).toBe("FORBIDDEN");
    expect((await errorOf(customer.seller.import.dryRun({ csv: "x" }))).code).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND to inline edits of another seller's variant and changes nothing", async () => {
    const theirs = await t.db.variant.findFirstOrThrow({
      where: { product: { storeId: otherStoreId } },
      select: { id: true, stock: true, priceMinor: true, product: { select: { version: true } } },
    });
    const stock = await errorOf(seller.seller.inventory.adjust({ variantId: theirs.id, delta: 1, reason: "CORRECTION", expectedStock: theirs.stock }));
    expect(stock.code).toBe("NOT_FOUND");
    const price = await errorOf(seller.seller.products.updatePrice({ variantId: theirs.id, priceMinor: 1, expectedVersion: theirs.product.version }));
    expect(price.code).toBe("NOT_FOUND");
    expect(await t.db.variant.findUniqueOrThrow({ where: { id: theirs.id }, select: { stock: true, priceMinor: true } })).toEqual({
      stock: theirs.stock,
      priceMinor: theirs.priceMinor,
    });
  });

  it("imports through seller.import into the caller's store only; another seller cannot reuse the sku", async () => {
    const header = "product_slug,product_title,category,sku,price,stock";
    const csv = `${header}\nrouter-tee-${backend},Router tee,t-shirts,RT-${backend},9.99,3\n`;
    const dry = await seller.seller.import.dryRun({ csv });
    expect(dry.counts.create).toBe(1);
    await seller.seller.import.commit({ csv, token: dry.token });
    expect((await t.db.product.findUniqueOrThrow({ where: { slug: `router-tee-${backend}` } })).storeId).toBe(storeId);

    const theirDry = await other.seller.import.dryRun({ csv: `${header}\nother-tee-${backend},Other,t-shirts,RT-${backend},1,1\n` });
    expect(theirDry.errors).toEqual([{ line: 2, column: "sku", message: "SKU already in use" }]);
    expect((await other.seller.products.list({ q: `RT-${backend}` })).total).toBe(0);
    const bad = await errorOf(seller.seller.import.dryRun({ csv: "just,nonsense\n1,2\n" }));
    expect(bad.code).toBe("BAD_REQUEST");
  });
});
