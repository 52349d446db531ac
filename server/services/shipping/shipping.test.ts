// Shipping zones and rates (decisions 194-196): the pure rules, then on both backends the
// checkout's quote, placing an order with each seller's option (priced on the server, stored
// per part), the refusals (no zone for the address, a tampered choice) that change nothing, and
// a seller's zones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import type { CartOwner } from "@/server/services/cart/cart-owner";
import { checkout } from "@/server/services/orders/checkout";
import { getMyOrder } from "@/server/services/orders/read-orders";
import { chooseShipping, cartShippingQuote, quoteParts, type StoreShipping } from "./quote";
import { matchZone, priceRate, type RateRule, type ZoneRule } from "./rules";
import { listShippingZones, saveShippingZone } from "./manage";

const zone = (id: string, countries: string[], regions: string[] = [], restOfWorld = false): ZoneRule => ({ id, name: id, countries, regions, restOfWorld });
const rate = (r: Partial<RateRule> & Pick<RateRule, "kind">): RateRule => ({ id: "r", name: "r", amountMinor: 0, perKgMinor: 0, tiers: [], freeAboveMinor: null, currency: "USD", position: 0, ...r });
const part = (subtotalMinor: number, weightGrams = 0) => ({ subtotalMinor, weightGrams, currency: "USD" });

describe("zone matching", () => {
  const zones = [zone("world", [], [], true), zone("us", ["US"]), zone("ca", ["US"], ["CA", "California"]), zone("eu", ["DE", "FR"])];
  it("a region zone beats its country's zone; the region is matched without regard to case or spacing", () => {
    expect(matchZone(zones, { country: "US", region: "CA" })?.id).toBe("ca");
    expect(matchZone(zones, { country: "us", region: "  california " })?.id).toBe("ca");
    expect(matchZone(zones, { country: "US", region: "TX" })?.id).toBe("us");
    expect(matchZone(zones, { country: "US", region: "" })?.id).toBe("us");
  });
  it("a country zone beats rest of world, which takes any other address", () => {
    expect(matchZone(zones, { country: "DE" })?.id).toBe("eu");
    expect(matchZone(zones, { country: "JP" })?.id).toBe("world");
  });
  it("no zone for the address: none (the store does not ship there)", () => {
    expect(matchZone(zones.slice(1), { country: "JP" })).toBeNull();
    // A region zone alone does not cover the rest of its country.
    expect(matchZone([zone("ca", ["US"], ["CA"])], { country: "US", region: "NY" })).toBeNull();
  });
});

describe("rates", () => {
  it("flat", () => expect(priceRate(rate({ kind: "FLAT", amountMinor: 499 }), part(1000))).toBe(499));
  it("by weight: base plus every started kilogram", () => {
    const r = rate({ kind: "WEIGHT", amountMinor: 1000, perKgMinor: 300 });
    expect(priceRate(r, part(1000, 0))).toBe(1000);
    expect(priceRate(r, part(1000, 1))).toBe(1300);
    expect(priceRate(r, part(1000, 1000))).toBe(1300);
    expect(priceRate(r, part(1000, 2500))).toBe(1900);
  });
  it("by subtotal: the highest tier at or below the subtotal", () => {
    const r = rate({ kind: "SUBTOTAL", tiers: [{ fromMinor: 10000, costMinor: 299 }, { fromMinor: 0, costMinor: 499 }, { fromMinor: 20000, costMinor: 0 }] });
    expect(priceRate(r, part(9999))).toBe(499);
    expect(priceRate(r, part(10000))).toBe(299);
    expect(priceRate(r, part(25000))).toBe(0);
  });
  it("free from an amount of the part's goods; another currency does not price", () => {
    const r = rate({ kind: "FLAT", amountMinor: 499, freeAboveMinor: 5000 });
    expect(priceRate(r, part(4999))).toBe(499);
    expect(priceRate(r, part(5000))).toBe(0);
    expect(priceRate({ ...r, currency: "EUR" }, part(1000))).toBeNull();
  });
  it("choices: the cheapest by default; an option not offered, or a store without a part, is refused", () => {
    const shipping = new Map<string, StoreShipping>([
      ["s1", { storeId: "s1", storeName: "One", zones: [{ ...zone("us", ["US"]), rates: [rate({ id: "exp", kind: "FLAT", amountMinor: 1500 }), rate({ id: "std", kind: "FLAT", amountMinor: 500, position: 1 })] }, { ...zone("de", ["DE"]), rates: [rate({ id: "intl", kind: "FLAT", amountMinor: 900 })] }] }],
      ["s2", { storeId: "s2", storeName: "Two", zones: [{ ...zone("us", ["US"]), rates: [rate({ id: "two", kind: "FLAT", amountMinor: 700 })] }] }],
    ] as unknown as [string, StoreShipping][]);
    const lines = [{ storeId: "s1", priceMinor: 1000, quantity: 2, weightGrams: 100, currency: "USD" }, { storeId: "s2", priceMinor: 300, quantity: 1, weightGrams: 0, currency: "USD" }];
    const us = quoteParts(lines, shipping, { country: "US", region: "" });
    expect(us.map((p) => [p.storeId, p.subtotalMinor, p.cheapestRateId])).toEqual([["s1", 2000, "std"], ["s2", 300, "two"]]);
    expect(chooseShipping(us, []).map((c) => c.costMinor)).toEqual([500, 700]);
    expect(chooseShipping(us, [{ storeId: "s1", rateId: "exp" }]).map((c) => c.costMinor)).toEqual([1500, 700]);
    expect(() => chooseShipping(us, [{ storeId: "s1", rateId: "intl" }])).toThrow(/not available for this address/);
    expect(() => chooseShipping(us, [{ storeId: "s3", rateId: "std" }])).toThrow(/nothing in this order/);
    const de = quoteParts(lines, shipping, { country: "DE", region: "" });
    expect(de[1]!.unavailable).toBe("Two does not ship to Germany");
    expect(() => chooseShipping(de, [])).toThrow(/Two does not ship to Germany/);
  });
});

