// Recommendations on both backends: "frequently bought together" counts kept from the outbox by
// the worker (placed orders add, a cancel removes, an event applied twice counts once, two
// workers at once count once, and the rebuild gives the same rows), and the three reads (only
// buyable products; similar never the product itself nor an unpublished one; "for you" never
// what the customer bought).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { checkout } from "@/server/services/orders/checkout";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { changeStock } from "@/server/services/inventory/variant-change";
import type { TPlaceOrderInput } from "@/server/services/orders/schemas";
import { rebuildRecommendations } from "./pairs";
import { forYou, frequentlyBoughtTogether, recordProductView, RECENT_VIEWS, similarProducts } from "./reads";
import { RecsWorker } from "./worker";

const delivery = { name: "Test Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "buyer@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
let seq = 0;
const order = (variantIds: string[]): TPlaceOrderInput => ({
  idempotencyKey: `recs-${Date.now()}-${++seq}`,
  lines: variantIds.map((variantId) => ({ variantId, quantity: 1 })),
  delivery,
  payment: card,
});

describe.each(backends())("recommendations on %s", (backend) => {
  let t: TestDb;
  let worker: RecsWorker;
  let buyer: string;
  let other: string;
  let storeId: string;
  let categoryId: string;
  const P: Record<string, { id: string; variantId: string }> = {};

  async function makeProduct(name: string, opts: { stock?: number; brand?: string; title?: string; categoryId?: string } = {}) {
    const tag = `${backend}-${Date.now()}-${++seq}`;
    const p = await t.db.product.create({
      data: {
        storeId,
        categoryId: opts.categoryId ?? categoryId,
        slug: `recs-${name.toLowerCase()}-${tag}`,
        title: opts.title ?? `Recs ${name} ${tag}`,
        brand: opts.brand ?? `RecsBrand${tag}`,
        status: "ACTIVE",
        variants: { create: { sku: `RECS-${name}-${tag}`, priceMinor: 1000, stock: opts.stock ?? 50 } },
      },
      select: { id: true, variants: { select: { id: true } } },
    });
    if ((opts.stock ?? 50) > 0) await t.db.inventoryMovement.create({ data: { variantId: p.variants[0]!.id, delta: opts.stock ?? 50, stockAfter: opts.stock ?? 50, reason: "RESTOCK" } });
    return { id: p.id, variantId: p.variants[0]!.id };
  }
  const pairCount = async (a: string, b: string) =>
    (await t.db.productPair.findUnique({ where: { productId_otherId: { productId: a, otherId: b } } }))?.orders ?? 0;
  const tables = async () => ({
    pairs: (await t.db.productPair.findMany({ orderBy: [{ productId: "asc" }, { otherId: "asc" }] })).map((r) => `${r.productId}|${r.otherId}|${r.orders}`),
    orders: (await t.db.recsOrder.findMany({ orderBy: { orderId: "asc" } })).map((r) => `${r.orderId}|${[...r.products].sort().join(",")}`),
  });
  const ids = (cards: { id: string }[]) => cards.map((c) => c.id);

  beforeAll(async () => {
    t = await openTestDb(backend);
    worker = new RecsWorker(t.db);
    const users = await Promise.all(
      ["buyer", "other"].map((n) => t.db.user.create({ data: { email: `recs-${n}-${backend}-${Date.now()}@example.com`, name: n, passwordHash: "x" }, select: { id: true } })),
    );
    buyer = users[0]!.id;
    other = users[1]!.id;
    const anyProduct = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { storeId: true } });
    storeId = anyProduct.storeId;
    // A category of its own, so similar-product assertions see only this file's products.
    categoryId = (await t.db.category.create({ data: { name: `Recs ${backend}`, slug: `recs-${backend}-${Date.now()}` }, select: { id: true } })).id;
    for (const n of ["A", "B", "C"]) P[n] = await makeProduct(n);
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  let cancelMe: string;

  it("counts distinct orders holding both products: two orders with A+B and one with A+C list B then C for A", async () => {
    cancelMe = (await checkout(t.db, buyer, order([P.A!.variantId, P.B!.variantId]))).id;
    await checkout(t.db, buyer, order([P.A!.variantId, P.B!.variantId]));
    await checkout(t.db, other, order([P.A!.variantId, P.C!.variantId]));
    // Nothing is counted inside the order's transaction: the worker applies the outbox after commit.
    expect(await pairCount(P.A!.id, P.B!.id)).toBe(0);
    await worker.kick();
    expect(await pairCount(P.A!.id, P.B!.id)).toBe(2);
    expect(await pairCount(P.B!.id, P.A!.id)).toBe(2);
    expect(await pairCount(P.A!.id, P.C!.id)).toBe(1);
    expect(await pairCount(P.B!.id, P.C!.id)).toBe(0);
    expect(ids(await frequentlyBoughtTogether(t.db, { productIds: [P.A!.id] }))).toEqual([P.B!.id, P.C!.id]);
    expect(ids(await frequentlyBoughtTogether(t.db, { productIds: [P.C!.id] }))).toEqual([P.A!.id]);
    // The cart's products together: neither of them is suggested.
    expect(ids(await frequentlyBoughtTogether(t.db, { productIds: [P.A!.id, P.B!.id] }))).toEqual([P.C!.id]);
  });

  it("an event applied twice counts once (its mark cleared, as after restoring the outbox)", async () => {
    const before = await tables();
    await t.db.outboxEvent.updateMany({ where: { topic: { in: ["order.placed", "order.status_changed"] } }, data: { recsAt: null } });
    await worker.kick();
    expect(await tables()).toEqual(before);
    expect(await pairCount(P.A!.id, P.B!.id)).toBe(2);
  });

  it("cancelling an order removes its contribution", async () => {
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, buyer, cancelMe));
    await worker.kick();
    expect(await pairCount(P.A!.id, P.B!.id)).toBe(1);
    expect(await pairCount(P.B!.id, P.A!.id)).toBe(1);
    expect(await t.db.recsOrder.findUnique({ where: { orderId: cancelMe } })).toBeNull();
    // Applying the cancel again changes nothing.
    await t.db.outboxEvent.updateMany({ where: { aggregateId: cancelMe }, data: { recsAt: null } });
    await worker.kick();
    expect(await pairCount(P.A!.id, P.B!.id)).toBe(1);
  });

  it("the rebuild gives exactly the rows the incremental path made", async () => {
    await worker.kick();
    const incremental = await tables();
    expect(incremental.pairs.length).toBeGreaterThan(0);
    await inTransaction(t.db, (tx) => rebuildRecommendations(tx));
    expect(await tables()).toEqual(incremental);
  });

  it.runIf(backend === "postgres")("two workers applying the same events at once count each order once (PostgreSQL, parallel transactions)", async () => {
    const D = await makeProduct("D");
    const E = await makeProduct("E");
    const placed = await Promise.all(Array.from({ length: 6 }, () => checkout(t.db, other, order([D.variantId, E.variantId, P.A!.variantId]))));
    expect(placed).toHaveLength(6);
    // Two workers taking small batches at once, and the same events applied again by a third
    // while they run (their marks cleared): every order counted once.
    const w1 = new RecsWorker(t.db, { batchSize: 2 });
    const w2 = new RecsWorker(t.db, { batchSize: 2 });
    await Promise.all([w1.kick(), w2.kick(), t.db.outboxEvent.updateMany({ where: { aggregateId: { in: placed.map((p) => p.id) } }, data: { recsAt: null } }).then(() => worker.kick())]);
    await worker.kick();
    expect(await pairCount(D.id, E.id)).toBe(6);
    expect(await pairCount(E.id, P.A!.id)).toBe(6);
    const incremental = await tables();
    await inTransaction(t.db, (tx) => rebuildRecommendations(tx));
    expect(await tables()).toEqual(incremental);
  });

  it("shows only products in stock now: a sold-out one leaves the list at once and comes back when restocked", async () => {
    await inTransaction(t.db, (tx) => changeStock(tx, { variantId: P.C!.variantId, delta: -(50 - 1) }, { reason: "CORRECTION", actorId: null }));
    await inTransaction(t.db, (tx) => changeStock(tx, { variantId: P.C!.variantId, delta: -1 }, { reason: "CORRECTION", actorId: null }));
    expect(ids(await frequentlyBoughtTogether(t.db, { productIds: [P.A!.id] }))).not.toContain(P.C!.id);
    expect(ids(await similarProducts(t.db, { productId: P.A!.id, limit: 12 }))).not.toContain(P.C!.id);
    await inTransaction(t.db, (tx) => changeStock(tx, { variantId: P.C!.variantId, delta: 5 }, { reason: "RESTOCK", actorId: null }));
    expect(ids(await frequentlyBoughtTogether(t.db, { productIds: [P.A!.id] }))).toContain(P.C!.id);
  });

  it("similar products: same category, brand or title words first, never the product itself nor an unpublished one", async () => {
    const twin = await makeProduct("Twin", { title: "Merino trail sock" });
    const sameBrand = await makeProduct("Brand", { title: "Merino trail sock deluxe" });
    const hidden = await makeProduct("Hidden", { title: "Merino trail sock hidden" });
    await t.db.product.update({ where: { id: hidden.id }, data: { status: "ARCHIVED" } });
    const draft = await t.db.product.create({
      data: { storeId, categoryId, slug: `recs-draft-${backend}-${Date.now()}`, title: "Merino trail sock draft", status: "DRAFT", variants: { create: { sku: `RECS-DRAFT-${backend}-${Date.now()}`, priceMinor: 100, stock: 5 } } },
      select: { id: true },
    });
    const list = ids(await similarProducts(t.db, { productId: twin.id, limit: 12 }));
    expect(list).not.toContain(twin.id);
    expect(list).not.toContain(hidden.id);
    expect(list).not.toContain(draft.id);
    // Same category and title words rank above same category alone.
    expect(list[0]).toBe(sameBrand.id);
    expect(list).toEqual(expect.arrayContaining([P.A!.id, P.B!.id]));
    // A hidden product has no similar list (its page is not shown either).
    expect(await similarProducts(t.db, { productId: hidden.id })).toEqual([]);
  });

  it("for you: the neighbours of what the customer bought and viewed, never what they bought; nothing without history", async () => {
    // buyer bought A+B (one order still standing); A was bought with C by another shopper.
    const mine = ids(await forYou(t.db, buyer, { limit: 12 }));
    // (On PostgreSQL the concurrency test's D and E, bought with A six times, rank above C.)
    expect(mine.slice(0, 3)).toContain(P.C!.id);
    expect(mine).not.toContain(P.A!.id);
    expect(mine).not.toContain(P.B!.id);
    const fresh = (await t.db.user.create({ data: { email: `recs-fresh-${backend}-${Date.now()}@example.com`, name: "fresh", passwordHash: "x" }, select: { id: true } })).id;
    expect(await forYou(t.db, fresh)).toEqual([]);
    // A view is enough: C's neighbour A comes first, and C itself (just viewed) is not suggested.
    expect(await inTransaction(t.db, (tx) => recordProductView(tx, fresh, { productId: P.C!.id }))).toEqual({ recorded: true });
    const viewed = ids(await forYou(t.db, fresh, { limit: 12 }));
    expect(viewed[0]).toBe(P.A!.id);
    expect(viewed).not.toContain(P.C!.id);
  });

  it("keeps only a customer's newest views, and ignores unknown products", async () => {
    const u = (await t.db.user.create({ data: { email: `recs-views-${backend}-${Date.now()}@example.com`, name: "v", passwordHash: "x" }, select: { id: true } })).id;
    const products = await t.db.product.findMany({ where: { status: "ACTIVE", deletedAt: null }, select: { id: true }, take: RECENT_VIEWS + 5 });
    for (const p of products) await inTransaction(t.db, (tx) => recordProductView(tx, u, { productId: p.id }));
    const kept = await t.db.productView.findMany({ where: { userId: u }, select: { productId: true } });
    expect(kept).toHaveLength(RECENT_VIEWS);
    expect(kept.map((k) => k.productId)).toContain(products.at(-1)!.id);
    expect(kept.map((k) => k.productId)).not.toContain(products[0]!.id);
    expect(await inTransaction(t.db, (tx) => recordProductView(tx, u, { productId: "no-such-product" }))).toEqual({ recorded: false });
  });
});
