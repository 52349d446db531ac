// Placing (through the whole checkout: reserve, authorise, confirm) and cancelling orders on both
// backends, including the concurrency claims: no overselling, no deadlocks, one order per
// idempotency key. The steps between reserve and confirm: checkout.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { AppError } from "@/server/errors";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { addToCart } from "@/server/services/cart/cart-items";
import { getCart } from "@/server/services/cart/get-cart";
import type { CartOwner } from "@/server/services/cart/cart-owner";
import { checkout } from "./checkout";
import { cancelMyOrder } from "./cancel-order";
import { getMyOrder } from "./read-orders";
import type { TPlaceOrderInput } from "./schemas";
import { appErrorOf } from "@/test/errors";

const delivery = {
  name: "Test Buyer",
  phone: "+15550100",
  zip: "94110",
  city: "San Francisco",
  address: "1 Market St",
  region: "CA",
  email: "buyer@example.com",
};
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
let keySeq = 0;
const key = () => `test-key-${Date.now()}-${++keySeq}`;

function order(lines: { variantId: string; quantity: number }[], extra: Partial<TPlaceOrderInput> = {}): TPlaceOrderInput {
  return { idempotencyKey: key(), lines, delivery, deliveryService: "standard", payment: card, ...extra };
}


describe.each(backends())("orders on %s", (backend) => {
  let t: TestDb;
  let customerId: string;
  let otherId: string;

  async function freshVariant(stock: number, priceMinor = 2500) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true } });
    const sku = `TEST-${backend}-${Date.now()}-${++keySeq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock, currency: "USD" }, select: { id: true } });
    if (stock > 0) await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return v.id;
  }
  const stockOf = async (id: string) => (await t.db.variant.findUniqueOrThrow({ where: { id }, select: { stock: true } })).stock;
  const ledgerSum = async (id: string) => (await t.db.inventoryMovement.aggregate({ where: { variantId: id }, _sum: { delta: true } }))._sum.delta ?? 0;
  async function makeCustomers(n: number, tag: string): Promise<string[]> {
    const data = Array.from({ length: n }, (_, i) => ({ email: `c${i}-${tag}-${backend}@example.com`, name: `C${i}`, passwordHash: "x" }));
    await t.db.user.createMany({ data });
    const rows = await t.db.user.findMany({ where: { email: { in: data.map((d) => d.email) } }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    const ids = await makeCustomers(2, "base");
    customerId = ids[0]!;
    otherId = ids[1]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("places a paid order: stock down, a ledger row, every part of the order, outbox events", async () => {
    const a = await freshVariant(10, 1999);
    const b = await freshVariant(5, 500);
    const placed = await checkout(t.db, customerId!, order([{ variantId: a, quantity: 2 }, { variantId: b, quantity: 1 }]));
    expect(placed).toMatchObject({ status: "PAID", totalMinor: 2 * 1999 + 500 + 499, currency: "USD", replayed: false });
    expect(await stockOf(a)).toBe(8);
    expect(await stockOf(b)).toBe(4);
    expect(await ledgerSum(a)).toBe(8);
    const full = await t.db.order.findUniqueOrThrow({
      where: { id: placed.id },
      include: { items: true, payment: true, delivery: true, statusHistory: true, movements: true },
    });
    expect(full.items.map((i) => [i.variantId, i.quantity, i.priceMinor, i.totalPriceMinor]).sort()).toEqual(
      [[a, 2, 1999, 3998], [b, 1, 500, 500]].sort(),
    );
    expect(full.payment).toMatchObject({ provider: "test-card", status: "SUCCEEDED", amountMinor: placed.totalMinor, goodsTotalMinor: 4498, deliveryCostMinor: 499 });
    expect(full.delivery).toMatchObject(delivery);
    expect(full.statusHistory.map((h) => h.toStatus)).toEqual(["PENDING_PAYMENT", "PAID"]);
    expect(full.reservedUntil).toBeNull();
    expect(full.movements).toHaveLength(2);
    const events = await t.db.outboxEvent.findMany({ where: { OR: [{ aggregateId: placed.id }, { aggregateId: { in: [a, b] } }] } });
    expect(events.map((e) => e.topic).sort()).toEqual(["order.placed", "stock.changed", "stock.changed"]);
  });

  it("keeps the delivery address's country on the order", async () => {
    const a = await freshVariant(3, 1000);
    const placed = await checkout(t.db, customerId!, order([{ variantId: a, quantity: 1 }], { delivery: { ...delivery, city: "Berlin", region: "", zip: "10115", country: "de" } }));
    const d = await t.db.delivery.findUniqueOrThrow({ where: { orderId: placed.id } });
    expect(d).toMatchObject({ city: "Berlin", country: "DE" });
  });

  it("ignores any price or total the client sends", async () => {
    const a = await freshVariant(3, 4200);
    const input = order([{ variantId: a, quantity: 1, priceMinor: 1 } as never]);
    const placed = await checkout(t.db, customerId!, { ...input, totalMinor: 1, goodsTotalMinor: 1 } as never);
    expect(placed.totalMinor).toBe(4200 + 499);
  });

  it("refuses the whole order with a reason per line when one line is short, and changes nothing", async () => {
    const a = await freshVariant(5);
    const b = await freshVariant(1);
    const ordersBefore = await t.db.order.count();
    const err = await appErrorOf(checkout(t.db, customerId!, order([{ variantId: a, quantity: 2 }, { variantId: b, quantity: 3 }])));
    expect(err.code).toBe("INSUFFICIENT_STOCK");
    expect(err.message).toMatch(/only 1 left, you asked for 3/);
    expect((err.details as { lines: { variantId: string; available: number }[] }).lines).toEqual([expect.objectContaining({ variantId: b, available: 1, requested: 3 })]);
    expect(await stockOf(a)).toBe(5);
    expect(await stockOf(b)).toBe(1);
    expect(await t.db.order.count()).toBe(ordersBefore);
  });

  it("refuses an order whose total is beyond what an order can hold (22 × $1,000,000) before the card is charged, changing nothing", async () => {
    const v = await freshVariant(50, 100_000_000);
    const orders = await t.db.order.count();
    const payments = await t.db.payment.count();
    const err = await appErrorOf(checkout(t.db, customerId!, order([{ variantId: v, quantity: 22 }])));
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toMatch(/too large/i);
    expect(await stockOf(v)).toBe(50);
    expect(await t.db.order.count()).toBe(orders);
    expect(await t.db.payment.count()).toBe(payments);
  });

  it("leaves stock and cart as they were when the card is declined", async () => {
    const a = await freshVariant(4);
    const owner: CartOwner = { userId: customerId!, token: null, setToken() {} };
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: a, quantity: 2 }));
    const before = await getCart(t.db, owner);
    const err = await appErrorOf(checkout(t.db, customerId!, { ...order([]), lines: undefined, payment: { ...card, cardNumber: TEST_CARDS.declined } }));
    expect(err.code).toBe("PAYMENT_DECLINED");
    expect(err.message).toMatch(/declined/);
    expect(await stockOf(a)).toBe(4);
    expect(await ledgerSum(a)).toBe(4);
    // The same lines (the variant's version moved on: its stock went out and back).
    const lines = (c: Awaited<ReturnType<typeof getCart>>) => c.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, stock: l.stock, problems: l.problems }));
    expect(lines(await getCart(t.db, owner))).toEqual(lines(before));
    // The units were reserved while the card was asked, then given back: pages saw both.
    const moves = await t.db.inventoryMovement.findMany({ where: { variantId: a, reason: { not: "RESTOCK" } }, orderBy: { createdAt: "asc" }, select: { delta: true, reason: true } });
    expect(moves).toEqual([{ delta: -2, reason: "ORDER" }, { delta: 2, reason: "RESERVATION_RELEASED" }]);
    const events = await t.db.outboxEvent.findMany({ where: { aggregateId: a }, orderBy: { id: "asc" }, select: { topic: true, payload: true } });
    expect(events.map((e) => [e.topic, (e.payload as { reason: string }).reason])).toEqual([["stock.changed", "ORDER"], ["stock.changed", "RESERVATION_RELEASED"]]);
    // What is left of the attempt: a PAYMENT_FAILED row for the record, never placed, its key free.
    const attempt = await t.db.order.findFirstOrThrow({ where: { items: { some: { variantId: a } } }, select: { id: true, status: true, idempotencyKey: true } });
    expect(attempt).toMatchObject({ status: "PAYMENT_FAILED", idempotencyKey: null });
    expect(await t.db.outboxEvent.count({ where: { aggregateId: attempt.id } })).toBe(0);
  });

  it("orders the cart, empties it, and pay-on-delivery leaves the order unpaid", async () => {
    const a = await freshVariant(4, 1000);
    const owner: CartOwner = { userId: otherId!, token: null, setToken() {} };
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: a, quantity: 3 }));
    const placed = await checkout(t.db, otherId!, { ...order([]), lines: undefined, payment: { method: "cod" } });
    expect(placed).toMatchObject({ status: "PLACED", totalMinor: 3000 + 499 });
    expect((await getCart(t.db, owner)).lines).toEqual([]);
    expect(await stockOf(a)).toBe(1);
  });

  it("rejects a card number that is not a test card with a message, changing nothing", async () => {
    const a = await freshVariant(2);
    const err = await appErrorOf(checkout(t.db, customerId!, order([{ variantId: a, quantity: 1 }], { payment: { ...card, cardNumber: "5555555555554444" } })));
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toMatch(/4242 4242 4242 4242/);
    expect(await stockOf(a)).toBe(2);
  });

  it("returns the same order for a repeated key, and refuses the key with a different cart", async () => {
    const a = await freshVariant(10);
    const input = order([{ variantId: a, quantity: 1 }]);
    const first = await checkout(t.db, customerId!, input);
    const again = await checkout(t.db, customerId!, input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await stockOf(a)).toBe(9);
    const err = await appErrorOf(checkout(t.db, customerId!, { ...input, lines: [{ variantId: a, quantity: 2 }] }));
    expect(err.code).toBe("IDEMPOTENCY_CONFLICT");
    // Another customer may use the same key: keys are per customer.
    const theirs = await checkout(t.db, otherId!, input);
    expect(theirs.id).not.toBe(first.id);
  });

  it.each([
    ["no lines", { lines: [] }],
    ["a negative quantity", { lines: [{ variantId: "x", quantity: -1 }] }],
    ["a huge quantity", { lines: [{ variantId: "x", quantity: 1_000_000 }] }],
    ["a fractional quantity", { lines: [{ variantId: "x", quantity: 1.5 }] }],
    ["a quantity as text", { lines: [{ variantId: "x", quantity: "2" }] }],
    ["no delivery address", { delivery: undefined }],
    ["a bad email", { delivery: { ...delivery, email: "nope" } }],
    ["an unknown delivery service", { deliveryService: "teleport" }],
    ["no idempotency key", { idempotencyKey: undefined }],
    ["an unknown payment method", { payment: { method: "barter" } }],
  ])("rejects %s and changes nothing", async (_label, patch) => {
    const a = await freshVariant(3);
    const before = await t.db.order.count();
    const err = await appErrorOf(checkout(t.db, customerId!, { ...order([{ variantId: a, quantity: 1 }]), ...(patch as object) } as never));
    expect(err.code).toBe("VALIDATION");
    expect(await t.db.order.count()).toBe(before);
    expect(await stockOf(a)).toBe(3);
  });

  it("refuses an unknown variant or an archived product as unavailable", async () => {
    const archived = await t.db.variant.findFirstOrThrow({ where: { product: { status: "ARCHIVED" }, stock: { gt: 0 } }, select: { id: true, stock: true } });
    const err = await appErrorOf(checkout(t.db, customerId!, order([{ variantId: archived.id, quantity: 1 }, { variantId: "does-not-exist", quantity: 1 }])));
    expect(err.code).toBe("INSUFFICIENT_STOCK");
    expect(err.message).toMatch(/no longer available/);
    expect(await stockOf(archived.id)).toBe(archived.stock);
  });

  it("cancels an unshipped order: stock returns through the ledger and the card is refunded", async () => {
    const a = await freshVariant(6);
    const placed = await checkout(t.db, customerId!, order([{ variantId: a, quantity: 4 }]));
    expect(await stockOf(a)).toBe(2);
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId!, placed.id));
    expect(await stockOf(a)).toBe(6);
    expect(await ledgerSum(a)).toBe(6);
    const o = await getMyOrder(t.db, customerId!, placed.id);
    expect(o.status).toBe("CANCELLED");
    expect(o.payment?.status).toBe("REFUNDED");
    expect(o.statusHistory.map((h) => h.toStatus)).toEqual(["PENDING_PAYMENT", "PAID", "CANCELLED"]);
    expect((await appErrorOf(inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId!, placed.id)))).code).toBe("CONFLICT");
    expect(await stockOf(a)).toBe(6);
  });

  it("refuses to cancel a shipped order", async () => {
    const a = await freshVariant(2);
    const placed = await checkout(t.db, customerId!, order([{ variantId: a, quantity: 1 }]));
    await t.db.order.update({ where: { id: placed.id }, data: { status: "SHIPPED" } });
    const err = await appErrorOf(inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId!, placed.id)));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/shipped/);
    expect(await stockOf(a)).toBe(1);
  });

  it("answers another customer's order exactly like one that does not exist", async () => {
    const a = await freshVariant(2);
    const placed = await checkout(t.db, customerId!, order([{ variantId: a, quantity: 1 }]));
    const foreign = await appErrorOf(getMyOrder(t.db, otherId!, placed.id));
    const missing = await appErrorOf(getMyOrder(t.db, otherId!, "no-such-order"));
    expect([foreign.code, foreign.message]).toEqual([missing.code, missing.message]);
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await appErrorOf(inTransaction(t.db, (tx) => cancelMyOrder(tx, otherId!, placed.id)))).code).toBe("NOT_FOUND");
    expect((await getMyOrder(t.db, customerId!, placed.id)).status).toBe("PAID");
  });

  describe("under concurrency", () => {
    it("200 customers racing for 50 units: exactly 50 orders, stock 0, ledger agrees, no deadlocks", async () => {
      const v = await freshVariant(50);
      const customers = await makeCustomers(200, "race");
      const results = await Promise.allSettled(customers.map((c) => checkout(t.db, c, order([{ variantId: v, quantity: 1 }]))));
      const ok = results.filter((r) => r.status === "fulfilled");
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);
      expect(failures.filter((e) => !(e instanceof AppError && e.code === "INSUFFICIENT_STOCK")).map((e) => e.message)).toEqual([]);
      expect(ok).toHaveLength(50);
      expect(await stockOf(v)).toBe(0);
      expect(await ledgerSum(v)).toBe(0);
      expect(await t.db.orderItem.count({ where: { variantId: v } })).toBe(50);
    });

    it("orders naming two variants in opposite orders never deadlock", async () => {
      const a = await freshVariant(100);
      const b = await freshVariant(100);
      const customers = await makeCustomers(60, "deadlock");
      const results = await Promise.allSettled(
        customers.map((c, i) =>
          checkout(t.db, c, order(i % 2 ? [{ variantId: a, quantity: 1 }, { variantId: b, quantity: 1 }] : [{ variantId: b, quantity: 1 }, { variantId: a, quantity: 1 }])),
        ),
      );
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      expect(await stockOf(a)).toBe(40);
      expect(await stockOf(b)).toBe(40);
    });

    it("the same idempotency key sent 50 times at once creates one order", async () => {
      const v = await freshVariant(100);
      const input = order([{ variantId: v, quantity: 2 }]);
      const results = await Promise.all(Array.from({ length: 50 }, () => checkout(t.db, customerId!, input)));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await stockOf(v)).toBe(98);
      expect(await t.db.order.count({ where: { userId: customerId!, idempotencyKey: input.idempotencyKey } })).toBe(1);
    });
  });
});
