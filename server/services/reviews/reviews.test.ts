// Reviews on both backends: only customers who received a product review it, once (edits update
// the row), aggregates and distribution follow writes and hiding, hiding is audited, sellers
// reply only to their own store's reviews, text comes back as written (rendered as text), the
// rating sort, the catalogue's rating fields and the live event; concurrent reviews of one
// product are all counted (PostgreSQL, real parallel transactions).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import { inTransaction } from "@/server/db/transaction";
import { appErrorOf, errorOf } from "@/test/errors";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { checkout } from "@/server/services/orders/checkout";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { getProductBySlug } from "@/server/services/catalog/get-product";
import { searchProducts } from "@/server/services/catalog/search-products";
import { getMyReview, listAllReviews, listProductReviews, listStoreReviews } from "./read-reviews";
import { saveReview, setReviewHidden } from "./write-reviews";
import type { PartStatus } from "@/shared/orders";

const delivery = { name: "Review Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "rb@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
const SHIP = { carrier: "dhl" as const, trackingNumber: "1234567890" };
let seq = 0;

describe.each(backends())("reviews on %s", (backend) => {
  let t: TestDb;
  const seller = { userId: "", storeId: "" };
  const other = { userId: "", storeId: "" };
  let adminId = "";

  async function customer(name = "Ada Lovelace") {
    return t.db.user.create({ data: { email: `rv-${backend}-${Date.now()}-${++seq}@example.com`, name, passwordHash: "x" }, select: { id: true, name: true, email: true } });
  }
  /** A fresh active product of the store, with one variant in stock. */
  async function freshProduct(storeId: string) {
    const cat = await t.db.category.findFirstOrThrow({ where: { parentId: { not: null } }, select: { id: true } });
    const slug = `rv-${backend}-${Date.now()}-${++seq}`;
    const p = await t.db.product.create({
      data: { storeId, categoryId: cat.id, slug, title: `Review target ${seq}`, status: "ACTIVE", variants: { create: { sku: slug, priceMinor: 1000, stock: 50 } } },
      select: { id: true, slug: true, variants: { select: { id: true } } },
    });
    await t.db.inventoryMovement.create({ data: { variantId: p.variants[0]!.id, delta: 50, stockAfter: 50, reason: "RESTOCK" } });
    return { id: p.id, slug: p.slug, variantId: p.variants[0]!.id };
  }
  async function orderTo(userId: string, variantId: string, storeActor: typeof seller, steps: PartStatus[]) {
    const placed = await checkout(t.db, userId, { idempotencyKey: `rv-${backend}-${++seq}`, lines: [{ variantId, quantity: 1 }], delivery, payment: card });
    for (const to of steps) {
      const { version } = await t.db.shipment.findUniqueOrThrow({ where: { orderId_storeId: { orderId: placed.id, storeId: storeActor.storeId } }, select: { version: true } });
      await inTransaction(t.db, (tx) => transitionPart(tx, storeActor, { orderId: placed.id, to, expectedVersion: version, ...(to === "SHIPPED" ? SHIP : {}) }));
    }
    return placed.id;
  }
  const DELIVERED: PartStatus[] = ["PACKED", "SHIPPED", "DELIVERED"];
  const save = (userId: string, input: Parameters<typeof saveReview>[2]) => inTransaction(t.db, (tx) => saveReview(tx, userId, input));
  const callerFor = (u: { id: string; name: string; email: string }, role: "CUSTOMER" | "SELLER" | "ADMIN" = "CUSTOMER") => {
    const session: Session = { user: { ...u, role, mfa: "not-enrolled" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
    return createCaller(createContextInner({ db: t.db, session }));
  };
  const aggregates = (id: string) => t.db.product.findUniqueOrThrow({ where: { id }, select: { ratingCount: true, ratingSum: true, ratingCounts: true, ratingVersion: true } });

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const [email, target] of [["seller1@livemarket.test", seller], ["seller2@livemarket.test", other]] as const) {
      const s = await t.db.store.findFirstOrThrow({ where: { owner: { email } }, select: { id: true, ownerId: true } });
      target.userId = s.ownerId;
      target.storeId = s.id;
    }
    adminId = (await t.db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a customer who has not received the product (FORBIDDEN), and changes nothing", async () => {
    const p = await freshProduct(seller.storeId);
    const never = await customer();
    const shipped = await customer();
    await orderTo(shipped.id, p.variantId, seller, ["PACKED", "SHIPPED"]);
    for (const u of [never, shipped]) {
      expect((await appErrorOf(save(u.id, { productId: p.id, rating: 5 }))).code).toBe("FORBIDDEN");
      expect((await errorOf(callerFor(u).reviews.save({ productId: p.id, rating: 5 }))).code).toBe("FORBIDDEN");
      expect((await getMyReview(t.db, u.id, { productId: p.id })).canReview).toBe(false);
    }
    expect(await t.db.review.count({ where: { productId: p.id } })).toBe(0);
    expect(await aggregates(p.id)).toMatchObject({ ratingCount: 0, ratingSum: 0, ratingVersion: 0 });
    // Bad input is a 400, not a 500.
    expect((await errorOf(callerFor(shipped).reviews.save({ productId: p.id, rating: 6 }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(callerFor(shipped).reviews.save({ productId: p.id, rating: 4, body: "x".repeat(2001) }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(createCaller(createContextInner({ db: t.db, session: null })).reviews.save({ productId: p.id, rating: 4 }))).code).toBe("UNAUTHORIZED");
  });

  it("lets a customer with a delivered order review once, as a verified purchase from that order; a second save edits it", async () => {
    const p = await freshProduct(seller.storeId);
    const u = await customer("Grace Brewster Hopper");
    const orderId = await orderTo(u.id, p.variantId, seller, DELIVERED);
    expect((await getMyReview(t.db, u.id, { productId: p.id })).canReview).toBe(true);
    const first = await callerFor(u).reviews.save({ productId: p.id, rating: 4, body: "  Solid kettle.  " });
    expect(first.created).toBe(true);
    expect(first.review).toMatchObject({ rating: 4, body: "Solid kettle.", orderId });
    const again = await callerFor(u).reviews.save({ productId: p.id, rating: 2, body: "It broke." });
    expect(again.created).toBe(false);
    expect(again.review.id).toBe(first.review.id);
    expect(await t.db.review.count({ where: { productId: p.id } })).toBe(1);
    const list = await listProductReviews(t.db, { productId: p.id });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ rating: 2, body: "It broke.", author: "Grace H.", verified: true, reply: null });
    expect(await aggregates(p.id)).toEqual({ ratingCount: 1, ratingSum: 2, ratingCounts: [0, 1, 0, 0, 0], ratingVersion: 2 });
    // The product page and the cards carry the aggregates.
    expect(await getProductBySlug(t.db, { slug: p.slug })).toMatchObject({ ratingCount: 1, ratingSum: 2, ratingCounts: [0, 1, 0, 0, 0], ratingVersion: 2 });
    // Every write records the event the relay sends to the product's room.
    const events = await t.db.outboxEvent.findMany({ where: { topic: "rating.changed", aggregateId: p.id }, orderBy: { id: "asc" }, select: { payload: true } });
    expect(events.map((e) => e.payload)).toEqual([
      { productId: p.id, storeId: seller.storeId, count: 1, sum: 4, counts: [0, 0, 0, 1, 0], version: 1 },
      { productId: p.id, storeId: seller.storeId, count: 1, sum: 2, counts: [0, 1, 0, 0, 0], version: 2 },
    ]);
  });

  it("counts only the part of the order that was delivered: another store's delivered part does not qualify", async () => {
    const mine = await freshProduct(seller.storeId);
    const theirs = await freshProduct(other.storeId);
    const u = await customer();
    const placed = await checkout(t.db, u.id, {
      idempotencyKey: `rv-${backend}-${++seq}`,
      lines: [{ variantId: mine.variantId, quantity: 1 }, { variantId: theirs.variantId, quantity: 1 }],
      delivery, payment: card,
    });
    for (const to of DELIVERED) {
      const { version } = await t.db.shipment.findUniqueOrThrow({ where: { orderId_storeId: { orderId: placed.id, storeId: other.storeId } }, select: { version: true } });
      await inTransaction(t.db, (tx) => transitionPart(tx, other, { orderId: placed.id, to, expectedVersion: version, ...(to === "SHIPPED" ? SHIP : {}) }));
    }
    expect((await appErrorOf(save(u.id, { productId: mine.id, rating: 5 }))).code).toBe("FORBIDDEN");
    expect((await save(u.id, { productId: theirs.id, rating: 5 })).created).toBe(true);
  });

  it("keeps the average and the distribution of visible reviews; hiding leaves them and the list, audited with the admin and the reason", async () => {
    const p = await freshProduct(seller.storeId);
    const ratings = [5, 5, 4, 1];
    const ids: string[] = [];
    for (const r of ratings) {
      const u = await customer();
      await orderTo(u.id, p.variantId, seller, DELIVERED);
      ids.push((await save(u.id, { productId: p.id, rating: r, body: `rated ${r}` })).review.id);
    }
    expect(await aggregates(p.id)).toMatchObject({ ratingCount: 4, ratingSum: 15, ratingCounts: [1, 0, 0, 1, 2] });
    const abusive = ids[3]!;
    const admin = await t.db.user.findUniqueOrThrow({ where: { id: adminId }, select: { id: true, name: true, email: true } });
    const res = await callerFor(admin, "ADMIN").admin.reviews.setHidden({ reviewId: abusive, hidden: true, reason: "Abusive language" });
    expect(res.changed).toBe(true);
    expect(await aggregates(p.id)).toMatchObject({ ratingCount: 3, ratingSum: 14, ratingCounts: [0, 0, 0, 1, 2] });
    expect((await listProductReviews(t.db, { productId: p.id })).items.map((r) => r.id)).not.toContain(abusive);
    expect((await listAllReviews(t.db, { visibility: "hidden" })).items.map((r) => r.id)).toContain(abusive);
    // Hiding again changes and records nothing.
    expect((await inTransaction(t.db, (tx) => setReviewHidden(tx, adminId, { reviewId: abusive, hidden: true, reason: "again" }))).changed).toBe(false);
    await inTransaction(t.db, (tx) => setReviewHidden(tx, adminId, { reviewId: abusive, hidden: false, reason: "Reviewed on appeal" }));
    expect(await aggregates(p.id)).toMatchObject({ ratingCount: 4, ratingSum: 15 });
    const audit = await t.db.auditLog.findMany({ where: { entityType: "Review", entityId: abusive }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, after: true } });
    expect(audit).toEqual([
      { action: "review.hide", actorId: adminId, after: { hidden: true, reason: "Abusive language" } },
      { action: "review.unhide", actorId: adminId, after: { hidden: false, reason: "Reviewed on appeal" } },
    ]);
    // A reason is required; sellers and customers cannot hide.
    expect((await errorOf(callerFor(admin, "ADMIN").admin.reviews.setHidden({ reviewId: abusive, hidden: true, reason: "" }))).code).toBe("BAD_REQUEST");
    const sellerUser = await t.db.user.findUniqueOrThrow({ where: { id: seller.userId }, select: { id: true, name: true, email: true } });
    expect((await errorOf(callerFor(sellerUser, "SELLER").admin.reviews.setHidden({ reviewId: abusive, hidden: true, reason: "mine" }))).code).toBe("FORBIDDEN");
  });

  it("sorts search by rating (best average, then most reviews) and pages through it", async () => {
    const best = await freshProduct(seller.storeId);
    for (const r of [5, 5]) {
      const u = await customer();
      await orderTo(u.id, best.variantId, seller, DELIVERED);
      await save(u.id, { productId: best.id, rating: r });
    }
    const search = await t.db.productSearch.findUniqueOrThrow({ where: { productId: best.id }, select: { ratingScore: true, ratingCount: true } });
    expect(search).toEqual({ ratingScore: 500, ratingCount: 2 });
    const ordered = await t.db.productSearch.findMany({ where: { visible: true }, select: { productId: true, ratingScore: true, ratingCount: true } });
    const expected = [...ordered]
      .sort((a, b) => b.ratingScore - a.ratingScore || b.ratingCount - a.ratingCount || (a.productId < b.productId ? 1 : a.productId > b.productId ? -1 : 0))
      .map((r) => r.productId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof searchProducts>> = await searchProducts(t.db, { sort: "rating", limit: 7, cursor });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(seen[0]).toBe(best.id);
    const first = await searchProducts(t.db, { sort: "rating", limit: 1 });
    expect(first.items[0]).toMatchObject({ id: best.id, ratingCount: 2, ratingSum: 10 });
  });

  it("lets a seller reply to (and edit the reply on) their store's reviews only; the reply shows under the review", async () => {
    const p = await freshProduct(seller.storeId);
    const u = await customer();
    await orderTo(u.id, p.variantId, seller, DELIVERED);
    const { review } = await save(u.id, { productId: p.id, rating: 3, body: "Okay" });
    const sellerUser = await t.db.user.findUniqueOrThrow({ where: { id: seller.userId }, select: { id: true, name: true, email: true } });
    const otherUser = await t.db.user.findUniqueOrThrow({ where: { id: other.userId }, select: { id: true, name: true, email: true } });
    expect((await errorOf(callerFor(otherUser, "SELLER").seller.reviews.reply({ reviewId: review.id, body: "Not yours" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(callerFor(u).seller.reviews.reply({ reviewId: review.id, body: "Customer" }))).code).toBe("FORBIDDEN");
    expect((await listStoreReviews(t.db, other.storeId, {})).items.map((r) => r.id)).not.toContain(review.id);
    const ratingEvents = () => t.db.outboxEvent.findMany({ where: { topic: "rating.changed", aggregateId: p.id }, orderBy: { id: "asc" }, select: { payload: true } });
    const before = await ratingEvents();
    await callerFor(sellerUser, "SELLER").seller.reviews.reply({ reviewId: review.id, body: "Thanks!" });
    await callerFor(sellerUser, "SELLER").seller.reviews.reply({ reviewId: review.id, body: "Thanks, we are on it." });
    // Each reply reaches open pages as the product's next rating event: same aggregates, next version.
    const after = (await ratingEvents()).map((e) => e.payload as { count: number; sum: number; version: number });
    expect(after).toHaveLength(before.length + 2);
    const last = before.at(-1)!.payload as { count: number; sum: number; version: number };
    expect(after.slice(-2)).toEqual([expect.objectContaining({ count: last.count, sum: last.sum, version: last.version + 1 }), expect.objectContaining({ count: last.count, sum: last.sum, version: last.version + 2 })]);
    const shown = (await listProductReviews(t.db, { productId: p.id })).items[0]!;
    expect(shown.reply).toMatchObject({ body: "Thanks, we are on it." });
    expect(await t.db.auditLog.count({ where: { entityType: "Review", entityId: review.id, actorId: seller.userId } })).toBe(2);
    expect((await listStoreReviews(t.db, seller.storeId, { filter: "unreplied" })).items.map((r) => r.id)).not.toContain(review.id);
  });

  it("stores text as written and answers it as written (test/components/review-list.test.ts renders it as text)", async () => {
    const p = await freshProduct(seller.storeId);
    const u = await customer();
    await orderTo(u.id, p.variantId, seller, DELIVERED);
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)> & <b>bold</b>`;
    await save(u.id, { productId: p.id, rating: 1, body: payload });
    const list = await listProductReviews(t.db, { productId: p.id });
    expect(list.items[0]!.body).toBe(payload);
  });

  it.runIf(backend === "postgres")("counts every one of many concurrent reviews of one product (real parallel transactions)", async () => {
    const p = await freshProduct(seller.storeId);
    const users = [];
    for (let i = 0; i < 8; i++) {
      const u = await customer();
      await orderTo(u.id, p.variantId, seller, DELIVERED);
      users.push(u);
    }
    await Promise.all(users.map((u, i) => save(u.id, { productId: p.id, rating: (i % 5) + 1 })));
    const sum = users.reduce((s, _u, i) => s + (i % 5) + 1, 0);
    expect(await aggregates(p.id)).toMatchObject({ ratingCount: 8, ratingSum: sum, ratingCounts: [2, 2, 2, 1, 1], ratingVersion: 8 });
    expect(await t.db.productSearch.findUniqueOrThrow({ where: { productId: p.id }, select: { ratingCount: true } })).toEqual({ ratingCount: 8 });
  });
});
