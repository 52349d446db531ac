// Discount codes: the arithmetic (pure), then on both backends what a shopper and a seller
// notice: which lines a code discounts, each refusal's reason, what the order keeps, and the
// limits under real concurrency (PostgreSQL: parallel transactions; PGlite: one connection).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import { AppError } from "@/server/errors";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import type { PaymentProvider } from "@/server/services/payments/provider";
import { checkout } from "@/server/services/orders/checkout";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import type { TPlaceOrderInput } from "@/server/services/orders/schemas";
import { allocate, discountFor, formatPercent, percentOf } from "@/shared/promotions";
import { createPromotion, setPromotionActive, updatePromotion, type TPromotionInput } from "./manage";

describe("discount arithmetic", () => {
  it("a percentage rounds down to whole minor units", () => {
    expect(percentOf(999, 1000)).toBe(99); // 99.9 -> 99
    expect(percentOf(1, 5000)).toBe(0);
    expect(percentOf(12345, 1250)).toBe(1543); // 1543.125
    expect(discountFor({ kind: "PERCENT", percentBp: 10000, amountMinor: null }, 4321)).toBe(4321);
  });
  it("a fixed amount never exceeds the eligible subtotal", () => {
    expect(discountFor({ kind: "FIXED", percentBp: null, amountMinor: 500 }, 2000)).toBe(500);
    expect(discountFor({ kind: "FIXED", percentBp: null, amountMinor: 5000 }, 2000)).toBe(2000);
  });
  it("shares add up exactly, in proportion, never above a line", () => {
    expect(allocate(100, [100, 100, 100])).toEqual([34, 33, 33]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(10, [1000, 3000])).toEqual([3, 7]);
    expect(allocate(7, [2, 5])).toEqual([2, 5]);
    const s = allocate(1001, [333, 333, 335]);
    expect(s.reduce((a, b) => a + b, 0)).toBe(1001);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
  });
  it("percentages read as people write them", () => {
    expect(formatPercent(1500)).toBe("15%");
    expect(formatPercent(1250)).toBe("12.5%");
    expect(formatPercent(5)).toBe("0.05%");
  });
});

