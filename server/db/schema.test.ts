// The data model on both backends: migrations, constraints, search, the seed's invariants and
// the order event format round trip.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backends, openTestDb, useTestDb } from "@/test/backends";
import { orderEventFromRows, orderEventSelect, ZOrderEvent } from "@/server/services/orders/order-event";
import { applyOrderEvent } from "@/server/services/orders/order-event-apply";
import { inTransaction } from "@/server/db/transaction";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";

const fixture = JSON.parse(readFileSync("test/fixtures/order-event.json", "utf8")) as unknown;

describe.each(backends())("data model on %s", (backend) => {
  const t = useTestDb(backend);

  it("records the applied migration in Prisma's table", async () => {
    const rows = await t.db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM "_prisma_migrations"`;
    expect(rows.map((r) => r.migration_name)).toContain("20261122000000_init");
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("seeds the demo catalog: 3 stores, ~10 categories, 200+ products, 600+ variants, some low and zero stock", async () => {
    expect(await t.db.store.count()).toBe(3);
    expect(await t.db.category.count()).toBeGreaterThanOrEqual(10);
    expect(await t.db.product.count()).toBeGreaterThanOrEqual(200);
    expect(await t.db.variant.count()).toBeGreaterThanOrEqual(600);
    expect(await t.db.variant.count({ where: { stock: 0 } })).toBeGreaterThan(0);
    const low = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Variant" WHERE stock > 0 AND stock <= "lowStockThreshold"`;
    expect(low[0]!.n).toBeGreaterThan(0);
    const customer = await t.db.user.findUniqueOrThrow({
      where: { email: DEMO_ACCOUNTS.customer.email },
      select: { orders: { select: { id: true } } },
    });
    expect(customer.orders.length).toBeGreaterThan(0);
  });

  it("keeps every variant's stock equal to the sum of its ledger movements", async () => {
    const mismatches = await t.db.$queryRaw<{ id: string }[]>`
      SELECT v.id FROM "Variant" v
      LEFT JOIN "InventoryMovement" m ON m."variantId" = v.id
      GROUP BY v.id, v.stock
      HAVING v.stock <> COALESCE(SUM(m.delta), 0)`;
    expect(mismatches).toEqual([]);
  });

  it("hashes demo passwords with argon2id at OWASP's minimum cost or more", async () => {
    const u = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email }, select: { passwordHash: true } });
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(u.passwordHash);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(m![2])).toBeGreaterThanOrEqual(2);
  });

  it("refuses negative stock in the database itself, whatever the code does", async () => {
    const v = await t.db.variant.findFirstOrThrow({ where: { stock: { gt: 0 } }, select: { id: true, stock: true } });
    await expect(t.db.$executeRaw`UPDATE "Variant" SET stock = -1 WHERE id = ${v.id}`).rejects.toThrow(/Variant_stock_nonnegative/);
    const after = await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { stock: true } });
    expect(after.stock).toBe(v.stock);
  });

  it("refuses a cart line with a zero quantity", async () => {
    const v = await t.db.variant.findFirstOrThrow({ select: { id: true, priceMinor: true } });
    const cart = await t.db.cart.create({ data: { token: `t-${backend}-${Date.now()}` } });
    await expect(
      t.db.cartItem.create({ data: { cartId: cart.id, variantId: v.id, quantity: 0, priceMinorAdded: v.priceMinor } }),
    ).rejects.toThrow();
    expect(await t.db.cartItem.count({ where: { cartId: cart.id } })).toBe(0);
  });

  it("ranks full-text matches on title and brand above description-only matches", async () => {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true, title: true } });
    const word = p.title.split(/\s+/).find((w) => /^[a-z]{4,}$/i.test(w)) ?? p.title.split(/\s+/)[0]!;
    const rows = await t.db.$queryRaw<{ id: string; rank: number }[]>`
      SELECT id, ts_rank("searchVector", q) AS rank
      FROM "Product", websearch_to_tsquery('english', ${word}) q
      WHERE "searchVector" @@ q ORDER BY rank DESC LIMIT 50`;
    expect(rows.map((r) => r.id)).toContain(p.id);
  });

  it("stores every field of the order event format and gives it back unchanged", async () => {
    const event = ZOrderEvent.parse(fixture);
    // Stored the way the stream consumer stores it (the one mapping from the format to the rows).
    await inTransaction(t.db, (tx) => applyOrderEvent(tx, event));
    const created = await t.db.order.findUniqueOrThrow({ where: { orderUid: event.order_uid }, select: orderEventSelect });
    expect(orderEventFromRows(created)).toEqual(fixture);
    // The same order_uid cannot be stored twice.
    await expect(t.db.order.create({ data: { orderUid: event.order_uid } })).rejects.toThrow();
    expect(await t.db.order.count({ where: { orderUid: event.order_uid } })).toBe(1);
  });

  it("rejects a malformed order event with a field-level reason", () => {
    const bad = { ...(fixture as Record<string, unknown>), items: [], date_created: "yesterday" };
    const r = ZOrderEvent.safeParse(bad);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["items", "date_created"]));
  });

  it("allows one idempotency key per customer, not across customers", async () => {
    const users = await t.db.user.findMany({ take: 2, select: { id: true } });
    const base = { orderUid: "", currency: "USD", idempotencyKey: `key-${backend}` };
    await t.db.order.create({ data: { ...base, orderUid: `idem-a-${backend}`, userId: users[0]!.id } });
    await t.db.order.create({ data: { ...base, orderUid: `idem-b-${backend}`, userId: users[1]!.id } });
    await expect(t.db.order.create({ data: { ...base, orderUid: `idem-c-${backend}`, userId: users[0]!.id } })).rejects.toThrow();
  });
});

describe.each(backends())("raw-query errors on %s", (backend) => {
  it("maps a unique violation from raw SQL to CONFLICT, as from the query builder", async () => {
    const { fromPrismaError } = await import("@/server/errors");
    const t = await openTestDb(backend);
    try {
      const err = await t.db.$executeRaw`INSERT INTO "Store" (id, "ownerId", name, slug, "updatedAt")
        SELECT 'dup-store', "ownerId", 'x', slug, now() FROM "Store" LIMIT 1`.catch((e: unknown) => e);
      expect(fromPrismaError(err)?.code).toBe("CONFLICT");
    } finally {
      await t.close();
    }
  });
});
