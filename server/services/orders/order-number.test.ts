// Short order numbers (LM-7K3Q9) on both backends: made by the database for every writer of an
// order (the checkout, the order stream), unique when many orders are written at once, and
// given to the orders that existed before the migration, oldest first.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { adminQuery, withDatabase } from "@/server/db/admin";
import { migrate, pgExecutor, pgliteExecutor, readMigrations, type SqlExecutor } from "@/server/db/migrate";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { ORDER_NUMBER_PATTERN, isOrderNumber } from "@/shared/orders";
import { cancelMyOrder } from "./cancel-order";
import { checkout } from "./checkout";
import { applyOrderEvents } from "./order-event-apply";
import { FIXTURE_ORDER_EVENT } from "./order-event-fixture";
import { getMyOrder, listMyOrders } from "./read-orders";

const NUMBER = /^LM-[0-9A-HJKMNP-TV-Z]{5}$/;
const MIGRATION = "20261206000000_order_number";
const delivery = { name: "Number Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "n@example.com" };
let seq = 0;

describe("the order number format", () => {
  it("is LM- and Crockford base32 (no I, L, O, U), any case accepted as a reference", () => {
    expect(isOrderNumber("LM-7K3Q9")).toBe(true);
    expect(isOrderNumber("lm-7k3q9")).toBe(true);
    expect(isOrderNumber("LM-7K3QI")).toBe(false);
    expect(isOrderNumber("LM-7K3Q")).toBe(false);
    expect(isOrderNumber("cm3x0y1z20000abcd1234efgh")).toBe(false);
    expect(ORDER_NUMBER_PATTERN.test("LM-0000000")).toBe(true);
  });
});

describe.each(backends())("order numbers on %s", (backend) => {
  let t: TestDb;
  let userIds: string[];

  beforeAll(async () => {
    t = await openTestDb(backend);
    const data = Array.from({ length: 12 }, (_, i) => ({ email: `num${i}-${backend}-${Date.now()}@example.com`, name: `N${i}`, passwordHash: "x" }));
    await t.db.user.createMany({ data });
    userIds = (await t.db.user.findMany({ where: { email: { in: data.map((d) => d.email) } }, select: { id: true } })).map((r) => r.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function freshVariant(stock: number) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", deletedAt: null }, select: { id: true } });
    const sku = `NUM-${backend}-${Date.now()}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor: 1000, stock, currency: "USD" }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return v.id;
  }
  const place = (userId: string, variantId: string) =>
    checkout(t.db, userId, {
      idempotencyKey: `num-key-${Date.now()}-${++seq}`,
      lines: [{ variantId, quantity: 1 }],
      delivery,
      payment: { method: "cod" },
    });

  it("every order the seed wrote has one, all different", async () => {
    const rows = await t.db.order.findMany({ select: { number: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.number).toMatch(NUMBER);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
  });

  it("a checkout answers its order's number; the order is found by it and by its id", async () => {
    const v = await freshVariant(5);
    const placed = await place(userIds[0]!, v);
    expect(placed.number).toMatch(NUMBER);
    const byNumber = await getMyOrder(t.db, userIds[0]!, placed.number.toLowerCase());
    expect(byNumber).toMatchObject({ id: placed.id, number: placed.number, deliveryServiceName: expect.any(String) });
    expect((await getMyOrder(t.db, userIds[0]!, placed.id)).number).toBe(placed.number);
    expect((await listMyOrders(t.db, userIds[0]!, {})).items[0]).toMatchObject({ id: placed.id, number: placed.number });
    // Another customer cannot reach it by number either.
    await expect(getMyOrder(t.db, userIds[1]!, placed.number)).rejects.toThrow(/not found/i);
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, userIds[0]!, placed.number));
    expect((await getMyOrder(t.db, userIds[0]!, placed.id)).status).toBe("CANCELLED");
  });

  it("orders written at the same moment get different numbers", async () => {
    const v = await freshVariant(100);
    const placed = await Promise.all(userIds.map((u) => place(u, v)));
    const numbers = placed.map((p) => p.number);
    for (const n of numbers) expect(n).toMatch(NUMBER);
    expect(new Set(numbers).size).toBe(userIds.length);
    const stored = await t.db.order.findMany({ where: { id: { in: placed.map((p) => p.id) } }, select: { id: true, number: true } });
    expect(Object.fromEntries(stored.map((s) => [s.id, s.number]))).toEqual(Object.fromEntries(placed.map((p) => [p.id, p.number])));
  });

  it("orders from the order stream get numbers too", async () => {
    const events = [1, 2, 3].map((i) => ({ ...FIXTURE_ORDER_EVENT, order_uid: `num${backend}${Date.now()}${i}`.slice(0, 32) }));
    await inTransaction(t.db, (tx) => applyOrderEvents(tx, events));
    const rows = await t.db.order.findMany({ where: { orderUid: { in: events.map((e) => e.order_uid) } }, select: { number: true } });
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.number).toMatch(NUMBER);
    expect(new Set(rows.map((r) => r.number)).size).toBe(3);
  });

  it("the database refuses a second order with a number already taken", async () => {
    const [a] = await t.db.order.findMany({ take: 1, select: { number: true } });
    await expect(t.db.order.create({ data: { orderUid: `dup-${backend}-${Date.now()}`, number: a!.number } })).rejects.toThrow();
  });
});

/** Migrates a fresh database up to the migration before this one, writes orders the old way
 * (no number), applies the rest, and checks what the backfill gave them. */
async function backfill(sql: SqlExecutor) {
  const all = readMigrations();
  const at = all.findIndex((m) => m.name === MIGRATION);
  expect(at).toBeGreaterThan(0);
  await migrate(sql, all.slice(0, at));
  // Written out of order on purpose: numbers follow creation time, not insertion order.
  const when = ["2026-01-03", "2026-01-01", "2026-01-02"];
  for (const [i, d] of when.entries()) {
    await sql.exec(`INSERT INTO "Order" (id, "orderUid", "createdAt", "updatedAt") VALUES ('old${i}', 'olduid${i}', '${d}', '${d}')`);
  }
  await migrate(sql, all);
  const rows = await sql.query<{ id: string; number: string }>(`SELECT id, number FROM "Order" ORDER BY "createdAt"`);
  const first = await sql.query<{ n: string }>(`SELECT "livemarket_order_number"(1) AS n`);
  expect(rows.map((r) => r.id)).toEqual(["old1", "old2", "old0"]);
  expect(rows[0]!.number).toBe(first[0]!.n);
  for (const r of rows) expect(r.number).toMatch(NUMBER);
  expect(new Set(rows.map((r) => r.number)).size).toBe(3);
  // A new order continues after them.
  await sql.exec(`INSERT INTO "Order" (id, "orderUid", "updatedAt") VALUES ('new1', 'newuid1', now())`);
  const [fresh] = await sql.query<{ number: string }>(`SELECT number FROM "Order" WHERE id = 'new1'`);
  const fourth = await sql.query<{ n: string }>(`SELECT "livemarket_order_number"(4) AS n`);
  expect(fresh!.number).toBe(fourth[0]!.n);
  // Past 32^5 orders the numbers grow a character rather than repeat.
  const [wide] = await sql.query<{ a: string; b: string }>(`SELECT "livemarket_order_number"(33554431) AS a, "livemarket_order_number"(33554432) AS b`);
  expect(wide!.a).toMatch(NUMBER);
  expect(wide!.b).toMatch(/^LM-[0-9A-HJKMNP-TV-Z]{6}$/);
  const [distinct] = await sql.query<{ n: number }>(`SELECT count(DISTINCT "livemarket_order_number"(g))::int AS n FROM generate_series(1, 50000) g`);
  expect(distinct!.n).toBe(50000);
}

describe("the migration's backfill", () => {
  it("numbers existing orders oldest first on PGlite", async () => {
    const db = new PGlite();
    try {
      await backfill(pgliteExecutor(db));
    } finally {
      await db.close();
    }
  });

  it.skipIf(!inject("postgresAdminUrl"))("numbers existing orders oldest first on PostgreSQL", async () => {
    const adminUrl = inject("postgresAdminUrl")!;
    const name = `lm_backfill_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    const sql = await pgExecutor(withDatabase(adminUrl, name));
    try {
      await backfill(sql);
    } finally {
      await sql.close?.();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
