// Order emails on both backends, through the services and the mail worker (no mocks but the
// mailer, which records what it is handed): who gets which mail for each event, nothing for a
// rolled-back change, retries without duplicates, one sender per message with two workers at
// once, the daily digest (only that seller's low variants, once a day, not after unsubscribing),
// the unsubscribe token, the plain-text part and escaping of product names.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import type { Mail, Mailer } from "@/server/mail/mailer";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import { checkout } from "@/server/services/orders/checkout";
import { guestCheckout } from "@/server/services/orders/guest-checkout";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import type { PartStatus } from "@/shared/orders";
import { metrics } from "@/server/observability/metrics";
import { MailWorker } from "./worker";
import { mailPreferences, setMailPreferences, signUnsubscribe, unsubscribeDigest, unsubscribeTarget, userIdFromUnsubscribe } from "./unsubscribe";
import { esc, money } from "./templates";

const APP = "http://shop.test";
const delivery = { name: "Mia Mailer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "mia@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
const SHIP = { carrier: "dhl" as const, trackingNumber: "1234567890" };
const silent = { info() {}, warn() {}, error() {} };
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${++seq}`;

/** A mailer that records what it sends; `failNext` makes the next n sends throw. */
function recorder() {
  const sent: Mail[] = [];
  let failures = 0;
  const mailer: Mailer = {
    kind: "smtp",
    async send(m) {
      if (failures > 0) {
        failures--;
        throw new Error("421 try again later");
      }
      sent.push(m);
    },
  };
  return { sent, mailer, failNext: (n: number) => void (failures = n), to: (addr: string) => sent.filter((m) => m.to === addr) };
}

describe.each(backends())("order emails on %s", (backend) => {
  let t: TestDb;
  let customer: { id: string; email: string };
  const stores = { a: { userId: "", storeId: "", email: "", name: "" }, b: { userId: "", storeId: "", email: "", name: "" } };
  let out: ReturnType<typeof recorder>;
  let now = Date.parse("2026-12-02T10:00:00Z");
  const worker = (extra: Partial<ConstructorParameters<typeof MailWorker>[1]> = {}) =>
    new MailWorker(t.db, { mailer: out.mailer, appUrl: APP, digestHour: null, clock: () => now, random: () => 1, logger: silent, ...extra });

  async function variant(storeId: string, opts: { title?: string; stock?: number; threshold?: number; priceMinor?: number } = {}) {
    const p = await t.db.product.create({
      data: { storeId, title: opts.title ?? `Mail product ${uniq()}`, slug: `mail-${backend}-${uniq()}`, status: "ACTIVE", categoryId: (await t.db.category.findFirstOrThrow({ select: { id: true } })).id },
      select: { id: true },
    });
    const stock = opts.stock ?? 20;
    const v = await t.db.variant.create({
      data: { productId: p.id, sku: `MAIL-${backend}-${uniq()}`, title: "One size", priceMinor: opts.priceMinor ?? 1250, stock, lowStockThreshold: opts.threshold ?? 5 },
      select: { id: true, sku: true },
    });
    if (stock) await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: stock, stockAfter: stock, reason: "RESTOCK" } });
    return v;
  }
  const place = (lines: { variantId: string; quantity: number }[], paid = true) =>
    checkout(t.db, customer.id, { idempotencyKey: `mail-${uniq()}`, lines, delivery, payment: paid ? card : { method: "cod" } });
  async function step(orderId: string, store: { userId: string; storeId: string }, to: PartStatus) {
    const part = await t.db.shipment.findUniqueOrThrow({ where: { orderId_storeId: { orderId, storeId: store.storeId } }, select: { version: true } });
    return inTransaction(t.db, (tx) => transitionPart(tx, store, { orderId, to, expectedVersion: part.version, ...(to === "SHIPPED" ? SHIP : {}) }));
  }
  const numberOf = async (orderId: string) => (await t.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true } })).number;

  beforeAll(async () => {
    t = await openTestDb(backend);
    customer = await t.db.user.create({ data: { email: `mail-customer-${backend}@example.com`, name: "Mia <Customer>", passwordHash: "x" }, select: { id: true, email: true } });
    for (const [email, target] of [["seller1@livemarket.test", stores.a], ["seller2@livemarket.test", stores.b]] as const) {
      const s = await t.db.store.findFirstOrThrow({ where: { owner: { email } }, select: { id: true, name: true, ownerId: true, owner: { select: { email: true } } } });
      Object.assign(target, { userId: s.ownerId, storeId: s.id, email: s.owner.email, name: s.name });
    }
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    out = recorder();
    // Each test starts from an empty queue: what earlier tests (and the seed) recorded is done.
    await t.db.outboxEvent.updateMany({ where: { mailAt: null }, data: { mailAt: new Date() } });
    await t.db.mailMessage.updateMany({ where: { status: "PENDING" }, data: { status: "SENT" } });
  });

  it("mails the customer a confirmation and each seller only their part of a new order, then shipped, cancelled and refunded", async () => {
    const a = await variant(stores.a.storeId, { title: `Tom & "Jerry" <b>mug</b> ${uniq()}`, priceMinor: 1250 });
    const b = await variant(stores.b.storeId, { title: `Sunset lamp ${uniq()}`, priceMinor: 4000 });
    const aTitle = (await t.db.product.findFirstOrThrow({ where: { variants: { some: { id: a.id } } }, select: { title: true } })).title;
    const bTitle = (await t.db.product.findFirstOrThrow({ where: { variants: { some: { id: b.id } } }, select: { title: true } })).title;
    const placed = await place([{ variantId: a.id, quantity: 2 }, { variantId: b.id, quantity: 1 }]);
    const number = await numberOf(placed.id);
    const w = worker();
    await w.kick();

    expect(out.sent.map((m) => m.to).sort()).toEqual([customer.email, stores.a.email, stores.b.email].sort());
    const [confirmation] = out.to(customer.email);
    expect(confirmation!.subject).toBe(`Your Livemarket order ${number}`);
    // The plain-text part is there and says what matters; the account's order page is linked.
    expect(confirmation!.text).toContain(`${aTitle} (One size) × 2: ${money(2500, "USD")}`);
    expect(confirmation!.text).toContain(`${APP}/orders/${number}`);
    // A product name is text in the HTML, never markup; so is the customer's name.
    expect(confirmation!.html).toContain(esc(aTitle));
    expect(confirmation!.html).not.toContain("<b>mug</b>");
    expect(confirmation!.html).not.toContain("<Customer>");
    expect(confirmation!.html).toMatch(/^<!doctype html>/i);

    const [toA] = out.to(stores.a.email);
    const [toB] = out.to(stores.b.email);
    expect(toA!.subject).toBe(`New order ${number} for ${stores.a.name}`);
    expect(toA!.text).toContain(aTitle);
    expect(toA!.text).not.toContain(bTitle);
    expect(toA!.text).toContain(`Total: ${money(2500, "USD")}`);
    expect(toA!.text).toContain(`${APP}/seller/orders/${placed.id}`);
    expect(toB!.text).toContain(bTitle);
    expect(toB!.text).not.toContain(aTitle);
    expect(toB!.html).not.toContain("mug");

    // Seller A ships: the customer gets the tracking number and the carrier's tracking page.
    await step(placed.id, stores.a, "PACKED");
    await step(placed.id, stores.a, "SHIPPED");
    await w.kick();
    const shipped = out.sent.slice(3);
    expect(shipped.map((m) => [m.to, m.subject])).toEqual([[customer.email, `Your order ${number} has shipped`]]);
    const tracking = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=1234567890";
    expect(shipped[0]!.text).toContain(`Track your parcel with DHL Express: ${tracking}`);
    expect(shipped[0]!.html).toContain(esc(tracking));
    expect(shipped[0]!.text).toContain("1234567890");
    expect(shipped[0]!.text).not.toContain(bTitle);

    // Seller B cancels its paid part: a cancellation notice and a refund of that part's amount.
    await step(placed.id, stores.b, "CANCELLED");
    await w.kick();
    const later = out.sent.slice(4);
    expect(later.map((m) => m.subject).sort()).toEqual([`Refund for your order ${number}`, `Your order ${number} was cancelled`].sort());
    expect(later.every((m) => m.to === customer.email)).toBe(true);
    expect(later.find((m) => m.subject.startsWith("Refund"))!.text).toContain(`We refunded ${money(4000, "USD")} for your items from ${stores.b.name}`);
    expect(later.find((m) => m.subject.includes("cancelled"))!.text).toContain(bTitle);

    // Nothing is sent twice, however often the worker runs.
    await w.kick();
    await w.kick();
    expect(out.sent).toHaveLength(6);
    expect(await t.db.mailMessage.count({ where: { key: { contains: placed.id } } })).toBe(6);
  });

  it("a customer's cancel of a whole order is one cancellation notice, and no refund for an unpaid order", async () => {
    const a = await variant(stores.a.storeId);
    const b = await variant(stores.b.storeId);
    const placed = await place([{ variantId: a.id, quantity: 1 }, { variantId: b.id, quantity: 1 }], false);
    const w = worker();
    await w.kick();
    out.sent.length = 0;
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, customer.id, placed.id));
    expect(await t.db.outboxEvent.count({ where: { aggregateId: placed.id, topic: "order.status_changed" } })).toBe(2);
    await w.kick();
    expect(out.sent.map((m) => [m.to, m.subject])).toEqual([[customer.email, `Your order ${await numberOf(placed.id)} was cancelled`]]);
  });

  it("mails a guest the confirmation with the signed link to the order (the one way guests are mailed)", async () => {
    const a = await variant(stores.a.storeId);
    const email = `guest-${uniq()}@example.com`;
    const placed = await guestCheckout(t.db, { idempotencyKey: `g-${uniq()}`, lines: [{ variantId: a.id, quantity: 1 }], delivery: { ...delivery, email }, payment: { method: "cod" } });
    await worker().kick();
    const mails = out.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`${APP}${placed.link}`);
    expect(mails[0]!.text).toContain("to pay on delivery");
  });

  it("sends nothing for a change whose transaction rolled back", async () => {
    const a = await variant(stores.a.storeId);
    const placed = await place([{ variantId: a.id, quantity: 1 }]);
    const w = worker();
    await w.kick();
    const before = out.sent.length;
    await step(placed.id, stores.a, "PACKED");
    await w.kick();
    const part = await t.db.shipment.findUniqueOrThrow({ where: { orderId_storeId: { orderId: placed.id, storeId: stores.a.storeId } }, select: { version: true } });
    await expect(
      inTransaction(t.db, async (tx) => {
        await transitionPart(tx, stores.a, { orderId: placed.id, to: "SHIPPED", expectedVersion: part.version, ...SHIP });
        throw new Error("rolled back after the step");
      }),
    ).rejects.toThrow("rolled back");
    await w.kick();
    expect(out.sent.length).toBe(before);
    expect(await t.db.mailMessage.count({ where: { key: { startsWith: `order.shipped:${placed.id}` } } })).toBe(0);
  });

  it("retries a failed send with backoff and sends it once when the server is back; gives up visibly after maxAttempts", async () => {
    const a = await variant(stores.a.storeId);
    const placed = await place([{ variantId: a.id, quantity: 1 }]);
    const w = worker({ maxAttempts: 3 });
    out.failNext(2 * 2); // the customer's and the seller's message, twice each
    await w.kick();
    expect(out.sent).toHaveLength(0);
    const keys = [`order.confirmation:${placed.id}`, `seller.new_order:${placed.id}:${stores.a.storeId}:${stores.a.userId}`];
    const rows = () => t.db.mailMessage.findMany({ where: { key: { in: keys } }, select: { status: true, attempts: true, lastError: true, nextAttemptAt: true }, orderBy: { key: "asc" } });
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([["PENDING", 1, "421 try again later"], ["PENDING", 1, "421 try again later"]]);
    // Not due yet: nothing is tried.
    await w.kick();
    expect((await rows()).every((r) => r.attempts === 1)).toBe(true);
    now += 31_000;
    await w.kick();
    expect((await rows()).every((r) => r.status === "PENDING" && r.attempts === 2)).toBe(true);
    now += 61_000;
    await w.kick();
    expect((await rows()).map((r) => r.status)).toEqual(["SENT", "SENT"]);
    expect(out.sent.map((m) => m.to).sort()).toEqual([customer.email, stores.a.email].sort());
    now += 3_600_000;
    await w.kick();
    expect(out.sent).toHaveLength(2);

    // A server that never comes back: FAILED after 3 attempts, logged and counted.
    const b = await variant(stores.b.storeId);
    const doomed = await place([{ variantId: b.id, quantity: 1 }]);
    const errors: unknown[] = [];
    const failing = worker({ maxAttempts: 3, logger: { ...silent, error: (...args: unknown[]) => void errors.push(args) } });
    const failedBefore = (await metrics.mailMessages.get()).values.find((v) => v.labels.result === "failed")?.value ?? 0;
    out.failNext(1000);
    for (let i = 0; i < 4; i++) {
      await failing.kick();
      now += 3_600_000;
    }
    const gaveUp = await t.db.mailMessage.findMany({ where: { key: { contains: doomed.id } }, select: { status: true, attempts: true } });
    expect(gaveUp).toEqual([{ status: "FAILED", attempts: 3 }, { status: "FAILED", attempts: 3 }]);
    expect(errors).toHaveLength(2);
    const failedAfter = (await metrics.mailMessages.get()).values.find((v) => v.labels.result === "failed")!.value;
    expect(failedAfter - failedBefore).toBe(2);
    out.failNext(0);
  });

  it("composing an event again (a worker that died before marking it) writes no second message", async () => {
    const a = await variant(stores.a.storeId);
    const placed = await place([{ variantId: a.id, quantity: 1 }]);
    const w = worker();
    await w.kick();
    expect(out.sent).toHaveLength(2);
    // As if the mark had never been written: the event is claimed and composed again.
    await t.db.outboxEvent.updateMany({ where: { aggregateId: placed.id }, data: { mailAt: null, mailLockedUntil: null } });
    await w.kick();
    expect(out.sent).toHaveLength(2);
    expect(await t.db.mailMessage.count({ where: { key: { contains: placed.id } } })).toBe(2);
  });

  it("two workers at once send each message once", async () => {
    const lines = await Promise.all([variant(stores.a.storeId), variant(stores.b.storeId)]);
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await place(lines.map((v) => ({ variantId: v.id, quantity: 1 }))));
    const [w1, w2] = [worker(), worker()];
    await Promise.all([w1.kick(), w2.kick(), w1.kick(), w2.kick()]);
    // 4 orders × (customer + 2 sellers), each sent once between the two.
    expect(out.sent).toHaveLength(12);
    expect(new Set(out.sent.map((m) => `${m.to}|${m.subject}`)).size).toBe(12);
    expect(w1.stats.sent + w2.stats.sent).toBe(12);
  });

  describe("daily low-stock digest", () => {
    beforeAll(async () => {
      // Only the variants these tests make are low: every product so far leaves the shop.
      await t.db.product.updateMany({ where: { status: "ACTIVE" }, data: { status: "ARCHIVED" } });
    });

    it("lists only that seller's low variants, once a day, with a working unsubscribe; not sent after unsubscribing", async () => {
      const low = await variant(stores.a.storeId, { title: `Low <i>kettle</i> ${uniq()}`, stock: 2, threshold: 3 });
      const out0 = await variant(stores.a.storeId, { title: `Gone pan ${uniq()}`, stock: 0, threshold: 0 });
      const fine = await variant(stores.a.storeId, { title: `Plenty pot ${uniq()}`, stock: 50, threshold: 3 });
      const foreign = await variant(stores.b.storeId, { title: `Other store cup ${uniq()}`, stock: 1, threshold: 5 });
      const w = worker();
      expect(await w.runDigest("2026-12-02")).toBe(2);
      await w.kick();
      const [digest] = out.to(stores.a.email);
      expect(out.to(stores.a.email)).toHaveLength(1);
      expect(digest!.subject).toBe(`Low stock at ${stores.a.name}: 2 variants (Dec 2, 2026)`);
      expect(digest!.text).toContain(`[${low.sku}]: 2 left (alert at 3)`);
      expect(digest!.text).toContain(`[${out0.sku}]: sold out`);
      expect(digest!.text).not.toContain(fine.sku);
      expect(digest!.text).not.toContain(foreign.sku);
      expect(digest!.html).not.toContain("<i>kettle</i>");
      expect(out.to(stores.b.email)[0]!.text).toContain(foreign.sku);
      expect(out.to(stores.b.email)[0]!.text).not.toContain(low.sku);

      // The unsubscribe link and the List-Unsubscribe header name this seller, signed.
      const link = digest!.text.split("\n").find((l) => l.includes("/unsubscribe/"))!;
      const token = decodeURIComponent(link.slice(link.indexOf("/unsubscribe/") + "/unsubscribe/".length).trim());
      expect(userIdFromUnsubscribe(token)).toBe(stores.a.userId);
      expect(digest!.headers?.["List-Unsubscribe"]).toMatch(new RegExp(`^<${APP}/api/mail/unsubscribe\\?token=`));
      expect(digest!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

      // The same day again (another process, a restart): nothing new.
      expect(await w.runDigest("2026-12-02")).toBe(0);
      await w.kick();
      expect(out.sent).toHaveLength(2);

      // Unsubscribed: the next day's digest skips this seller, not the other.
      expect(await unsubscribeTarget(t.db, token)).toEqual({ email: stores.a.email, subscribed: true });
      await unsubscribeDigest(t.db, token);
      expect(await mailPreferences(t.db, stores.a.userId)).toEqual({ lowStockDigest: false });
      expect(await w.runDigest("2026-12-03")).toBe(1);
      await w.kick();
      expect(out.to(stores.a.email)).toHaveLength(1);
      expect(out.to(stores.b.email)).toHaveLength(2);

      // Back on from seller settings: the day after, it comes again.
      await setMailPreferences(t.db, stores.a.userId, { lowStockDigest: true });
      expect(await w.runDigest("2026-12-04")).toBe(2);
    });

    it("the scheduled run goes once a day from the configured hour", async () => {
      await variant(stores.a.storeId, { stock: 1, threshold: 2 });
      now = Date.parse("2026-12-10T05:59:00Z");
      const w = worker({ digestHour: 6 });
      await w.kick();
      expect(await t.db.mailMessage.count({ where: { key: { startsWith: "seller.low_stock_digest:2026-12-10:" } } })).toBe(0);
      now = Date.parse("2026-12-10T06:00:00Z");
      await w.kick();
      const first = await t.db.mailMessage.count({ where: { key: { startsWith: "seller.low_stock_digest:2026-12-10:" } } });
      expect(first).toBeGreaterThan(0);
      // Another process starting later the same day writes nothing new.
      now = Date.parse("2026-12-10T09:00:00Z");
      await worker({ digestHour: 6 }).kick();
      expect(await t.db.mailMessage.count({ where: { key: { startsWith: "seller.low_stock_digest:2026-12-10:" } } })).toBe(first);
    });

    it("refuses a tampered, foreign-purpose or unknown token: NOT_FOUND, nothing changed", async () => {
      const token = signUnsubscribe(stores.b.userId);
      const [body, sig] = token.split(".");
      const forged = `${Buffer.from(JSON.stringify({ u: stores.a.userId, l: "low-stock-digest" })).toString("base64url")}.${sig}`;
      const flipped = `${body}.${sig!.slice(0, -2)}${sig!.endsWith("AA") ? "BB" : "AA"}`;
      const other = signUnsubscribe(stores.a.userId, "another-secret-of-32-characters-long!");
      for (const bad of [forged, flipped, `${token}x`, "not-a-token", other, signUnsubscribe("no-such-user")]) {
        expect((await appErrorOf(unsubscribeDigest(t.db, bad))).code).toBe("NOT_FOUND");
        expect((await appErrorOf(unsubscribeTarget(t.db, bad))).code).toBe("NOT_FOUND");
      }
      expect(await mailPreferences(t.db, stores.a.userId)).toEqual({ lowStockDigest: true });
      expect(await mailPreferences(t.db, stores.b.userId)).toEqual({ lowStockDigest: true });
    });
  });

  it("the unsubscribe POST (page button and RFC 8058 one-click) answers 404 for a bad token and changes nothing; a good one unsubscribes", async () => {
    const { POST } = await import("@/app/api/mail/unsubscribe/route");
    const g = globalThis as unknown as { __livemarketDb?: Promise<unknown> };
    const saved = g.__livemarketDb;
    g.__livemarketDb = Promise.resolve({ db: t.db, close: async () => {} });
    try {
      const post = (token: string, oneClick: boolean) =>
        POST(
          new Request(`${APP}/api/mail/unsubscribe?token=${encodeURIComponent(token)}`, {
            method: "POST",
            // The page's button posts an empty form, as a browser does; a mail client, the one-click field.
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: oneClick ? "List-Unsubscribe=One-Click" : "",
          }),
          { params: Promise.resolve({}) },
        );
      const token = signUnsubscribe(stores.b.userId);
      const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
      for (const bad of [tampered, "x".repeat(2000), ""]) {
        const res = await post(bad, true);
        expect(res.status === 404 || res.status === 400, `${bad.slice(0, 20)}: ${res.status}`).toBe(true);
      }
      expect(await mailPreferences(t.db, stores.b.userId)).toEqual({ lowStockDigest: true });
      const oneClick = await post(token, true);
      expect(oneClick.status).toBe(200);
      expect(await mailPreferences(t.db, stores.b.userId)).toEqual({ lowStockDigest: false });
      await setMailPreferences(t.db, stores.b.userId, { lowStockDigest: true });
      const button = await post(token, false);
      expect(button.status).toBe(303);
      expect(button.headers.get("location")).toBe(`/unsubscribe/${encodeURIComponent(token)}?done=1`);
      expect(await mailPreferences(t.db, stores.b.userId)).toEqual({ lowStockDigest: false });
      await setMailPreferences(t.db, stores.b.userId, { lowStockDigest: true });
    } finally {
      g.__livemarketDb = saved;
    }
  });

  it("writes money in the currency's own decimals", () => {
    expect(money(129_900, "USD")).toBe("$1,299.00");
    expect(money(1299, "JPY")).toBe("¥1,299");
    expect(money(1299, "KWD")).toBe("KWD 1.299");
  });
});
