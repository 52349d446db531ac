// Bulk edits from the products table on both backends: one transaction, each row by the single
// edit's rules (product version for prices and status, the stock seen for "set stock", the
// ledger for every stock change), and a row whose check fails reported while the others apply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { bulkEditVariants } from "./bulk-edit";
import { adjustStock } from "./adjust-stock";
import { updateVariantPrice } from "./update-price";

describe.each(backends())("bulk edits on %s", (backend) => {
  let t: TestDb;
  const actor = { userId: "", storeId: "" };
  let seq = 0;

  async function product(variants: { stock: number; priceMinor: number }[]) {
    const p = await t.db.product.findFirstOrThrow({ where: { storeId: actor.storeId, deletedAt: null }, select: { categoryId: true } });
    const slug = `bulk-${backend}-${++seq}`;
    const made = await t.db.product.create({ data: { storeId: actor.storeId, categoryId: p.categoryId, slug, title: slug, status: "ACTIVE" }, select: { id: true, version: true } });
    const vs = [];
    for (const [i, v] of variants.entries()) {
      const row = await t.db.variant.create({ data: { productId: made.id, sku: `${slug}-${i}`.toUpperCase(), title: `V${i}`, priceMinor: v.priceMinor, stock: v.stock, position: i }, select: { id: true } });
      await t.db.inventoryMovement.create({ data: { variantId: row.id, delta: v.stock, stockAfter: v.stock, reason: "RESTOCK" } });
      vs.push({ id: row.id, ...v });
    }
    return { id: made.id, version: made.version, variants: vs };
  }
  const run = (input: Parameters<typeof bulkEditVariants>[2]) => inTransaction(t.db, (tx) => bulkEditVariants(tx, actor, input));
  const ledger = async (variantId: string) => (await t.db.inventoryMovement.aggregate({ where: { variantId }, _sum: { delta: true } }))._sum.delta;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const s = await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller1@livemarket.test" } }, select: { id: true, ownerId: true } });
    Object.assign(actor, { userId: s.ownerId, storeId: s.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("sets stock through the ledger, and reports the one row someone changed since, leaving it as it is", async () => {
    const a = await product([{ stock: 5, priceMinor: 1000 }, { stock: 7, priceMinor: 1000 }]);
    const b = await product([{ stock: 3, priceMinor: 1000 }]);
    // Someone sells one of b's units after the table was loaded.
    await inTransaction(t.db, (tx) => adjustStock(tx, actor, { variantId: b.variants[0]!.id, delta: -1, reason: "DAMAGE" }));
    const res = await run({
      rows: [...a.variants, ...b.variants].map((v) => ({ variantId: v.id, expectedVersion: 1, expectedStock: v.stock })),
      change: { kind: "stock", mode: "set", value: 20 },
    });
    expect(res).toMatchObject({ applied: 2, refused: 1 });
    expect(res.rows.map((r) => r.ok)).toEqual([true, true, false]);
    expect(res.rows[2]).toMatchObject({ ok: false, code: "VERSION_CONFLICT", message: expect.stringContaining("Stock changed to 2") });
    for (const v of a.variants) {
      expect((await t.db.variant.findUniqueOrThrow({ where: { id: v.id } })).stock).toBe(20);
      expect(await ledger(v.id)).toBe(20);
    }
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: b.variants[0]!.id } })).stock).toBe(2);
    expect(await ledger(b.variants[0]!.id)).toBe(2);
    expect(await t.db.auditLog.count({ where: { action: "inventory.adjust", entityId: { in: a.variants.map((v) => v.id) } } })).toBe(2);
  });

  it("changes prices of several variants of one product against the version the table showed, and refuses a product changed since", async () => {
    const a = await product([{ stock: 1, priceMinor: 1000 }, { stock: 1, priceMinor: 2000 }]);
    const b = await product([{ stock: 1, priceMinor: 5000 }]);
    await inTransaction(t.db, (tx) => updateVariantPrice(tx, actor, { variantId: b.variants[0]!.id, priceMinor: 4900, expectedVersion: b.version }));
    const res = await run({
      rows: [...a.variants.map((v) => ({ variantId: v.id, expectedVersion: a.version, expectedStock: 1 })), { variantId: b.variants[0]!.id, expectedVersion: b.version, expectedStock: 1 }],
      change: { kind: "price", mode: "percent", value: -10 },
    });
    expect(res).toMatchObject({ applied: 2, refused: 1 });
    expect(res.rows[2]).toMatchObject({ ok: false, code: "VERSION_CONFLICT" });
    const prices = await t.db.variant.findMany({ where: { productId: { in: [a.id, b.id] } }, orderBy: [{ productId: "asc" }, { position: "asc" }], select: { productId: true, priceMinor: true } });
    expect(prices.filter((p) => p.productId === a.id).map((p) => p.priceMinor)).toEqual([900, 1800]);
    expect(prices.find((p) => p.productId === b.id)!.priceMinor).toBe(4900);
  });

  it("sets the status of the selected variants' products once each", async () => {
    const a = await product([{ stock: 1, priceMinor: 1000 }, { stock: 1, priceMinor: 1000 }]);
    const res = await run({ rows: a.variants.map((v) => ({ variantId: v.id, expectedVersion: a.version, expectedStock: 1 })), change: { kind: "status", value: "DRAFT" } });
    expect(res).toMatchObject({ applied: 2, refused: 0 });
    expect(await t.db.product.findUniqueOrThrow({ where: { id: a.id }, select: { status: true, version: true } })).toEqual({ status: "DRAFT", version: a.version + 1 });
  });

  it("refuses the whole request, changing nothing, when a row is another store's variant", async () => {
    const a = await product([{ stock: 4, priceMinor: 1000 }]);
    const other = await t.db.variant.findFirstOrThrow({ where: { product: { storeId: { not: actor.storeId } } }, select: { id: true, stock: true } });
    const err = await run({
      rows: [{ variantId: a.variants[0]!.id, expectedVersion: 1, expectedStock: 4 }, { variantId: other.id, expectedVersion: 1, expectedStock: other.stock }],
      change: { kind: "stock", mode: "add", value: 1 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("NOT_FOUND");
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: a.variants[0]!.id } })).stock).toBe(4);
  });

  it("refuses a stock decrease below zero for that row only", async () => {
    const a = await product([{ stock: 1, priceMinor: 1000 }, { stock: 8, priceMinor: 1000 }]);
    const res = await run({ rows: a.variants.map((v) => ({ variantId: v.id, expectedVersion: 1, expectedStock: v.stock })), change: { kind: "stock", mode: "add", value: -3 } });
    expect(res.rows.map((r) => r.ok)).toEqual([false, true]);
    expect(res.rows[0]).toMatchObject({ code: "VALIDATION" });
    expect(await ledger(a.variants[1]!.id)).toBe(5);
  });

  it("puts variants on sale with their price as the was price, twice the same sale is the same price, and ends it", async () => {
    const a = await product([{ stock: 1, priceMinor: 2000 }, { stock: 1, priceMinor: 999 }]);
    const rows = (version: number) => a.variants.map((v) => ({ variantId: v.id, expectedVersion: version, expectedStock: 1 }));
    const prices = async () => (await t.db.variant.findMany({ where: { productId: a.id }, orderBy: { position: "asc" }, select: { priceMinor: true, compareAtMinor: true } })).map((v) => [v.priceMinor, v.compareAtMinor]);

    let res = await run({ rows: rows(a.version), change: { kind: "sale", mode: "start", value: 25 } });
    expect(res).toMatchObject({ applied: 2, refused: 0 });
    expect(await prices()).toEqual([[1500, 2000], [749, 999]]);
    // Live pages learn the was price with the new price.
    const events = await t.db.outboxEvent.findMany({ where: { topic: "price.changed", aggregateId: { in: a.variants.map((v) => v.id) } }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.payload as { compareAtMinor?: number }).compareAtMinor)).toEqual([2000, 999]);

    // "25% off" again is off the was price: still 1500, not 1125.
    const v2 = (await t.db.product.findUniqueOrThrow({ where: { id: a.id } })).version;
    res = await run({ rows: rows(v2), change: { kind: "sale", mode: "start", value: 25 } });
    expect(await prices()).toEqual([[1500, 2000], [749, 999]]);

    const v3 = (await t.db.product.findUniqueOrThrow({ where: { id: a.id } })).version;
    res = await run({ rows: rows(v3), change: { kind: "sale", mode: "end" } });
    expect(res).toMatchObject({ applied: 2, refused: 0 });
    expect(await prices()).toEqual([[2000, null], [999, null]]);
  });

  it("ends a sale when a new price reaches the was price, and keeps it when the price stays below", async () => {
    const a = await product([{ stock: 1, priceMinor: 1000 }]);
    const id = a.variants[0]!.id;
    const r1 = await inTransaction(t.db, (tx) => updateVariantPrice(tx, actor, { variantId: id, priceMinor: 800, compareAtMinor: 1000, expectedVersion: a.version }));
    expect(r1.compareAtMinor).toBe(1000);
    const r2 = await inTransaction(t.db, (tx) => updateVariantPrice(tx, actor, { variantId: id, priceMinor: 900, expectedVersion: r1.productVersion }));
    expect(r2.compareAtMinor).toBe(1000);
    const r3 = await inTransaction(t.db, (tx) => updateVariantPrice(tx, actor, { variantId: id, priceMinor: 1000, expectedVersion: r2.productVersion }));
    expect(r3.compareAtMinor).toBeNull();
    const err = await inTransaction(t.db, (tx) => updateVariantPrice(tx, actor, { variantId: id, priceMinor: 1000, compareAtMinor: 900, expectedVersion: r3.productVersion })).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("VALIDATION");
    expect((await t.db.variant.findUniqueOrThrow({ where: { id } })).priceMinor).toBe(1000);
  });
});