const delivery = { name: "Promo Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "promo@example.com" };
const cod = { method: "cod" as const };
let seq = 0;
const key = () => `promo-key-${Date.now()}-${++seq}`;
function order(lines: { variantId: string; quantity: number }[], discountCode?: string, extra: Partial<TPlaceOrderInput> = {}): TPlaceOrderInput {
  return { idempotencyKey: key(), lines, delivery, payment: cod, discountCode, ...extra };
}

describe.each(backends())("discount codes on %s", (backend) => {
  let t: TestDb;
  let customerId: string;
  let storeA: { id: string; ownerId: string };
  let storeB: { id: string; ownerId: string };
  let adminId: string;

  async function freshVariant(storeId: string, priceMinor: number, stock = 1000) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", storeId, deletedAt: null }, select: { id: true, categoryId: true } });
    const sku = `PROMO-${backend}-${Date.now()}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock, currency: "USD" }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return { variantId: v.id, productId: p.id, categoryId: p.categoryId };
  }
  async function makeCustomers(n: number, tag: string): Promise<string[]> {
    const data = Array.from({ length: n }, (_, i) => ({ email: `p${i}-${tag}-${backend}@example.com`, name: `P${i}`, passwordHash: "x" }));
    await t.db.user.createMany({ data });
    const rows = await t.db.user.findMany({ where: { email: { in: data.map((d) => d.email) } }, select: { id: true } });
    return rows.map((r) => r.id);
  }
  let codeSeq = 0;
  async function promo(owner: { storeId: string | null; actorId: string }, input: Partial<TPromotionInput> = {}) {
    const code = input.code ?? `T${backend.slice(0, 2)}${Date.now().toString(36)}${++codeSeq}`;
    return inTransaction(t.db, (tx) =>
      createPromotion(tx, { actor: { id: owner.actorId }, storeId: owner.storeId }, { kind: "PERCENT", percentBp: 1000, ...input, code }),
    );
  }
  const storeCode = (input: Partial<TPromotionInput> = {}) => promo({ storeId: storeA.id, actorId: storeA.ownerId }, input);
  const platformCode = (input: Partial<TPromotionInput> = {}) => promo({ storeId: null, actorId: adminId }, input);
  const refusalOf = async (p: Promise<unknown>) => {
    const e = await appErrorOf(p);
    return { code: e.code, reason: e.details?.discountRefusal, message: e.message };
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    customerId = (await makeCustomers(1, "base"))[0]!;
    const stores = await t.db.store.findMany({ where: { products: { some: { status: "ACTIVE", deletedAt: null } } }, select: { id: true, ownerId: true }, orderBy: { id: "asc" }, take: 2 });
    storeA = stores[0]!;
    storeB = stores[1]!;
    adminId = (await t.db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a store code discounts only its own store's part, and the order keeps the code, each line's share and the totals", async () => {
    const a = await freshVariant(storeA.id, 1999);
    const b = await freshVariant(storeB.id, 5000);
    const p = await storeCode({ percentBp: 1500 });
    const placed = await checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 3 }, { variantId: b.variantId, quantity: 1 }], p.code.toLowerCase()));
    const saving = Math.floor((3 * 1999 * 1500) / 10000); // 899.55 -> 899
    // Each store's part ships on its own (decision 195): the demo stores' cheapest US option, $4.99 each here.
    expect(placed.totalMinor).toBe(3 * 1999 + 5000 - saving + 2 * 499);
    const o = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { items: true, payment: true, redemptions: true } });
    expect(o).toMatchObject({ discountCode: p.code, discountMinor: saving, goodsTotalMinor: 3 * 1999 + 5000, totalMinor: placed.totalMinor });
    expect(o.items.find((i) => i.variantId === a.variantId)!.discountMinor).toBe(saving);
    expect(o.items.find((i) => i.variantId === b.variantId)!.discountMinor).toBe(0);
    expect(o.payment!.amountMinor).toBe(placed.totalMinor);
    expect(o.redemptions).toHaveLength(1);
    expect((await t.db.promotion.findUniqueOrThrow({ where: { id: p.id } })).usedCount).toBe(1);
  });

  it("a platform code discounts every part, shared out exactly", async () => {
    const a = await freshVariant(storeA.id, 1000);
    const b = await freshVariant(storeB.id, 3000);
    const p = await platformCode({ kind: "FIXED", percentBp: null, amountMinor: 1001 });
    const placed = await checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }, { variantId: b.variantId, quantity: 1 }], p.code));
    const items = await t.db.orderItem.findMany({ where: { orderId: placed.id }, orderBy: { priceMinor: "asc" } });
    expect(items.map((i) => i.discountMinor)).toEqual([250, 751]);
    expect(placed.totalMinor).toBe(4000 - 1001 + 2 * 499);
  });

  it("refuses with a reason, changing nothing: unknown, not started, expired, used up, below minimum, not eligible, deactivated", async () => {
    const a = await freshVariant(storeA.id, 2000, 10);
    const b = await freshVariant(storeB.id, 2000, 10);
    const lineA = [{ variantId: a.variantId, quantity: 1 }];
    const day = 24 * 3600 * 1000;
    expect(await refusalOf(checkout(t.db, customerId, order(lineA, "NOPE-NOT-A-CODE")))).toMatchObject({ code: "VALIDATION", reason: "UNKNOWN" });
    const later = await storeCode({ startsAt: new Date(Date.now() + day) });
    expect(await refusalOf(checkout(t.db, customerId, order(lineA, later.code)))).toMatchObject({ reason: "NOT_STARTED" });
    const past = await storeCode({ startsAt: new Date(Date.now() - 2 * day), endsAt: new Date(Date.now() - day) });
    expect(await refusalOf(checkout(t.db, customerId, order(lineA, past.code)))).toMatchObject({ reason: "EXPIRED" });
    const min = await storeCode({ minSubtotalMinor: 5000 });
    const below = await refusalOf(checkout(t.db, customerId, order(lineA, min.code)));
    expect(below).toMatchObject({ reason: "BELOW_MINIMUM" });
    expect(below.message).toContain("$50.00");
    // The minimum counts eligible lines only: store B's line does not help store A's code.
    expect(await refusalOf(checkout(t.db, customerId, order([...lineA, { variantId: b.variantId, quantity: 2 }], min.code)))).toMatchObject({ reason: "BELOW_MINIMUM" });
    const placedAtMin = await checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 3 }], min.code));
    expect(placedAtMin.totalMinor).toBe(6000 - 600 + 499);
    // A store code with none of its store's lines in the cart is unknown to that cart.
    expect(await refusalOf(checkout(t.db, customerId, order([{ variantId: b.variantId, quantity: 1 }], min.code)))).toMatchObject({ reason: "UNKNOWN" });
    const other = await freshVariant(storeA.id, 1000);
    const onlyOther = await storeCode({ productIds: [other.productId] });
    if (other.productId !== a.productId) {
      expect(await refusalOf(checkout(t.db, customerId, order(lineA, onlyOther.code)))).toMatchObject({ reason: "NOT_ELIGIBLE" });
    }
    const off = await storeCode();
    await inTransaction(t.db, (tx) => setPromotionActive(tx, { actor: { id: storeA.ownerId }, storeId: storeA.id }, { id: off.id, active: false }));
    expect(await refusalOf(checkout(t.db, customerId, order(lineA, off.code)))).toMatchObject({ reason: "INACTIVE" });
    // Nothing was taken by the refusals: only the one order at the minimum.
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: a.variantId } })).stock).toBe(7);
  });

  it("eligibility by product and by category (a parent category covers its children)", async () => {
    const a = await freshVariant(storeA.id, 1000);
    const byProduct = await storeCode({ productIds: [a.productId], percentBp: 5000 });
    expect((await checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }], byProduct.code))).totalMinor).toBe(500 + 499);
    const cat = await t.db.category.findUniqueOrThrow({ where: { id: a.categoryId }, select: { id: true, parentId: true } });
    const byCategory = await platformCode({ categoryIds: [cat.parentId ?? cat.id], percentBp: 2000 });
    expect((await checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }], byCategory.code))).totalMinor).toBe(800 + 499);
    const elsewhere = await t.db.category.findFirstOrThrow({ where: { id: { notIn: [cat.id, cat.parentId ?? cat.id] }, parentId: { not: null } }, select: { id: true } });
    const otherCategory = await platformCode({ categoryIds: [elsewhere.id] });
    expect(await refusalOf(checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }], otherCategory.code)))).toMatchObject({ reason: "NOT_ELIGIBLE" });
  });

  it("codes are case-insensitive and unique per scope; the same code may exist in another store", async () => {
    const code = `Same${backend}${Date.now().toString(36)}`;
    await storeCode({ code });
    const dup = await appErrorOf(storeCode({ code: code.toUpperCase() }));
    expect(dup.code).toBe("CONFLICT");
    await expect(promo({ storeId: storeB.id, actorId: storeB.ownerId }, { code })).resolves.toMatchObject({ code });
  });

  it("validates a code's settings: percent range, amount, dates, other stores' products", async () => {
    expect((await appErrorOf(storeCode({ percentBp: 10001 }))).code).toBe("VALIDATION");
    expect((await appErrorOf(storeCode({ kind: "FIXED", percentBp: null }))).code).toBe("VALIDATION");
    expect((await appErrorOf(storeCode({ startsAt: new Date(2030, 1, 2), endsAt: new Date(2030, 1, 1) }))).code).toBe("VALIDATION");
    const b = await freshVariant(storeB.id, 1000);
    expect((await appErrorOf(storeCode({ productIds: [b.productId] }))).code).toBe("VALIDATION");
  });

  it("an idempotent retry returns the same order without a second use", async () => {
    const a = await freshVariant(storeA.id, 1000);
    const p = await storeCode({ usageLimit: 5 });
    const input = order([{ variantId: a.variantId, quantity: 1 }], p.code);
    const first = await checkout(t.db, customerId, input);
    const again = await checkout(t.db, customerId, input);
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect((await t.db.promotion.findUniqueOrThrow({ where: { id: p.id } })).usedCount).toBe(1);
    // The same key with another code is another request: a conflict, not a silent change.
    expect((await appErrorOf(checkout(t.db, customerId, { ...input, discountCode: undefined }))).code).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("a declined card gives the use back; a cancelled order keeps it (decision 173)", async () => {
    const a = await freshVariant(storeA.id, 1000);
    const p = await storeCode({ usageLimit: 1 });
    const declined = await appErrorOf(
      checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }], p.code, { payment: { method: "card", cardNumber: TEST_CARDS.declined, expiry: "12/39", cvc: "123" } })),
    );
    expect(declined.code).toBe("PAYMENT_DECLINED");
    expect((await t.db.promotion.findUniqueOrThrow({ where: { id: p.id } })).usedCount).toBe(0);
    const placed = await checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }], p.code));
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId, placed.id));
    expect((await t.db.promotion.findUniqueOrThrow({ where: { id: p.id } })).usedCount).toBe(1);
    expect(await refusalOf(checkout(t.db, customerId, order([{ variantId: a.variantId, quantity: 1 }], p.code)))).toMatchObject({ reason: "USED_UP" });
  });

  it("an edit keeps the count and checks the version", async () => {
    const p = await storeCode();
    const owner = { actor: { id: storeA.ownerId }, storeId: storeA.id };
    const edited = await inTransaction(t.db, (tx) => updatePromotion(tx, owner, { id: p.id, version: p.version, promotion: { code: p.code, kind: "FIXED", amountMinor: 300 } }));
    expect(edited).toMatchObject({ kind: "FIXED", amountMinor: 300, percentBp: null, version: p.version + 1 });
    expect((await appErrorOf(inTransaction(t.db, (tx) => updatePromotion(tx, owner, { id: p.id, version: p.version, promotion: { code: p.code, kind: "FIXED", amountMinor: 200 } })))).code).toBe("VERSION_CONFLICT");
    // Another store cannot see it.
    expect((await appErrorOf(inTransaction(t.db, (tx) => setPromotionActive(tx, { actor: { id: storeB.ownerId }, storeId: storeB.id }, { id: p.id, active: false })))).code).toBe("NOT_FOUND");
  });

  describe("limits under concurrency", () => {
    it("100 customers racing for a code limited to 10 uses: exactly 10 discounted orders, 90 clear refusals, no order placed without it", async () => {
      const a = await freshVariant(storeA.id, 1000);
      const p = await storeCode({ usageLimit: 10, percentBp: 2000 });
      const customers = await makeCustomers(100, `race${Date.now()}`);
      const results = await Promise.allSettled(customers.map((c) => checkout(t.db, c, order([{ variantId: a.variantId, quantity: 1 }], p.code))));
      const ok = results.filter((r) => r.status === "fulfilled");
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);
      expect(failures.filter((e) => !(e instanceof AppError && e.details?.discountRefusal === "USED_UP")).map((e) => e.message)).toEqual([]);
      expect(ok).toHaveLength(10);
      expect(failures[0]?.message).toContain("used as many times as it can be");
      const orders = await t.db.order.findMany({ where: { userId: { in: customers } }, select: { discountMinor: true } });
      expect(orders).toHaveLength(10);
      expect(orders.every((o) => o.discountMinor === 200)).toBe(true);
      expect((await t.db.promotion.findUniqueOrThrow({ where: { id: p.id } })).usedCount).toBe(10);
      expect(await t.db.promotionRedemption.count({ where: { promotionId: p.id } })).toBe(10);
      expect((await t.db.variant.findUniqueOrThrow({ where: { id: a.variantId } })).stock).toBe(990);
    });

    it("one customer sending 20 different checkouts at once with a one-per-customer code: one discounted order", async () => {
      const a = await freshVariant(storeA.id, 1000);
      const p = await platformCode({ perCustomerLimit: 1 });
      const [me] = await makeCustomers(1, `solo${Date.now()}`);
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => checkout(t.db, me!, order([{ variantId: a.variantId, quantity: 1 }], p.code))));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);
      expect(failures.filter((e) => !(e instanceof AppError && e.details?.discountRefusal === "CUSTOMER_USED_UP")).map((e) => e.message)).toEqual([]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await t.db.order.count({ where: { userId: me! } })).toBe(1);
    });

    it("a slow card holds its use until it resolves: a declined one frees it for the next buyer", async () => {
      const a = await freshVariant(storeA.id, 1000);
      const p = await storeCode({ usageLimit: 1 });
      const [x, y] = await makeCustomers(2, `slow${Date.now()}`);
      let answer!: (declined: boolean) => void;
      const provider: PaymentProvider = {
        id: "test-card",
        remote: true,
        authorize: () =>
          new Promise((resolve) => {
            answer = (declined) =>
              resolve(declined ? { status: "DECLINED", provider: "test-card", reason: "Declined" } : { status: "SUCCEEDED", provider: "test-card", transaction: "t", bank: "b" });
          }),
        async void() {},
      };
      const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
      const first = checkout(t.db, x!, order([{ variantId: a.variantId, quantity: 1 }], p.code, { payment: card }), { providers: () => provider });
      while (!answer) await new Promise((r) => setTimeout(r, 10));
      expect(await refusalOf(checkout(t.db, y!, order([{ variantId: a.variantId, quantity: 1 }], p.code)))).toMatchObject({ reason: "USED_UP" });
      answer(true);
      expect((await appErrorOf(first)).code).toBe("PAYMENT_DECLINED");
      await expect(checkout(t.db, y!, order([{ variantId: a.variantId, quantity: 1 }], p.code))).resolves.toMatchObject({ totalMinor: 900 + 499 });
    });
  });
});