describe.each(backends())("shipping on %s", (backend) => {
  let t: TestDb;
  let customerId: string;
  let seq = 0;
  const delivery = { name: "Ship Buyer", phone: "+15550100", zip: "10001", city: "New York", address: "1 Broadway", region: "NY", country: "US", email: "ship@example.com" };
  const owner = (userId: string): CartOwner => ({ userId, token: null, setToken() {} });
  // One variant of Northwind and one of Sunset, fresh, at known prices and weights.
  let nw: { id: string; storeId: string };
  let sh: { id: string; storeId: string };

  async function freshVariant(storeSlug: string, priceMinor: number, weightGrams: number) {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", deletedAt: null, store: { slug: storeSlug } }, select: { id: true, storeId: true } });
    const sku = `SHIP-${backend}-${Date.now()}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock: 50, weightGrams, currency: "USD" }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: 50, stockAfter: 50, reason: "RESTOCK" } });
    return { id: v.id, storeId: p.storeId };
  }
  async function cartOf(userId: string, lines: { variantId: string; quantity: number }[]) {
    await t.db.cart.upsert({
      where: { userId },
      create: { userId, items: { create: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, priceMinorAdded: 0 })) } },
      update: { items: { deleteMany: {}, create: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, priceMinorAdded: 0 })) } },
    });
  }
  const rateId = async (storeSlug: string, name: string) => (await t.db.shippingRate.findFirstOrThrow({ where: { name, zone: { store: { slug: storeSlug } } }, select: { id: true } })).id;

  beforeAll(async () => {
    t = await openTestDb(backend);
    customerId = (await t.db.user.create({ data: { email: `ship-${backend}@example.com`, name: "Ship", passwordHash: "x" }, select: { id: true } })).id;
    nw = await freshVariant("northwind", 2000, 1500);
    sh = await freshVariant("sunset", 6000, 2000);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("quotes each seller's part of the cart for the address, cheapest first chosen; a region zone and abroad differ", async () => {
    await cartOf(customerId, [{ variantId: nw.id, quantity: 1 }, { variantId: sh.id, quantity: 2 }]);
    const us = await cartShippingQuote(t.db, owner(customerId), { country: "US", region: "NY" });
    expect(us.shippable).toBe(true);
    const byStore = new Map(us.parts.map((p) => [p.storeId, p]));
    expect(byStore.get(nw.storeId)).toMatchObject({ storeName: "Northwind Outfitters", subtotalMinor: 2000, options: [{ name: "Standard (3–5 days)", costMinor: 499 }, { name: "Express (1–2 days)", costMinor: 1499 }] });
    // Sunset's economy is priced on its part's subtotal (12000: the 100.00 tier).
    expect(byStore.get(sh.storeId)).toMatchObject({ subtotalMinor: 12000, options: [{ name: "Economy (4–7 days)", costMinor: 299 }, { name: "Priority (2–3 days)", costMinor: 1299 }] });
    expect(byStore.get(sh.storeId)!.cheapestRateId).toBe(await rateId("sunset", "Economy (4–7 days)"));
    // France: Northwind's rest of world by weight (1.5 kg: 2 started kg); Sunset does not ship there.
    const fr = await cartShippingQuote(t.db, owner(customerId), { country: "FR", region: "" });
    expect(fr.shippable).toBe(false);
    const frBy = new Map(fr.parts.map((p) => [p.storeId, p]));
    expect(frBy.get(nw.storeId)!.options).toMatchObject([{ name: "International (7–14 days)", costMinor: 1299 + 2 * 400 }]);
    expect(frBy.get(sh.storeId)).toMatchObject({ options: [], unavailable: "Sunset Home & Kitchen does not ship to France" });
  });

  it("places an order with each seller's chosen option: priced on the server, stored per part, summed on the order", async () => {
    const shipping = [{ storeId: nw.storeId, rateId: await rateId("northwind", "Express (1–2 days)") }];
    const placed = await checkout(t.db, customerId, {
      idempotencyKey: `ship-${backend}-${++seq}`,
      lines: [{ variantId: nw.id, quantity: 1 }, { variantId: sh.id, quantity: 2 }],
      delivery,
      shipping,
      payment: { method: "cod" },
    });
    // Northwind express 1499 (chosen) + Sunset economy 299 (its cheapest: no choice named).
    expect(placed.totalMinor).toBe(2000 + 12000 + 1499 + 299);
    const order = await getMyOrder(t.db, customerId, placed.id);
    expect(order.deliveryCostMinor).toBe(1499 + 299);
    const parts = new Map(order.parts.map((p) => [p.storeId, p]));
    expect(parts.get(nw.storeId)).toMatchObject({ shipping: { name: "Express (1–2 days)", costMinor: 1499 }, totals: { subtotalMinor: 2000, shippingMinor: 1499, totalMinor: 3499 } });
    expect(parts.get(sh.storeId)).toMatchObject({ shipping: { name: "Economy (4–7 days)", costMinor: 299 }, totals: { subtotalMinor: 12000, shippingMinor: 299, totalMinor: 12299 } });
    expect(order.parts.reduce((s, p) => s + p.totals.totalMinor, 0)).toBe(order.totalMinor);
    const payment = await t.db.payment.findUniqueOrThrow({ where: { orderId: placed.id }, select: { deliveryCostMinor: true, amountMinor: true } });
    expect(payment).toEqual({ deliveryCostMinor: 1798, amountMinor: placed.totalMinor });
  });

  it("refuses a tampered choice and an address a seller does not ship to, with the reason, changing nothing", async () => {
    const before = { orders: await t.db.order.count(), stock: (await t.db.variant.findUniqueOrThrow({ where: { id: sh.id } })).stock };
    const base = { lines: [{ variantId: nw.id, quantity: 1 }, { variantId: sh.id, quantity: 1 }], delivery, payment: { method: "cod" as const } };
    // Northwind's rest-of-world option for a US address; Sunset's option named for Northwind.
    for (const shipping of [[{ storeId: nw.storeId, rateId: await rateId("northwind", "International (7–14 days)") }], [{ storeId: nw.storeId, rateId: await rateId("sunset", "Priority (2–3 days)") }]]) {
      const err = await appErrorOf(checkout(t.db, customerId, { ...base, idempotencyKey: `ship-${backend}-${++seq}`, shipping }));
      expect(err.code).toBe("VALIDATION");
      expect(err.message).toMatch(/not available for this address/);
    }
    const err = await appErrorOf(checkout(t.db, customerId, { ...base, idempotencyKey: `ship-${backend}-${++seq}`, delivery: { ...delivery, country: "FR", region: "" } }));
    expect(err).toMatchObject({ code: "VALIDATION", fieldErrors: { shipping: ["Sunset Home & Kitchen does not ship to France"] } });
    expect(await t.db.order.count()).toBe(before.orders);
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: sh.id } })).stock).toBe(before.stock);
  });

  it("a seller's new zone serves its addresses at once; overlapping zones are refused", async () => {
    const sellerId = (await t.db.store.findUniqueOrThrow({ where: { id: sh.storeId }, select: { ownerId: true } })).ownerId;
    await inTransaction(t.db, (tx) =>
      saveShippingZone(tx, { id: sellerId }, sh.storeId, { name: "France", countries: ["FR"], rates: [{ name: "Colissimo", kind: "WEIGHT", amountMinor: 800, perKgMinor: 200, freeAboveMinor: 50000 }] }),
    );
    await cartOf(customerId, [{ variantId: sh.id, quantity: 1 }]);
    const fr = await cartShippingQuote(t.db, owner(customerId), { country: "FR", region: "" });
    expect(fr.parts[0]!.options).toMatchObject([{ name: "Colissimo", costMinor: 800 + 2 * 200 }]);
    const overlap = await appErrorOf(inTransaction(t.db, (tx) => saveShippingZone(tx, { id: sellerId }, sh.storeId, { name: "Germany again", countries: ["DE"], rates: [{ name: "X", kind: "FLAT", amountMinor: 100 }] })));
    expect(overlap).toMatchObject({ code: "VALIDATION", message: 'Germany is already in the zone "United States and Germany"' });
    const badTiers = await appErrorOf(inTransaction(t.db, (tx) => saveShippingZone(tx, { id: sellerId }, sh.storeId, { name: "Japan", countries: ["JP"], rates: [{ name: "X", kind: "SUBTOTAL", tiers: [{ fromMinor: 1000, costMinor: 100 }] }] })));
    expect(badTiers.code).toBe("VALIDATION");
    expect((await listShippingZones(t.db, sh.storeId)).map((z) => z.name)).toEqual(["United States and Germany", "France"]);
  });
});
