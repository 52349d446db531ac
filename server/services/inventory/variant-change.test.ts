// The one module that changes stock and price, on both backends: every condition it applies
// under the lock, the ledger rows and the outbox events it writes in the same statement, and
// that those events are exactly what the event contract says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { ZPriceChanged, ZStockChanged } from "@/shared/events";
import { Prisma } from "@/generated/prisma/client.ts";
import { changeVariants, takeStock } from "./variant-change";

describe.each(backends())("variant changes on %s", (backend) => {
  let t: TestDb;
  let storeId: string;
  let otherStoreId: string;
  let actorId: string;

  async function variant(stock = 10, where: { storeId?: string; status?: "ACTIVE" | "DRAFT" } = {}) {
    return t.db.variant.findFirstOrThrow({
      where: { stock: { gte: stock }, product: { storeId: where.storeId ?? storeId, status: where.status ?? "ACTIVE", deletedAt: null } },
      select: { id: true, productId: true, stock: true, priceMinor: true, compareAtMinor: true, currency: true, lowStockThreshold: true, version: true },
      orderBy: { id: "asc" },
    });
  }
  const ledger = (variantId: string) => t.db.inventoryMovement.findMany({ where: { variantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 });
  const events = (variantId: string) => t.db.outboxEvent.findMany({ where: { aggregateId: variantId }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    t = await openTestDb(backend);
    const s = await t.db.store.findFirstOrThrow({ where: { slug: "northwind" }, select: { id: true, ownerId: true } });
    storeId = s.id;
    actorId = s.ownerId;
    otherStoreId = (await t.db.store.findFirstOrThrow({ where: { slug: "sunset" }, select: { id: true } })).id;
  });
  afterAll(() => t?.close());

  it("changes stock and price in one statement, with a ledger row and events that match the contract exactly", async () => {
    const v = await variant();
    const before = (await events(v.id)).length;
    const [row] = await inTransaction(t.db, (tx) =>
      changeVariants(tx, [{ variantId: v.id, stockDelta: -3, priceMinor: v.priceMinor + 100 }], { reason: "CORRECTION", note: "count", actorId }),
    );
    expect(row).toMatchObject({ variantId: v.id, productId: v.productId, storeId, stock: v.stock - 3, priceMinor: v.priceMinor + 100, version: v.version + 1, delta: -3, previousStock: v.stock, previousPriceMinor: v.priceMinor });
    expect(await ledger(v.id)).toMatchObject([{ id: row!.movementId, delta: -3, stockAfter: v.stock - 3, reason: "CORRECTION", note: "count", actorId }]);
    const written = (await events(v.id)).slice(before);
    expect(written.map((e) => e.topic)).toEqual(["stock.changed", "price.changed"]);
    // Built in SQL from the contract's field list: exactly the contract's fields, no more.
    expect(ZStockChanged.strict().parse(written[0]!.payload)).toEqual({
      productId: v.productId, variantId: v.id, storeId, stock: v.stock - 3, lowStockThreshold: v.lowStockThreshold,
      priceMinor: v.priceMinor + 100, compareAtMinor: null, currency: v.currency, version: v.version + 1, delta: -3, reason: "CORRECTION",
    });
    expect(ZPriceChanged.strict().parse(written[1]!.payload)).toMatchObject({ previousPriceMinor: v.priceMinor, version: v.version + 1 });

    // A sale's was price travels with the price: its own change is a price.changed event too (decision 175).
    const sale = await inTransaction(t.db, (tx) => changeVariants(tx, [{ variantId: v.id, compareAtMinor: v.priceMinor + 5000 }], { actorId }));
    expect(sale).toHaveLength(1);
    const saleEvent = await t.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: v.id, topic: "price.changed" }, orderBy: { id: "desc" } });
    expect(ZPriceChanged.strict().parse(saleEvent.payload)).toMatchObject({ compareAtMinor: v.priceMinor + 5000, priceMinor: v.priceMinor + 100, version: v.version + 2 });
  });

  it("takeStock: the caller's next statement writes the same ledger row and stock event changeVariants would", async () => {
    const v = await variant();
    const before = (await events(v.id)).length;
    const { rows, noneTaken } = await inTransaction(t.db, async (tx) => {
      const taken = await takeStock(tx, [{ variantId: v.id, stockDelta: -2 }], { reason: "CORRECTION", note: "held", actorId });
      // Nothing is written until the caller's statement runs with the records.
      expect(await tx.inventoryMovement.count({ where: { id: taken.rows[0]!.movementId! } })).toBe(0);
      await tx.$executeRaw`WITH nothing AS (SELECT 1)${taken.records} SELECT 1`;
      const none = await takeStock(tx, [{ variantId: v.id, stockDelta: -(v.stock + 1) }], { reason: "CORRECTION", actorId });
      return { rows: taken.rows, noneTaken: none };
    });
    expect(noneTaken).toEqual({ rows: [], records: Prisma.empty });
    const [row] = rows;
    expect(row).toMatchObject({ variantId: v.id, stock: v.stock - 2, version: v.version + 1, delta: -2, previousStock: v.stock });
    expect(await ledger(v.id)).toMatchObject([{ id: row!.movementId, delta: -2, stockAfter: v.stock - 2, reason: "CORRECTION", note: "held", actorId }]);
    const written = (await events(v.id)).slice(before);
    expect(written.map((e) => e.topic)).toEqual(["stock.changed"]);
    expect(ZStockChanged.strict().parse(written[0]!.payload)).toEqual({
      productId: v.productId, variantId: v.id, storeId, stock: v.stock - 2, lowStockThreshold: v.lowStockThreshold,
      priceMinor: v.priceMinor, compareAtMinor: v.compareAtMinor, currency: v.currency, version: v.version + 1, delta: -2, reason: "CORRECTION",
    });
  });

  it("leaves out, and writes nothing for, every change whose condition does not hold", async () => {
    const v = await variant();
    const theirs = await variant(1, { storeId: otherStoreId });
    const draft = await variant(1, { status: "DRAFT" });
    const counts = async () => [await t.db.inventoryMovement.count(), await t.db.outboxEvent.count()];
    const before = await counts();
    const rows = await inTransaction(t.db, (tx) =>
      changeVariants(
        tx,
        [
          { variantId: v.id, stockDelta: -(v.stock + 1) }, // below 0
          { variantId: theirs.id, stockDelta: 1 }, // another store
          { variantId: "no-such-variant", stockDelta: 1 },
        ],
        { reason: "CORRECTION", actorId, storeId },
      ),
    );
    expect(rows).toEqual([]);
    const stale = await inTransaction(t.db, (tx) =>
      changeVariants(tx, [{ variantId: v.id, stockDelta: 1, expectedStock: v.stock + 5 }, { variantId: theirs.id, priceMinor: 1, expectedVersion: theirs.version + 1 }], { reason: "CORRECTION", actorId }),
    );
    expect(stale).toEqual([]);
    const offSale = await inTransaction(t.db, (tx) => changeVariants(tx, [{ variantId: draft.id, stockDelta: -1 }], { reason: "ORDER", actorId, products: "on-sale" }));
    expect(offSale).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { stock: true, version: true } })).toEqual({ stock: v.stock, version: v.version });
  });

  it("refuses a stock change without a reason and two changes of one variant", async () => {
    const v = await variant();
    await expect(inTransaction(t.db, (tx) => changeVariants(tx, [{ variantId: v.id, stockDelta: 1 }], { actorId }))).rejects.toThrow(/reason/);
    await expect(
      inTransaction(t.db, (tx) => changeVariants(tx, [{ variantId: v.id, stockDelta: 1 }, { variantId: v.id, stockDelta: 1 }], { reason: "RESTOCK", actorId })),
    ).rejects.toThrow(/one change per variant/);
  });
});
