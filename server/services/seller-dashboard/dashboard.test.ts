// The seller dashboard on both backends, from orders placed here with checkout and then
// dated into a fixed window (a "now" in 2031), so seed data and the real clock never matter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import type { Session } from "next-auth";
import { errorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { checkout } from "@/server/services/orders/checkout";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { getSellerDashboard, LATEST_ORDERS } from "./dashboard";
import { seriesWindow, startOfUtcDay } from "./days";

const delivery = { name: "Dana Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "d@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
const NOW = new Date("2031-03-15T10:00:00.000Z");
let seq = 0;

describe("day boundaries", () => {
  it("are UTC calendar days, 30 of them ending today", () => {
    const w = seriesWindow(new Date("2031-03-01T23:59:59.999Z"));
    expect(w.keys).toHaveLength(30);
    expect(w.today).toBe("2031-03-01");
    expect(w.keys.at(-1)).toBe("2031-03-01");
    expect(w.keys[0]).toBe("2031-01-31");
    expect(w.since.toISOString()).toBe("2031-01-31T00:00:00.000Z");
    expect(startOfUtcDay(new Date("2031-03-02T00:00:00.000Z")).toISOString()).toBe("2031-03-02T00:00:00.000Z");
  });
});

describe.each(backends())("seller dashboard on %s", (backend) => {
  let t: TestDb;
  let customerId: string;
  const seller = { userId: "", storeId: "", name: "", slug: "" };
  const other = { userId: "", storeId: "", name: "", slug: "" };
  const store = (s: typeof seller) => ({ id: s.storeId, name: s.name, slug: s.slug });

  async function freshVariant(storeId: string, opts: { stock?: number; priceMinor?: number; threshold?: number; status?: "ACTIVE" | "DRAFT" } = {}) {
    const { stock = 50, priceMinor = 1000, threshold = 5, status = "ACTIVE" } = opts;
    const p = await t.db.product.findFirstOrThrow({ where: { status, storeId, deletedAt: null }, select: { id: true } });
    const sku = `DB-${backend}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock, lowStockThreshold: threshold }, select: { id: true } });
    if (stock > 0) await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return { id: v.id, sku, productId: p.id };
  }

  /** Places an order now, then moves it (order, parts, items) to `at`. */
  async function orderAt(at: string, lines: { variantId: string; quantity: number }[]) {
    const placed = await checkout(t.db, customerId, { idempotencyKey: `db-${backend}-${++seq}`, lines, delivery, payment: card });
    await t.db.$executeRaw`UPDATE "Order" SET "createdAt" = ${at}::timestamp WHERE id = ${placed.id}`;
    await t.db.$executeRaw`UPDATE "Shipment" SET "createdAt" = ${at}::timestamp WHERE "orderId" = ${placed.id}`;
    await t.db.$executeRaw`UPDATE "OrderItem" SET "createdAt" = ${at}::timestamp WHERE "orderId" = ${placed.id}`;
    return placed.id;
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    customerId = (await t.db.user.create({ data: { email: `db-${backend}@example.com`, name: "DB", passwordHash: "x" }, select: { id: true } })).id;
    for (const [email, target] of [["seller1@livemarket.test", seller], ["seller2@livemarket.test", other]] as const) {
      const s = await t.db.store.findFirstOrThrow({ where: { owner: { email } }, select: { id: true, ownerId: true, name: true, slug: true } });
      Object.assign(target, { userId: s.ownerId, storeId: s.id, name: s.name, slug: s.slug });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts today's orders and revenue and a zero-filled 30-day series, this store's part only, without cancelled parts", async () => {
    const mine = await freshVariant(seller.storeId, { priceMinor: 1250 });
    const theirs = await freshVariant(other.storeId, { priceMinor: 9900 });
    const empty = await getSellerDashboard(t.db, store(seller), NOW);
    expect(empty.today).toEqual({ date: "2031-03-15", orders: 0, revenueMinor: 0 });
    expect(empty.series).toHaveLength(30);
    expect(empty.series.every((d) => d.orders === 0 && d.revenueMinor === 0)).toBe(true);

    // Today: at midnight exactly, and a mixed order (only our 1 x 1250 counts), and a cancelled one.
    await orderAt("2031-03-15T00:00:00.000Z", [{ variantId: mine.id, quantity: 2 }]);
    await orderAt("2031-03-15T09:59:00.000Z", [{ variantId: mine.id, quantity: 1 }, { variantId: theirs.id, quantity: 3 }]);
    const cancelled = await orderAt("2031-03-15T08:00:00.000Z", [{ variantId: mine.id, quantity: 4 }]);
    await inTransaction(t.db, (tx) => transitionPart(tx, { userId: seller.userId, storeId: seller.storeId }, { orderId: cancelled, to: "CANCELLED", expectedVersion: 1 }));
    // Another store's order today never counts for us.
    await orderAt("2031-03-15T07:00:00.000Z", [{ variantId: theirs.id, quantity: 1 }]);
    // Yesterday, one millisecond before midnight; the first day of the window; just before it.
    await orderAt("2031-03-14T23:59:59.999Z", [{ variantId: mine.id, quantity: 3 }]);
    await orderAt("2031-02-14T00:00:00.000Z", [{ variantId: mine.id, quantity: 5 }]);
    await orderAt("2031-02-13T23:59:59.999Z", [{ variantId: mine.id, quantity: 7 }]);

    const d = await getSellerDashboard(t.db, store(seller), NOW);
    expect(d.timeZone).toBe("UTC");
    expect(d.today).toEqual({ date: "2031-03-15", orders: 2, revenueMinor: 3 * 1250 });
    expect(d.series).toHaveLength(30);
    expect(d.series[0]).toEqual({ date: "2031-02-14", orders: 1, revenueMinor: 5 * 1250 });
    expect(d.series.at(-2)).toEqual({ date: "2031-03-14", orders: 1, revenueMinor: 3 * 1250 });
    expect(d.series.at(-1)).toEqual({ date: "2031-03-15", orders: 2, revenueMinor: 3 * 1250 });
    // Every other day is there, with zeros, in order.
    const dates = d.series.map((p) => p.date);
    expect(new Set(dates).size).toBe(30);
    expect([...dates].sort()).toEqual(dates);
    expect(d.series.slice(1, -2).every((p) => p.orders === 0 && p.revenueMinor === 0)).toBe(true);
    expect(d.totals30d).toEqual({ orders: 4, revenueMinor: 11 * 1250 });

    // The other store sees its own part of the mixed order and its own order, nothing of ours.
    const o = await getSellerDashboard(t.db, store(other), NOW);
    expect(o.today).toEqual({ date: "2031-03-15", orders: 2, revenueMinor: 4 * 9900 });
    expect(o.totals30d.orders).toBe(2);
  });

  it("lists the latest orders with this store's items, total and part status, newest first", async () => {
    const mine = await freshVariant(seller.storeId, { priceMinor: 700 });
    const theirs = await freshVariant(other.storeId, { priceMinor: 300 });
    const ids: string[] = [];
    for (let i = 0; i < LATEST_ORDERS + 1; i++) ids.push(await orderAt(`2031-03-16T10:${String(i).padStart(2, "0")}:00.000Z`, [{ variantId: mine.id, quantity: 1 }]));
    const mixed = await orderAt("2031-03-16T11:00:00.000Z", [{ variantId: mine.id, quantity: 2 }, { variantId: theirs.id, quantity: 5 }]);
    await inTransaction(t.db, (tx) => transitionPart(tx, { userId: seller.userId, storeId: seller.storeId }, { orderId: mixed, to: "CANCELLED", expectedVersion: 1 }));
    const foreign = await orderAt("2031-03-16T12:00:00.000Z", [{ variantId: theirs.id, quantity: 1 }]);

    const d = await getSellerDashboard(t.db, store(seller), new Date("2031-03-16T13:00:00.000Z"));
    expect(d.latestOrders).toHaveLength(LATEST_ORDERS);
    expect(d.latestOrders.map((l) => l.orderId)).not.toContain(foreign);
    expect(d.latestOrders.map((l) => l.orderId)).toEqual([mixed, ...ids.slice(-(LATEST_ORDERS - 1)).reverse()]);
    const first = d.latestOrders[0]!;
    expect(first).toMatchObject({ customer: "Dana Buyer", status: "CANCELLED", itemCount: 2, totalMinor: 1400, currency: "USD" });
    expect(first.items).toEqual([{ name: expect.any(String), quantity: 2 }]);
    expect(first.createdAt.toISOString()).toBe("2031-03-16T11:00:00.000Z");
    expect(d.latestOrders[1]!.status).toBe("PAID");
    // Cancelled: listed, but not counted.
    expect(d.today.orders).toBe(LATEST_ORDERS + 1);
  });

  it("lists low-stock and out-of-stock variants of active products only, of this store only", async () => {
    const low = await freshVariant(seller.storeId, { stock: 2, threshold: 5 });
    const atThreshold = await freshVariant(seller.storeId, { stock: 5, threshold: 5 });
    const out = await freshVariant(seller.storeId, { stock: 0, threshold: 5 });
    const fine = await freshVariant(seller.storeId, { stock: 6, threshold: 5 });
    const draft = await freshVariant(seller.storeId, { stock: 0, threshold: 5, status: "DRAFT" });
    const foreign = await freshVariant(other.storeId, { stock: 1, threshold: 5 });

    const d = await getSellerDashboard(t.db, store(seller), NOW);
    const lowIds = d.lowStock.map((v) => v.id);
    const outIds = d.outOfStock.map((v) => v.id);
    expect(lowIds).toEqual(expect.arrayContaining([low.id, atThreshold.id]));
    expect(outIds).toContain(out.id);
    for (const id of [fine.id, draft.id, foreign.id]) {
      expect(lowIds).not.toContain(id);
      expect(outIds).not.toContain(id);
    }
    expect(d.lowStock.find((v) => v.id === low.id)).toMatchObject({ sku: low.sku, stock: 2, lowStockThreshold: 5, productId: low.productId, href: `/seller/products/${low.productId}` });
    expect(d.lowStock.length).toBeGreaterThan(0);
    expect(d.outOfStock.length).toBeGreaterThan(0);
    expect(d.lowStock.every((v) => v.stock > 0 && v.stock <= v.lowStockThreshold)).toBe(true);
    expect(d.outOfStock.every((v) => v.stock === 0)).toBe(true);
    // Lowest stock first.
    expect(d.lowStock.map((v) => v.stock)).toEqual([...d.lowStock.map((v) => v.stock)].sort((a, b) => a - b));

    // Counts are exact, whatever the list shows.
    const active = { storeId: seller.storeId, status: "ACTIVE" as const, deletedAt: null };
    const outCount = await t.db.variant.count({ where: { product: active, stock: 0 } });
    const [row] = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
      WHERE p."storeId" = ${seller.storeId} AND p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.stock > 0 AND v.stock <= v."lowStockThreshold"`;
    expect(d.counts.outOfStock).toBe(outCount);
    expect(d.counts.lowStock).toBe(row!.n);
    expect(d.counts.activeProducts).toBe(await t.db.product.count({ where: active }));
  });

  describe("through the router", () => {
    const session = (u: { id: string; role: "CUSTOMER" | "SELLER" | "ADMIN" }): Session => ({
      user: { id: u.id, role: u.role, name: "x", email: "x@example.com", mfa: "not-enrolled" },
      expires: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const as = (id: string, role: "CUSTOMER" | "SELLER" | "ADMIN") => createCaller(createContextInner({ db: t.db, session: session({ id, role }) }));

    it("gives a seller their own dashboard and refuses other roles", async () => {
      const d = await as(seller.userId, "SELLER").seller.dashboard();
      expect(d.store.id).toBe(seller.storeId);
      expect(d.series).toHaveLength(30);
      expect((await errorOf(as(customerId, "CUSTOMER").seller.dashboard())).code).toBe("FORBIDDEN");
      expect((await errorOf(createCaller(createContextInner({ db: t.db })).seller.dashboard())).code).toBe("UNAUTHORIZED");
    });

    it("names a variant of the seller's own store and answers NOT_FOUND for another store's", async () => {
      const mine = await freshVariant(seller.storeId);
      const theirs = await freshVariant(other.storeId);
      const caller = as(seller.userId, "SELLER");
      expect(await caller.seller.variantSummary({ variantId: mine.id })).toMatchObject({ variantId: mine.id, sku: mine.sku, productId: mine.productId });
      expect((await errorOf(caller.seller.variantSummary({ variantId: theirs.id }))).code).toBe("NOT_FOUND");
      expect((await errorOf(caller.seller.variantSummary({ variantId: "nope" }))).code).toBe("NOT_FOUND");
      expect((await errorOf(caller.seller.variantSummary({ variantId: "" }))).code).toBe("BAD_REQUEST");
    });
  });
});
