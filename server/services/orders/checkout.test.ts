// The card checkout's three steps on both backends, with a payment provider the test answers by
// hand (a deferred promise per authorisation), so "while the card is being authorised" is a
// state the test holds, not a moment it sleeps into: what a reservation looks like, that no row
// lock (on PGlite: no transaction at all) is held while the gateway answers, idempotency across
// the steps, the sweeper, and a confirm that comes after its reservation was released.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import { AppError } from "@/server/errors";
import { ReservationSweeper } from "@/server/jobs/reservation-sweeper";
import { addToCart, removeFromCart } from "@/server/services/cart/cart-items";
import { getCart } from "@/server/services/cart/get-cart";
import type { CartOwner } from "@/server/services/cart/cart-owner";
import { getSellerOrder, listSellerOrders } from "@/server/services/fulfilment/read";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { changeStock } from "@/server/services/inventory/variant-change";
import type { PaymentOutcome, PaymentProvider } from "@/server/services/payments/provider";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { cancelMyOrder } from "./cancel-order";
import { checkout } from "./checkout";
import { reserveOrder } from "./place-order";
import { getMyOrder, listMyOrders } from "./read-orders";
import { releaseLapsedReservations } from "./release-reservations";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";

const delivery = { name: "Test Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "buyer@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
let seq = 0;
const key = () => `co-key-${Date.now()}-${++seq}`;
function order(lines: { variantId: string; quantity: number }[] | undefined, extra: Partial<TPlaceOrderInput> = {}): TPlaceOrderInput {
  return { idempotencyKey: key(), lines, delivery, payment: card, ...extra };
}

interface Call {
  orderUid: string;
  amountMinor: number;
  answer(outcome: "SUCCEEDED" | "DECLINED"): void;
  fail(err: Error): void;
}

/** A provider whose every authorisation waits until the test answers it. */
function gate() {
  const calls: Call[] = [];
  const voids: string[] = [];
  let waiting: { n: number; resolve: () => void }[] = [];
  const wake = () => {
    waiting = waiting.filter((w) => (calls.length >= w.n ? (w.resolve(), false) : true));
  };
  const provider: PaymentProvider = {
    id: "test-card",
    remote: true,
    authorize: ({ orderUid, amountMinor }) =>
      new Promise<PaymentOutcome>((resolve, reject) => {
        calls.push({
          orderUid,
          amountMinor,
          answer: (status) =>
            resolve(
              status === "SUCCEEDED"
                ? { status, provider: "test-card", transaction: `tc_${orderUid}`, bank: "Gate Bank" }
                : { status, provider: "test-card", reason: "Your card was declined. Try another card or pay on delivery." },
            ),
          fail: reject,
        });
        wake();
      }),
    async void({ orderUid }) {
      voids.push(orderUid);
    },
  };
  return {
    provider,
    providers: () => provider,
    calls,
    voids,
    /** Resolves once `n` authorisations have been asked for (none answered by the gate itself). */
    inFlight(n: number): Promise<void> {
      return new Promise((resolve) => {
        waiting.push({ n, resolve });
        wake();
      });
    },
  };
}

describe.each(backends())("card checkout on %s", (backend) => {
  let t: TestDb;
  let customerId: string;

  async function freshVariant(stock: number, priceMinor = 1500) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", deletedAt: null }, select: { id: true, storeId: true } });
    const sku = `CO-${backend}-${Date.now()}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock, currency: "USD" }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return { id: v.id, storeId: p.storeId };
  }
  const stockOf = async (id: string) => (await t.db.variant.findUniqueOrThrow({ where: { id }, select: { stock: true } })).stock;
  const ledgerSum = async (id: string) => (await t.db.inventoryMovement.aggregate({ where: { variantId: id }, _sum: { delta: true } }))._sum.delta ?? 0;
  const orderOf = (uid: string) =>
    t.db.order.findUniqueOrThrow({
      where: { orderUid: uid },
      select: { id: true, status: true, reservedUntil: true, idempotencyKey: true, payment: true, shipments: true, statusHistory: { orderBy: { createdAt: "asc" } } },
    });
  async function customers(n: number, tag: string): Promise<string[]> {
    const data = Array.from({ length: n }, (_, i) => ({ email: `co${i}-${tag}-${backend}-${seq}@example.com`, name: `C${i}`, passwordHash: "x" }));
    await t.db.user.createMany({ data });
    return (await t.db.user.findMany({ where: { email: { in: data.map((d) => d.email) } }, select: { id: true } })).map((r) => r.id);
  }
  /** Reserves as a checkout's first step does and goes no further: a process that died there. */
  const reserveOnly = (userId: string, input: TPlaceOrderInput, provider: PaymentProvider, reservationSeconds = 300) =>
    inTransaction(t.db, (tx) => reserveOrder(tx, userId, ZPlaceOrderInput.parse(input), { provider, reservationSeconds }));

  beforeAll(async () => {
    t = await openTestDb(backend);
    customerId = (await customers(1, "base"))[0]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reserves, authorises with no lock held, then confirms: the cart empties and sellers see the order only then", async () => {
    const v = await freshVariant(5, 2000);
    const owner: CartOwner = { userId: customerId, token: null, setToken() {} };
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: v.id, quantity: 2 }));
    const g = gate();
    const placing = checkout(t.db, customerId, order(undefined), { providers: g.providers });
    await g.inFlight(1);
    const [call] = g.calls;
    expect(call!.amountMinor).toBe(2 * 2000 + 499);

    // While the card is being authorised: the units are reserved through the ledger and pages heard of it…
    const pending = await orderOf(call!.orderUid);
    expect(pending.status).toBe("PENDING_PAYMENT");
    expect(pending.reservedUntil!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(pending.payment).toMatchObject({ status: "PENDING", provider: "test-card", transaction: "" });
    expect(pending.shipments).toEqual([]);
    expect(pending.statusHistory.map((h) => h.toStatus)).toEqual(["PENDING_PAYMENT"]);
    expect(await stockOf(v.id)).toBe(3);
    expect(await ledgerSum(v.id)).toBe(3);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: v.id, topic: "stock.changed" } })).toBe(1);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: pending.id } })).toBe(0);
    // …the variant's row is free (another writer changes it now; on PGlite, whose one connection
    // an open transaction would hold, this proves no transaction is open at all)…
    await inTransaction(t.db, (tx) => changeStock(tx, { variantId: v.id, delta: 1 }, { reason: "RESTOCK", actorId: null }));
    expect(await stockOf(v.id)).toBe(4);
    // …the cart is as it was, the customer sees "Payment pending" and cannot cancel yet, sellers see nothing.
    expect((await getCart(t.db, owner)).lines.map((l) => [l.variantId, l.quantity])).toEqual([[v.id, 2]]);
    const mine = await getMyOrder(t.db, customerId, pending.id);
    expect(mine).toMatchObject({ status: "PENDING_PAYMENT", cancellable: false });
    expect((await listMyOrders(t.db, customerId, {})).items.map((o) => o.id)).toContain(pending.id);
    expect((await appErrorOf(inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId, pending.id)))).message).toMatch(/still being confirmed/);
    expect((await appErrorOf(getSellerOrder(t.db, v.storeId, pending.id))).code).toBe("NOT_FOUND");
    expect((await listSellerOrders(t.db, v.storeId, {})).items.map((o) => o.orderId)).not.toContain(pending.id);
    const owner2 = await t.db.store.findUniqueOrThrow({ where: { id: v.storeId }, select: { ownerId: true } });
    const step = await appErrorOf(inTransaction(t.db, (tx) => transitionPart(tx, { userId: owner2.ownerId, storeId: v.storeId }, { orderId: pending.id, to: "PACKED", expectedVersion: 1 })));
    expect(step.code).toBe("NOT_FOUND");
    expect(await t.db.shipment.count({ where: { orderId: pending.id } })).toBe(0);

    call!.answer("SUCCEEDED");
    const placed = await placing;
    expect(placed).toMatchObject({ id: pending.id, orderUid: call!.orderUid, status: "PAID", replayed: false });
    const done = await orderOf(call!.orderUid);
    expect(done).toMatchObject({ status: "PAID", reservedUntil: null });
    expect(done.payment).toMatchObject({ status: "SUCCEEDED", transaction: `tc_${call!.orderUid}`, bank: "Gate Bank" });
    expect(done.shipments.map((s) => [s.storeId, s.status])).toEqual([[v.storeId, "PAID"]]);
    expect(done.statusHistory.map((h) => `${h.fromStatus}>${h.toStatus}`)).toEqual(["null>PENDING_PAYMENT", "PENDING_PAYMENT>PAID"]);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: pending.id, topic: "order.placed" } })).toBe(1);
    expect((await getCart(t.db, owner)).lines).toEqual([]);
    expect(await stockOf(v.id)).toBe(4);
    expect(await ledgerSum(v.id)).toBe(4);
    expect((await getSellerOrder(t.db, v.storeId, pending.id)).part.status).toBe("PAID");
  });

  it("a declined card releases the reservation through the ledger and leaves the cart; the order is listed nowhere", async () => {
    const v = await freshVariant(3);
    const owner: CartOwner = { userId: customerId, token: null, setToken() {} };
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: v.id, quantity: 3 }));
    const g = gate();
    const placing = appErrorOf(checkout(t.db, customerId, order(undefined), { providers: g.providers }));
    await g.inFlight(1);
    expect(await stockOf(v.id)).toBe(0);
    g.calls[0]!.answer("DECLINED");
    const err = await placing;
    expect([err.code, err.message]).toEqual(["PAYMENT_DECLINED", "Your card was declined. Try another card or pay on delivery."]);
    expect(await stockOf(v.id)).toBe(3);
    expect(await ledgerSum(v.id)).toBe(3);
    const released = await orderOf(g.calls[0]!.orderUid);
    expect(released).toMatchObject({ status: "PAYMENT_FAILED", reservedUntil: null, idempotencyKey: null, shipments: [] });
    expect(released.payment).toMatchObject({ status: "DECLINED", failureReason: "Your card was declined. Try another card or pay on delivery." });
    expect(await t.db.inventoryMovement.count({ where: { orderId: released.id, reason: "RESERVATION_RELEASED", delta: 3 } })).toBe(1);
    expect((await getCart(t.db, owner)).lines.map((l) => [l.variantId, l.quantity])).toEqual([[v.id, 3]]);
    expect((await listMyOrders(t.db, customerId, { limit: 50 })).items.map((o) => o.id)).not.toContain(released.id);
    expect((await getMyOrder(t.db, customerId, released.id)).status).toBe("PAYMENT_FAILED");
    expect(g.voids).toEqual([]);
    await inTransaction(t.db, (tx) => removeFromCart(tx, owner, { variantId: v.id }));
  });

  it("a gateway that fails gets its reservation released and its authorisation voided, and the error goes to the buyer", async () => {
    const v = await freshVariant(2);
    const g = gate();
    const placing = checkout(t.db, customerId, order([{ variantId: v.id, quantity: 1 }]), { providers: g.providers }).catch((e: unknown) => e);
    await g.inFlight(1);
    g.calls[0]!.fail(new Error("gateway unreachable"));
    expect(((await placing) as Error).message).toBe("gateway unreachable");
    expect((await orderOf(g.calls[0]!.orderUid)).status).toBe("PAYMENT_FAILED");
    expect(g.voids).toEqual([g.calls[0]!.orderUid]);
    expect(await stockOf(v.id)).toBe(2);
    expect(await ledgerSum(v.id)).toBe(2);
  });

  it("pay on delivery is placed in the reserving transaction: nothing to authorise, nothing pending", async () => {
    const v = await freshVariant(2);
    const g = gate();
    const placed = await checkout(t.db, customerId, order([{ variantId: v.id, quantity: 1 }], { payment: { method: "cod" } }), { providers: (m) => (m === "card" ? g.provider : { ...g.provider, id: "cod", remote: false, authorize: async ({ orderUid }) => ({ status: "PENDING", provider: "cod", transaction: `cod_${orderUid}`, bank: "" }) }) });
    expect(placed).toMatchObject({ status: "PLACED", replayed: false });
    expect(g.calls).toEqual([]);
    expect((await orderOf(placed.orderUid)).statusHistory.map((h) => h.toStatus)).toEqual(["PLACED"]);
  });

  it("10 buyers of one SKU: all 10 authorisations are in flight at once before any is answered, then 10 orders", async () => {
    const v = await freshVariant(20);
    const buyers = await customers(10, "overlap");
    const g = gate();
    const placing = buyers.map((b) => checkout(t.db, b, order([{ variantId: v.id, quantity: 1 }]), { providers: g.providers }));
    // Were the variant's row locked across an authorisation, the second buyer would wait for the
    // first's answer and this would never resolve.
    await g.inFlight(10);
    expect(new Set(g.calls.map((c) => c.orderUid)).size).toBe(10);
    expect(await stockOf(v.id)).toBe(10);
    for (const c of g.calls) c.answer("SUCCEEDED");
    const placed = await Promise.all(placing);
    expect(placed.every((p) => p.status === "PAID" && !p.replayed)).toBe(true);
    expect(await stockOf(v.id)).toBe(10);
    expect(await ledgerSum(v.id)).toBe(10);
    expect(await t.db.order.count({ where: { items: { some: { variantId: v.id } }, status: "PAID" } })).toBe(10);
  });

  it("more buyers than stock: only as many reserve as there are units, declines give theirs back, never oversold", async () => {
    const v = await freshVariant(4);
    const buyers = await customers(13, "oversub");
    const g = gate();
    const first = buyers.slice(0, 10).map((b) => checkout(t.db, b, order([{ variantId: v.id, quantity: 1 }]), { providers: g.providers }));
    await g.inFlight(4);
    // The six others were refused at once, while four cards were still being asked.
    g.calls.forEach((c, i) => c.answer(i < 2 ? "SUCCEEDED" : "DECLINED"));
    const results = await Promise.allSettled(first);
    const codes = results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as AppError).code)).sort();
    expect(codes).toEqual([...Array(6).fill("INSUFFICIENT_STOCK"), "PAYMENT_DECLINED", "PAYMENT_DECLINED", "ok", "ok"].sort());
    expect(g.calls).toHaveLength(4);
    expect(await stockOf(v.id)).toBe(2);
    // The two units the declines gave back are for sale again: three more buyers, two get them.
    const second = buyers.slice(10).map((b) => checkout(t.db, b, order([{ variantId: v.id, quantity: 1 }]), { providers: g.providers }));
    await g.inFlight(6);
    g.calls.slice(4).forEach((c) => c.answer("SUCCEEDED"));
    const more = await Promise.allSettled(second);
    expect(more.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as AppError).code)).sort()).toEqual(["INSUFFICIENT_STOCK", "ok", "ok"]);
    expect(await stockOf(v.id)).toBe(0);
    expect(await ledgerSum(v.id)).toBe(0);
    const sold = await t.db.orderItem.aggregate({ where: { variantId: v.id, order: { status: "PAID" } }, _sum: { quantity: true } });
    expect(sold._sum.quantity).toBe(4);
  });

  describe("idempotency across the steps", () => {
    it("a retry while the first attempt waits for its card resumes the same order: one reservation, one order, one placed", async () => {
      const v = await freshVariant(5);
      const g = gate();
      const input = order([{ variantId: v.id, quantity: 2 }]);
      const a = checkout(t.db, customerId, input, { providers: g.providers });
      await g.inFlight(1);
      const b = checkout(t.db, customerId, input, { providers: g.providers });
      await g.inFlight(2);
      // The same order asked again, under its uid: a gateway's idempotency key, so one charge.
      expect(g.calls[1]!.orderUid).toBe(g.calls[0]!.orderUid);
      expect(await stockOf(v.id)).toBe(3);
      g.calls[1]!.answer("SUCCEEDED");
      g.calls[0]!.answer("SUCCEEDED");
      const [ra, rb] = await Promise.all([a, b]);
      expect(ra.id).toBe(rb.id);
      expect([ra.replayed, rb.replayed].sort()).toEqual([false, true]);
      const o = await orderOf(ra.orderUid);
      expect(o.status).toBe("PAID");
      expect(o.statusHistory.map((h) => h.toStatus)).toEqual(["PENDING_PAYMENT", "PAID"]);
      expect(await t.db.outboxEvent.count({ where: { aggregateId: ra.id, topic: "order.placed" } })).toBe(1);
      expect(await t.db.order.count({ where: { userId: customerId, idempotencyKey: input.idempotencyKey } })).toBe(1);
      expect(await stockOf(v.id)).toBe(3);
      expect(await ledgerSum(v.id)).toBe(3);
    });

    it("a retry after the first attempt died between the steps finishes that order", async () => {
      const v = await freshVariant(5);
      const g = gate();
      const input = order([{ variantId: v.id, quantity: 1 }]);
      const died = await reserveOnly(customerId, input, g.provider);
      expect(died.kind).toBe("pending");
      const retry = checkout(t.db, customerId, input, { providers: g.providers });
      await g.inFlight(1);
      expect(g.calls[0]!.orderUid).toBe(died.kind === "pending" ? died.order.orderUid : "");
      g.calls[0]!.answer("SUCCEEDED");
      expect(await retry).toMatchObject({ status: "PAID", replayed: false });
      expect(await stockOf(v.id)).toBe(4);
    });

    it("a retry after the confirm returns the order without asking the card again; other contents conflict", async () => {
      const v = await freshVariant(5);
      const g = gate();
      const input = order([{ variantId: v.id, quantity: 1 }]);
      const first = checkout(t.db, customerId, input, { providers: g.providers });
      await g.inFlight(1);
      expect((await appErrorOf(checkout(t.db, customerId, { ...input, lines: [{ variantId: v.id, quantity: 2 }] }, { providers: g.providers }))).code).toBe("IDEMPOTENCY_CONFLICT");
      g.calls[0]!.answer("SUCCEEDED");
      const placed = await first;
      expect(await checkout(t.db, customerId, input, { providers: g.providers })).toEqual({ ...placed, replayed: true });
      expect(g.calls).toHaveLength(1);
      expect(await stockOf(v.id)).toBe(4);
    });

    it("a retry after a release is a new attempt, as after a decline before", async () => {
      const v = await freshVariant(5);
      const g = gate();
      const input = order([{ variantId: v.id, quantity: 1 }]);
      const first = appErrorOf(checkout(t.db, customerId, input, { providers: g.providers }));
      await g.inFlight(1);
      g.calls[0]!.answer("DECLINED");
      expect((await first).code).toBe("PAYMENT_DECLINED");
      const again = checkout(t.db, customerId, input, { providers: g.providers });
      await g.inFlight(2);
      expect(g.calls[1]!.orderUid).not.toBe(g.calls[0]!.orderUid);
      g.calls[1]!.answer("SUCCEEDED");
      expect(await again).toMatchObject({ status: "PAID", replayed: false });
      expect(await stockOf(v.id)).toBe(4);
      expect(await ledgerSum(v.id)).toBe(4);
      expect(await t.db.order.count({ where: { userId: customerId, idempotencyKey: input.idempotencyKey } })).toBe(1);
    });
  });

  describe("the sweeper", () => {
    it("releases lapsed reservations exactly once under concurrent sweepers, and voids their authorisations", async () => {
      const a = await freshVariant(10);
      const b = await freshVariant(10);
      const g = gate();
      const buyers = await customers(6, "sweep");
      const lapsed: string[] = [];
      for (const [i, buyer] of buyers.entries()) {
        const r = await reserveOnly(buyer, order(i % 2 ? [{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 2 }] : [{ variantId: b.id, quantity: 1 }, { variantId: a.id, quantity: 2 }]), g.provider, 0);
        if (r.kind === "pending") lapsed.push(r.order.orderUid);
      }
      const live = await reserveOnly(customerId, order([{ variantId: a.id, quantity: 1 }]), g.provider, 300);
      expect(lapsed).toHaveLength(6);
      expect(await stockOf(a.id)).toBe(10 - 9 - 1);
      expect(await stockOf(b.id)).toBe(10 - 9);

      const counts = await Promise.all(Array.from({ length: 4 }, () => releaseLapsedReservations(t.db, { providers: () => g.provider })));
      expect(counts.reduce((s, n) => s + n, 0)).toBe(6);
      for (const uid of lapsed) expect((await orderOf(uid)).status).toBe("PAYMENT_FAILED");
      expect(await stockOf(a.id)).toBe(9);
      expect(await stockOf(b.id)).toBe(10);
      expect(await ledgerSum(a.id)).toBe(9);
      expect(await ledgerSum(b.id)).toBe(10);
      expect(await t.db.inventoryMovement.count({ where: { reason: "RESERVATION_RELEASED", variantId: { in: [a.id, b.id] } } })).toBe(12);
      expect([...g.voids].sort()).toEqual([...lapsed].sort());
      // The reservation that has not lapsed stays; a later sweep finds nothing more.
      expect(live.kind === "pending" && (await orderOf(live.order.orderUid)).status).toBe("PENDING_PAYMENT");
      const sweeper = new ReservationSweeper(t.db, { intervalMs: 3_600_000, providers: () => g.provider });
      await sweeper.sweep();
      expect(sweeper.released).toBe(0);
      await sweeper.stop();
    });

    it("a confirm that comes after the sweeper released the order voids the authorisation and tells the buyer", async () => {
      const v = await freshVariant(3);
      const owner: CartOwner = { userId: customerId, token: null, setToken() {} };
      await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: v.id, quantity: 1 }));
      const g = gate();
      const placing = appErrorOf(checkout(t.db, customerId, order(undefined), { providers: g.providers, reservationSeconds: 0 }));
      await g.inFlight(1);
      const uid = g.calls[0]!.orderUid;
      expect(await releaseLapsedReservations(t.db, { providers: () => g.provider })).toBe(1);
      expect(await stockOf(v.id)).toBe(3);
      g.calls[0]!.answer("SUCCEEDED");
      const err = await placing;
      expect(err.code).toBe("PAYMENT_EXPIRED");
      expect(err.message).toMatch(/not been charged/);
      // Voided twice: by the sweeper (it cannot know what the gateway did) and by the late confirm.
      expect(g.voids).toEqual([uid, uid]);
      const o = await orderOf(uid);
      expect(o).toMatchObject({ status: "PAYMENT_FAILED", shipments: [] });
      expect(o.payment?.status).toBe("DECLINED");
      expect(await t.db.outboxEvent.count({ where: { aggregateId: o.id, topic: "order.placed" } })).toBe(0);
      expect(await stockOf(v.id)).toBe(3);
      expect(await ledgerSum(v.id)).toBe(3);
      expect((await getCart(t.db, owner)).lines.map((l) => l.variantId)).toContain(v.id);
    });
  });
});
