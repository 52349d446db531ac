// Guest checkout, the signed order link, claiming guest orders with a verified email, the email
// change, saved addresses and the order history, on both backends, through the services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import type { Mail, Mailer } from "@/server/mail/mailer";
import { addToCart } from "@/server/services/cart/cart-items";
import { guestCheckout } from "@/server/services/orders/guest-checkout";
import { MailWorker } from "@/server/services/notifications/worker";
import { getOrderByLink, orderIdFromLink, signOrderLink } from "@/server/services/orders/order-link";
import { checkout } from "@/server/services/orders/checkout";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import type { TPlaceOrderInput } from "@/server/services/orders/schemas";
import { registerUser } from "@/server/services/users/register-user";
import { claimGuestOrders, confirmEmail, requestEmailChange, sendEmailVerification, INVALID_EMAIL_LINK } from "./email-verification";
import { createAddress, deleteAddress, listAddresses, setDefaultAddress, updateAddress } from "./addresses";
import { orderHistory } from "./order-history";
import { getProfile } from "./profile";

function capture() {
  const mails: Mail[] = [];
  const mailer: Mailer = { kind: "folder", async send(m) { mails.push(m); } };
  /** The token of the last link to `path` mailed to `to`. */
  const tokenFor = (to: string, path = "/verify-email?token=") => {
    const m = [...mails].reverse().find((x) => x.to === to);
    const link = m?.text.split("\n").find((l) => l.includes(path));
    if (!link) throw new Error(`no ${path} link mailed to ${to}`);
    return decodeURIComponent(link.slice(link.indexOf(path) + path.length).trim());
  };
  return { mails, mailer, tokenFor };
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${++seq}`;
const address = { name: "Gwen Guest", phone: "+15550199", zip: "10001", city: "New York", address: "1 Broadway", region: "NY" };

describe.each(backends())("guest checkout and account on %s", (backend) => {
  let t: TestDb;
  let variantId: string;
  let mail: MailWorker;
  const out = capture();

  const guestOrder = (email: string, extra: Partial<TPlaceOrderInput> = {}): TPlaceOrderInput => ({
    idempotencyKey: `guest-${uniq()}`,
    lines: [{ variantId, quantity: 1 }],
    delivery: { ...address, email },
    deliveryService: "standard",
    payment: { method: "cod" },
    ...extra,
  });
  const newUser = async (email: string, verified = false) =>
    t.db.user.create({ data: { email, name: "U", passwordHash: "x", emailVerifiedAt: verified ? new Date() : null }, select: { id: true, email: true } });

  beforeAll(async () => {
    t = await openTestDb(backend);
    // The guest's confirmation comes from the outbox, through the mail worker (decision 167).
    await t.db.outboxEvent.updateMany({ where: { mailAt: null }, data: { mailAt: new Date() } });
    mail = new MailWorker(t.db, { mailer: out.mailer, appUrl: "http://shop.test", digestHour: null });
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", deletedAt: null }, select: { id: true } });
    const v = await t.db.variant.create({ data: { productId: p.id, sku: `GUEST-${backend}-${uniq()}`, title: "Guest size", priceMinor: 1000, stock: 100 }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: 100, stockAfter: 100, reason: "RESTOCK" } });
    variantId = v.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("places a guest order with no account: stock taken, order.placed sent, one order per key, a mail with the signed link", async () => {
    const email = `guest-${uniq()}@example.com`;
    const input = guestOrder(email.toUpperCase());
    const placed = await guestCheckout(t.db, input);
    expect(placed).toMatchObject({ status: "PLACED", replayed: false });
    await mail.kick();
    const row = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, select: { userId: true, guestEmail: true, delivery: { select: { email: true } } } });
    expect(row).toEqual({ userId: null, guestEmail: email, delivery: { email } });
    const event = await t.db.outboxEvent.findFirstOrThrow({ where: { topic: "order.placed", aggregateId: placed.id }, select: { payload: true } });
    expect(event.payload).toMatchObject({ orderId: placed.id, userId: null });
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: variantId }, select: { stock: true } })).stock).toBeLessThan(100);

    // The same attempt again: the same order, no second mail; the same key with other contents: refused.
    const again = await guestCheckout(t.db, input);
    expect(again).toMatchObject({ id: placed.id, replayed: true });
    await mail.kick();
    expect(out.mails.filter((m) => m.to === email)).toHaveLength(1);
    expect((await appErrorOf(guestCheckout(t.db, { ...input, lines: [{ variantId, quantity: 2 }] }))).code).toBe("IDEMPOTENCY_CONFLICT");
    // Another guest's email scopes its own keys.
    const other = await guestCheckout(t.db, { ...input, delivery: { ...input.delivery, email: `other-${uniq()}@example.com` } });
    expect(other.id).not.toBe(placed.id);

    await mail.kick();
    const link = out.tokenFor(email, "/orders/view/");
    expect(`/orders/view/${link}`).toBe(placed.link);
    const shown = await getOrderByLink(t.db, link);
    expect(shown).toMatchObject({ id: placed.id, cancellable: false, delivery: { email } });
  });

  it("orders a guest's cart (its cookie) with a card and empties it", async () => {
    const owner = { userId: null, token: null as string | null, setToken(tok: string | null) { owner.token = tok; } };
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId, quantity: 2 }));
    const input = guestOrder(`cart-${uniq()}@example.com`, { lines: undefined, payment: { method: "card", cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" } });
    const placed = await guestCheckout(t.db, input, { cartToken: owner.token });
    expect(placed.status).toBe("PAID");
    const items = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, select: { items: { select: { quantity: true } } } });
    expect(items.items).toEqual([{ quantity: 2 }]);
    expect(await t.db.cartItem.count({ where: { cart: { token: owner.token! } } })).toBe(0);
    // Without a cart cookie there is nothing to order.
    expect((await appErrorOf(guestCheckout(t.db, { ...input, idempotencyKey: `guest-${uniq()}` }))).message).toMatch(/cart is empty/);
  });

  it("refuses a link that was tampered with, made for another order's id by hand, or signed with another secret: NOT_FOUND", async () => {
    const placed = await guestCheckout(t.db, guestOrder(`tamper-${uniq()}@example.com`));
    const token = placed.link.split("/").pop()!;
    expect(orderIdFromLink(token)).toBe(placed.id);
    const [body, sig] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ o: "someone-elses-order" })).toString("base64url")}.${sig}`;
    const flipped = `${body}.${sig!.slice(0, -2)}${sig!.endsWith("AA") ? "BB" : "AA"}`;
    // The last character's low bits are ignored by base64url decoding: still refused.
    const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBytes = `${body}.${sig!.slice(0, -1)}${b64[b64.indexOf(sig!.at(-1)!) ^ 1]}`;
    expect(Buffer.from(sameBytes.split(".")[1]!, "base64url").equals(Buffer.from(sig!, "base64url"))).toBe(true);
    for (const bad of [forged, flipped, sameBytes, `${token}x`, "not-a-token", signOrderLink(placed.id, "another-secret-of-32-characters-long!")]) {
      expect((await appErrorOf(getOrderByLink(t.db, bad))).code).toBe("NOT_FOUND");
    }
  });

  it("claims guest orders only once the account's email is verified, and never for another email", async () => {
    const email = `claim-${uniq()}@example.com`;
    const first = await guestCheckout(t.db, guestOrder(email));
    const strangers = await guestCheckout(t.db, guestOrder(`stranger-${uniq()}@example.com`));

    const user = await registerUser(t.db, { name: "Claire", email, password: "a-long-password-1" });
    // Registered, not verified: nothing is claimed, whoever asks.
    expect(await claimGuestOrders(t.db, user.id)).toBe(0);
    expect((await orderHistory(t.db, user.id, {})).items).toEqual([]);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: first.id }, select: { userId: true } })).userId).toBeNull();

    expect(await sendEmailVerification(t.db, user.id, { mailer: out.mailer })).toBe("sent");
    const token = out.tokenFor(email);
    expect(await confirmEmail(t.db, token)).toMatchObject({ userId: user.id, changed: false, claimed: 1 });
    expect((await t.db.order.findUniqueOrThrow({ where: { id: first.id }, select: { userId: true } })).userId).toBe(user.id);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: strangers.id }, select: { userId: true } })).userId).toBeNull();
    // A link works once.
    expect((await appErrorOf(confirmEmail(t.db, token))).message).toBe(INVALID_EMAIL_LINK);

    // A guest order placed later with the verified email joins the history when it is opened.
    const later = await guestCheckout(t.db, guestOrder(email));
    expect((await orderHistory(t.db, user.id, {})).items.map((o) => o.id)).toEqual([later.id, first.id]);
    // The claimed order's key is still its guest key: a retry finds it.
    expect((await checkout(t.db, null, { ...guestOrder(email), idempotencyKey: (await t.db.order.findUniqueOrThrow({ where: { id: first.id }, select: { idempotencyKey: true } })).idempotencyKey! })).id).toBe(first.id);
  });

  it("changes the email only when the link sent to the new address is opened; a taken address is refused", async () => {
    const oldEmail = `old-${uniq()}@example.com`;
    const newEmail = `new-${uniq()}@example.com`;
    const user = await newUser(oldEmail, true);
    const guest = await guestCheckout(t.db, guestOrder(newEmail));

    await requestEmailChange(t.db, user.id, newEmail, { mailer: out.mailer });
    expect(await getProfile(t.db, user.id)).toMatchObject({ email: oldEmail, emailVerified: true, pendingEmail: newEmail });
    expect(await claimGuestOrders(t.db, user.id)).toBe(0);

    const taken = await newUser(`taken-${uniq()}@example.com`);
    expect((await appErrorOf(requestEmailChange(t.db, user.id, taken.email, { mailer: out.mailer }))).code).toBe("CONFLICT");
    expect((await appErrorOf(requestEmailChange(t.db, user.id, oldEmail, { mailer: out.mailer }))).code).toBe("VALIDATION");

    expect(await confirmEmail(t.db, out.tokenFor(newEmail))).toMatchObject({ email: newEmail, changed: true, claimed: 1 });
    expect(await getProfile(t.db, user.id)).toMatchObject({ email: newEmail, emailVerified: true, pendingEmail: null });
    expect((await t.db.order.findUniqueOrThrow({ where: { id: guest.id }, select: { userId: true } })).userId).toBe(user.id);
    expect(await t.db.auditLog.count({ where: { entityId: user.id, action: "user.email" } })).toBe(1);
  });

  it("keeps a user's addresses to that user, with exactly one default", async () => {
    const me = await newUser(`addr-${uniq()}@example.com`);
    const them = await newUser(`addr-other-${uniq()}@example.com`);
    const home = await inTransaction(t.db, (tx) => createAddress(tx, me.id, { ...address, isDefault: false }));
    expect(home.isDefault).toBe(true); // the first one
    const work = await inTransaction(t.db, (tx) => createAddress(tx, me.id, { ...address, address: "2 Work Way", isDefault: true }));
    expect((await listAddresses(t.db, me.id)).map((a) => [a.id, a.isDefault])).toEqual([[work.id, true], [home.id, false]]);

    await inTransaction(t.db, (tx) => updateAddress(tx, me.id, home.id, { ...address, city: "Boston", isDefault: false }));
    await inTransaction(t.db, (tx) => setDefaultAddress(tx, me.id, home.id));
    expect((await listAddresses(t.db, me.id)).map((a) => [a.city, a.isDefault])).toEqual([["Boston", true], ["New York", false]]);

    // Another user's address id: not found, and nothing changes.
    // Each attempt starts only when the one before has failed: started together, a later
    // rejection would go unhandled while the first is awaited (Vitest fails the run for it).
    for (const attempt of [
      () => inTransaction(t.db, (tx) => updateAddress(tx, them.id, home.id, { ...address, city: "Stolen" })),
      () => inTransaction(t.db, (tx) => setDefaultAddress(tx, them.id, home.id)),
      () => inTransaction(t.db, (tx) => deleteAddress(tx, them.id, home.id)),
    ]) expect((await appErrorOf(attempt())).code).toBe("NOT_FOUND");
    expect(await listAddresses(t.db, them.id)).toEqual([]);
    expect((await appErrorOf(inTransaction(t.db, (tx) => createAddress(tx, me.id, { ...address, zip: "" })))).code).toBe("VALIDATION");

    await inTransaction(t.db, (tx) => deleteAddress(tx, me.id, home.id));
    expect((await listAddresses(t.db, me.id)).map((a) => [a.id, a.isDefault])).toEqual([[work.id, true]]);
  });

  it("keeps each address's country: the home market when none is sent, any listed code in any case, nothing else", async () => {
    const me = await newUser(`addr-country-${uniq()}@example.com`);
    const home = await inTransaction(t.db, (tx) => createAddress(tx, me.id, { ...address, isDefault: false }));
    expect(home.country).toBe("US");
    const berlin = await inTransaction(t.db, (tx) => createAddress(tx, me.id, { ...address, city: "Berlin", country: " de ", isDefault: false }));
    expect(berlin.country).toBe("DE");
    for (const country of ["XX", "Germany", ""]) {
      const err = await appErrorOf(inTransaction(t.db, (tx) => updateAddress(tx, me.id, berlin.id, { ...address, country, isDefault: false })));
      expect(err.code).toBe("VALIDATION");
      expect(err.message).toMatch(/Choose a country/);
    }
    expect((await listAddresses(t.db, me.id)).map((a) => a.country).sort()).toEqual(["DE", "US"]);
  });

  it("searches the order history by number, product and status", async () => {
    const user = await newUser(`hist-${uniq()}@example.com`);
    const a = await checkout(t.db, user.id, { ...guestOrder(user.email) });
    const name = (await t.db.orderItem.findFirstOrThrow({ where: { orderId: a.id }, select: { name: true } })).name;
    expect((await orderHistory(t.db, user.id, { q: `#${a.orderUid.slice(0, 6).toUpperCase()}` })).items.map((o) => o.id)).toEqual([a.id]);
    // By its short number, whole or in part, in any case.
    const { number } = await t.db.order.findUniqueOrThrow({ where: { id: a.id }, select: { number: true } });
    expect((await orderHistory(t.db, user.id, { q: number })).items.map((o) => o.id)).toEqual([a.id]);
    expect((await orderHistory(t.db, user.id, { q: number.slice(3).toLowerCase() })).items.map((o) => o.id)).toEqual([a.id]);
    expect((await orderHistory(t.db, user.id, { q: name.slice(0, 8).toLowerCase() })).items.map((o) => o.id)).toEqual([a.id]);
    expect((await orderHistory(t.db, user.id, { q: "no such product anywhere" })).items).toEqual([]);
    expect((await orderHistory(t.db, user.id, { status: "PLACED" })).items.map((o) => o.id)).toEqual([a.id]);
    expect((await orderHistory(t.db, user.id, { status: "DELIVERED" })).items).toEqual([]);
  });
});
