// The fulfilment state machine on both backends: every allowed step and every refused one,
// stock back through the ledger on cancel, money back on refund, stale versions, other stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import type { Session } from "next-auth";
import { errorOf, appErrorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { checkout } from "@/server/services/orders/checkout";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { getMyOrder } from "@/server/services/orders/read-orders";
import { getSellerOrder, listSellerOrders } from "./read";
import { refusal, TRANSITIONS } from "./rules";
import { PART_STATUSES, type PartStatus } from "@/shared/orders";
import { transitionPart } from "./transition";

const delivery = { name: "Test Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "b@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
let seq = 0;


/** Steps from a fresh order to each status (card orders start PAID, pay-on-delivery PLACED).
 * NEEDS_ATTENTION is only reached by an order received as an event (test/stream/order-event-apply.test.ts). */
type StorefrontStatus = Exclude<PartStatus, "NEEDS_ATTENTION">;
const STOREFRONT_STATUSES = PART_STATUSES.filter((s): s is StorefrontStatus => s !== "NEEDS_ATTENTION");
const PATH: Record<StorefrontStatus, { cod: boolean; steps: PartStatus[] }> = {
  PLACED: { cod: true, steps: [] },
  PAID: { cod: false, steps: [] },
  PACKED: { cod: false, steps: ["PACKED"] },
  SHIPPED: { cod: false, steps: ["PACKED", "SHIPPED"] },
  DELIVERED: { cod: false, steps: ["PACKED", "SHIPPED", "DELIVERED"] },
  CANCELLED: { cod: false, steps: ["CANCELLED"] },
  REFUNDED: { cod: false, steps: ["PACKED", "SHIPPED", "REFUNDED"] },
};
const SHIP = { carrier: "dhl" as const, trackingNumber: "1234567890" };

describe.each(backends())("fulfilment on %s", (backend) => {
  let t: TestDb;
  let customerId: string;
  const seller = { userId: "", storeId: "" };
  const other = { userId: "", storeId: "" };

  async function freshVariant(storeId: string, stock = 20, priceMinor = 1000) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", storeId, deletedAt: null }, select: { id: true } });
    const sku = `FT-${backend}-${Date.now()}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return v.id;
  }
  const stockOf = async (id: string) => (await t.db.variant.findUniqueOrThrow({ where: { id }, select: { stock: true } })).stock;
  const ledgerSum = async (id: string) => (await t.db.inventoryMovement.aggregate({ where: { variantId: id }, _sum: { delta: true } }))._sum.delta ?? 0;
  const partOf = (orderId: string, storeId = seller.storeId) =>
    t.db.shipment.findUniqueOrThrow({ where: { orderId_storeId: { orderId, storeId } }, select: { status: true, version: true, carrier: true, trackingNumber: true } });

  async function place(lines: { variantId: string; quantity: number }[], cod = false) {
    return checkout(t.db, customerId, {
      idempotencyKey: `ft-${backend}-${Date.now()}-${++seq}`,
      lines,
      delivery,
      payment: cod ? { method: "cod" } : card,
    });
  }
  async function step(orderId: string, to: PartStatus, actor = seller) {
    const { version } = await partOf(orderId, actor.storeId);
    return inTransaction(t.db, (tx) => transitionPart(tx, actor, { orderId, to, expectedVersion: version, ...(to === "SHIPPED" ? SHIP : {}) }));
  }
  async function orderIn(status: StorefrontStatus, variantId?: string) {
    const v = variantId ?? (await freshVariant(seller.storeId));
    const placed = await place([{ variantId: v, quantity: 2 }], PATH[status].cod);
    for (const s of PATH[status].steps) await step(placed.id, s);
    expect((await partOf(placed.id)).status).toBe(status);
    return { orderId: placed.id, variantId: v };
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    const u = await t.db.user.create({ data: { email: `ft-${backend}@example.com`, name: "FT", passwordHash: "x" }, select: { id: true } });
    customerId = u.id;
    for (const [email, target] of [["seller1@livemarket.test", seller], ["seller2@livemarket.test", other]] as const) {
      const s = await t.db.store.findFirstOrThrow({ where: { owner: { email } }, select: { id: true, ownerId: true } });
      target.userId = s.ownerId;
      target.storeId = s.id;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("places orders with one part per store, in the order's status", async () => {
    const a = await freshVariant(seller.storeId);
    const b = await freshVariant(other.storeId);
    const placed = await place([{ variantId: a, quantity: 1 }, { variantId: b, quantity: 1 }], true);
    const parts = await t.db.shipment.findMany({ where: { orderId: placed.id }, select: { storeId: true, status: true, version: true } });
    expect(parts.map((p) => p.storeId).sort()).toEqual([seller.storeId, other.storeId].sort());
    expect(parts.every((p) => p.status === "PLACED" && p.version === 1)).toBe(true);
  });

  const refused = STOREFRONT_STATUSES.flatMap((from) => PART_STATUSES.filter((to) => !TRANSITIONS[from].includes(to)).map((to) => [from, to] as const));
  it.each(STOREFRONT_STATUSES)("refuses every step not in the table from %s, with its reason, changing nothing", async (from) => {
    const { orderId, variantId } = await orderIn(from);
    const before = await partOf(orderId);
    const stock = await stockOf(variantId);
    for (const [, to] of refused.filter(([f]) => f === from)) {
      const err = await appErrorOf(inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to, expectedVersion: before.version, ...(to === "SHIPPED" ? SHIP : {}) })));
      expect(err.code, `${from} -> ${to}`).toBe("CONFLICT");
      expect(err.message).toBe(refusal(from, to));
    }
    expect(await partOf(orderId)).toEqual(before);
    expect(await stockOf(variantId)).toBe(stock);
  });

  it("says why in words staff can act on", () => {
    expect(refusal("SHIPPED", "CANCELLED")).toBe("A shipped order cannot be cancelled; refund it instead");
    expect(refusal("PAID", "SHIPPED")).toBe("Pack the order before shipping it");
    expect(refusal("CANCELLED", "PAID")).toBe("This order is cancelled; it cannot change any more");
  });

  const allowed = STOREFRONT_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => [from, to] as const));
  it.each(allowed)("allows %s -> %s with history, audit and an outbox event", async (from, to) => {
    const { orderId, variantId } = await orderIn(from);
    const before = await partOf(orderId);
    const stock = await stockOf(variantId);
    const res = await inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to, expectedVersion: before.version, note: "by test", ...(to === "SHIPPED" ? SHIP : {}) }));
    expect(res).toMatchObject({ status: to, version: before.version + 1, orderStatus: to });
    const after = await partOf(orderId);
    expect(after).toMatchObject({ status: to, version: before.version + 1 });
    if (to === "SHIPPED") expect(after).toMatchObject({ carrier: "dhl", trackingNumber: "1234567890" });
    const last = await t.db.orderStatusHistory.findFirstOrThrow({ where: { orderId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(last).toMatchObject({ storeId: seller.storeId, fromStatus: from, toStatus: to, actorId: seller.userId });
    expect(last.note).toContain("by test");
    expect(await t.db.auditLog.count({ where: { entityType: "Order", entityId: orderId, action: "order.status", actorId: seller.userId } })).toBe(
      PATH[from].steps.length + 1,
    );
    const events = await t.db.outboxEvent.findMany({ where: { aggregateId: orderId, topic: "order.status_changed" }, orderBy: { id: "desc" }, take: 1 });
    expect(events[0]?.payload).toMatchObject({ orderId, storeId: seller.storeId, from, to, orderStatus: to });
    expect((await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(to);
    // Stock comes back on cancel only, through the ledger.
    expect(await stockOf(variantId)).toBe(to === "CANCELLED" ? stock + 2 : stock);
    expect(await ledgerSum(variantId)).toBe(await stockOf(variantId));
    const pay = await t.db.payment.findUniqueOrThrow({ where: { orderId } });
    if (to === "PAID") expect(pay.status).toBe("SUCCEEDED");
    if (to === "CANCELLED") expect(pay.status).toBe(from === "PLACED" ? "DECLINED" : "REFUNDED");
    if (to === "REFUNDED") expect(pay).toMatchObject({ status: "REFUNDED", refundedMinor: pay.amountMinor });
  });

  it("refuses a stale version, so two staff clicking at once cannot both apply", async () => {
    const { orderId } = await orderIn("PAID");
    const { version } = await partOf(orderId);
    await inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to: "PACKED", expectedVersion: version }));
    const err = await appErrorOf(inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to: "CANCELLED", expectedVersion: version })));
    expect(err.code).toBe("VERSION_CONFLICT");
    expect((await partOf(orderId)).status).toBe("PACKED");
  });

  it.runIf(backend === "postgres")("lets exactly one of two concurrent steps with one version through", async () => {
    const { orderId, variantId } = await orderIn("PAID");
    const stock = await stockOf(variantId);
    const { version } = await partOf(orderId);
    const results = await Promise.allSettled([
      inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to: "CANCELLED", expectedVersion: version })),
      inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to: "CANCELLED", expectedVersion: version })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await stockOf(variantId)).toBe(stock + 2);
    expect(await ledgerSum(variantId)).toBe(stock + 2);
  });

  it("answers NOT_FOUND for another store's order, to reads and steps alike", async () => {
    const { orderId } = await orderIn("PAID");
    const err = await appErrorOf(inTransaction(t.db, (tx) => transitionPart(tx, other, { orderId, to: "PACKED", expectedVersion: 1 })));
    expect(err.code).toBe("NOT_FOUND");
    expect((await appErrorOf(getSellerOrder(t.db, other.storeId, orderId))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(getSellerOrder(t.db, other.storeId, "no-such-order"))).code).toBe("NOT_FOUND");
    const mine = await getSellerOrder(t.db, seller.storeId, orderId);
    expect(mine.actions.filter((a) => a.allowed).map((a) => a.to)).toEqual(["PACKED", "CANCELLED"]);
  });

  it("refuses shipping without a carrier or with a tracking number the carrier does not issue", async () => {
    const { orderId } = await orderIn("PACKED");
    const { version } = await partOf(orderId);
    expect((await appErrorOf(inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to: "SHIPPED", expectedVersion: version })))).code).toBe("VALIDATION");
    const bad = await appErrorOf(inTransaction(t.db, (tx) => transitionPart(tx, seller, { orderId, to: "SHIPPED", expectedVersion: version, carrier: "ups", trackingNumber: "12345" })));
    expect(bad.code).toBe("VALIDATION");
    expect((await partOf(orderId)).status).toBe("PACKED");
  });

  it("keeps each seller to their part: the order shows the least advanced part, and the customer's cancel returns only what is left", async () => {
    const mine = await freshVariant(seller.storeId, 10, 1000);
    const theirs = await freshVariant(other.storeId, 10, 3000);
    const placed = await place([{ variantId: mine, quantity: 2 }, { variantId: theirs, quantity: 1 }]);
    await step(placed.id, "CANCELLED");
    expect(await stockOf(mine)).toBe(10);
    expect(await stockOf(theirs)).toBe(9);
    let order = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { payment: true } });
    expect(order.status).toBe("PAID");
    // The part's goods and its shipping go back (decision 196); the other part's stay paid.
    const ownShipping = await t.db.orderShipping.findUniqueOrThrow({ where: { orderId_storeId: { orderId: placed.id, storeId: seller.storeId } } });
    expect(ownShipping.costMinor).toBeGreaterThan(0);
    expect(order.payment).toMatchObject({ status: "SUCCEEDED", refundedMinor: 2000 + ownShipping.costMinor });

    await step(placed.id, "PACKED", other);
    expect((await getMyOrder(t.db, customerId, placed.id)).status).toBe("PACKED");
    expect((await getMyOrder(t.db, customerId, placed.id)).cancellable).toBe(true);
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId, placed.id));
    expect(await stockOf(mine)).toBe(10); // not returned twice
    expect(await stockOf(theirs)).toBe(10);
    expect(await ledgerSum(mine)).toBe(10);
    expect(await ledgerSum(theirs)).toBe(10);
    order = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { payment: true } });
    expect(order.status).toBe("CANCELLED");
    expect(order.payment).toMatchObject({ status: "REFUNDED", refundedMinor: order.totalMinor });
    expect((await partOf(placed.id, other.storeId)).status).toBe("CANCELLED");
  });

  it("does not let the customer cancel once a part has shipped", async () => {
    const a = await freshVariant(seller.storeId);
    const b = await freshVariant(other.storeId);
    const placed = await place([{ variantId: a, quantity: 1 }, { variantId: b, quantity: 1 }]);
    await step(placed.id, "PACKED");
    await step(placed.id, "SHIPPED");
    const view = await getMyOrder(t.db, customerId, placed.id);
    expect(view.status).toBe("PAID");
    expect(view.cancellable).toBe(false);
    expect(view.parts.find((p) => p.storeId === seller.storeId)).toMatchObject({ status: "SHIPPED", carrierName: "DHL Express", trackingNumber: "1234567890" });
    expect((await appErrorOf(inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId, placed.id)))).code).toBe("CONFLICT");
  });

  it("lists the seller's orders filtered by status, with only their items counted", async () => {
    const { orderId } = await orderIn("PACKED");
    const packed = await listSellerOrders(t.db, seller.storeId, { status: "PACKED" });
    expect(packed.items.map((o) => o.orderId)).toContain(orderId);
    expect(packed.items.every((o) => o.status === "PACKED")).toBe(true);
    expect(packed.items.some((o) => o.orderId === orderId)).toBe(true);
    expect(packed.byStatus.PACKED).toBe(packed.total);
    const theirs = await listSellerOrders(t.db, other.storeId, { status: "PACKED" });
    expect(theirs.items.some((o) => o.orderId === orderId)).toBe(false);
  });

  it("serves seller.orders to sellers only, scoped to their store, with field errors for the ship form", async () => {
    const { orderId } = await orderIn("PACKED");
    const caller = async (email: string) => {
      const u = await t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true, role: true } });
      const session: Session = { user: { ...u, mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
      return createCaller(createContextInner({ db: t.db, session }));
    };
    const mine = await caller("seller1@livemarket.test");
    expect((await mine.seller.orders.byId({ orderId })).part.status).toBe("PACKED");
    const bad = await errorOf(mine.seller.orders.transition({ orderId, to: "SHIPPED", expectedVersion: 3, carrier: "ups", trackingNumber: "nope" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect((await errorOf((await caller("seller2@livemarket.test")).seller.orders.byId({ orderId }))).code).toBe("NOT_FOUND");
    expect((await errorOf((await caller("customer@livemarket.test")).seller.orders.list({}))).code).toBe("FORBIDDEN");
    const shipped = await mine.seller.orders.transition({ orderId, to: "SHIPPED", expectedVersion: (await partOf(orderId)).version, carrier: "ups", trackingNumber: "1z999aa1 0123456784" });
    expect(shipped.status).toBe("SHIPPED");
    expect((await partOf(orderId)).trackingNumber).toBe("1Z999AA10123456784");
  });
});
