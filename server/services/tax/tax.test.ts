// Tax by destination on both backends (decisions 190-193): admins keep the rates (audited, bad
// input refused with nothing changed); an order takes the most specific rate for its address in
// its own transaction, taxes each line's net amount (after its discount share), adds only the
// tax of exclusive prices to what is charged, and keeps the rate it used when the rate changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { appErrorOf } from "@/test/errors";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { addToCart } from "@/server/services/cart/cart-items";
import type { CartOwner } from "@/server/services/cart/cart-owner";
import { checkout } from "@/server/services/orders/checkout";
import { getMyOrder } from "@/server/services/orders/read-orders";
import type { TPlaceOrderInput } from "@/server/services/orders/schemas";
import { createPromotion } from "@/server/services/promotions/manage";
import { createTaxRate, listTaxRates, removeTaxRate, updateTaxRate } from "./rates";
import { quoteCartTax } from "./quote";
import { setStoreTaxSettings } from "./store-setting";

const cod = { method: "cod" as const };
let seq = 0;
const key = () => `tax-key-${Date.now()}-${++seq}`;
const address = (country: string, region = "") => ({
  name: "Tax Buyer",
  phone: "+15550100",
  zip: "10001",
  city: "Somewhere",
  address: "1 Main St",
  region,
  country,
  email: "tax@example.com",
});
function order(lines: { variantId: string; quantity: number }[], to: { country: string; region?: string }, extra: Partial<TPlaceOrderInput> = {}): TPlaceOrderInput {
  return { idempotencyKey: key(), lines, delivery: address(to.country, to.region) as TPlaceOrderInput["delivery"], payment: cod, ...extra };
}
const STANDARD = 499; // each test store's one shipping option, everywhere (beforeAll)

describe.each(backends())("tax on %s", (backend) => {
  let t: TestDb;
  let adminId: string;
  let customerId: string;
  let exclusive: { id: string; ownerId: string };
  let inclusive: { id: string; ownerId: string };

  async function variant(storeId: string, priceMinor: number, currency = "USD") {
    const p = await t.db.product.findFirstOrThrow({ where: { status: "ACTIVE", storeId, deletedAt: null }, select: { id: true } });
    const sku = `TAX-${backend}-${Date.now()}-${++seq}`;
    const v = await t.db.variant.create({ data: { productId: p.id, sku, title: sku, priceMinor, stock: 1000, currency }, select: { id: true } });
    await t.db.inventoryMovement.create({ data: { variantId: v.id, delta: 1000, stockAfter: 1000, reason: "RESTOCK" } });
    return v.id;
  }
  const addRate = (input: { country: string; region?: string; name: string; rate: string; appliesToShipping?: boolean }) => inTransaction(t.db, (tx) => createTaxRate(tx, adminId, input));

  beforeAll(async () => {
    t = await openTestDb(backend);
    adminId = (await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email } })).id;
    customerId = (await t.db.user.create({ data: { email: `tax-${backend}@example.com`, name: "Tax", passwordHash: "x" } })).id;
    const stores = await t.db.store.findMany({ orderBy: { slug: "asc" }, take: 2, select: { id: true, ownerId: true } });
    [exclusive, inclusive] = [stores[0]!, stores[1]!];
    // Each store ships everywhere at one flat price, so the sums below are about tax alone.
    for (const s of stores) {
      await t.db.shippingZone.deleteMany({ where: { storeId: s.id } });
      await t.db.shippingZone.create({ data: { storeId: s.id, name: "Everywhere", countries: [], restOfWorld: true, rates: { create: [{ name: "Standard", kind: "FLAT", amountMinor: STANDARD }, { name: "Standard (yen)", kind: "FLAT", amountMinor: 500, currency: "JPY" }] } } });
    }
    await inTransaction(t.db, (tx) => setStoreTaxSettings(tx, exclusive.ownerId, exclusive.id, { pricesIncludeTax: false }));
    await inTransaction(t.db, (tx) => setStoreTaxSettings(tx, inclusive.ownerId, inclusive.id, { pricesIncludeTax: true }));
    // The test's own countries, apart from any the seed has.
    await addRate({ country: "CH", name: "VAT", rate: "8.1" });
    await addRate({ country: "CH", region: "Zug", name: "Cantonal tax", rate: "10", appliesToShipping: true });
    await addRate({ country: "JP", name: "Consumption tax", rate: "10" });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps rates per country and region, changes them in place, and audits every write", async () => {
    const r = await addRate({ country: "it", region: " Sicilia ", name: "IVA", rate: "22" });
    expect(r).toMatchObject({ country: "IT", region: "Sicilia", name: "IVA", rate: "22", ratePpm: 220_000, appliesToShipping: false });
    const changed = await inTransaction(t.db, (tx) => updateTaxRate(tx, adminId, { id: r.id, country: "IT", region: "Sicilia", name: "IVA", rate: "8.875", appliesToShipping: true }));
    expect(changed).toMatchObject({ rate: "8.875", ratePpm: 88_750, appliesToShipping: true });
    expect((await listTaxRates(t.db)).filter((x) => x.country === "IT").map((x) => [x.region, x.rate])).toEqual([["Sicilia", "8.875"]]);
    await inTransaction(t.db, (tx) => removeTaxRate(tx, adminId, { id: r.id }));
    const audit = await t.db.auditLog.findMany({ where: { entityType: "TaxRate", entityId: r.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["tax.rate.create", adminId], ["tax.rate.update", adminId], ["tax.rate.remove", adminId]]);
    expect(audit[1]!.before).toMatchObject({ rate: "22%" });
    expect(audit[1]!.after).toMatchObject({ rate: "8.875%", appliesToShipping: true });
  });

  it("refuses a bad country, rate or name, or a second rate for one zone, changing nothing", async () => {
    const before = await listTaxRates(t.db);
    for (const input of [
      { country: "XX", name: "VAT", rate: "20" },
      { country: "FRA", name: "VAT", rate: "20" },
      { country: "FR", name: "", rate: "20" },
      { country: "FR", name: "VAT", rate: "120" },
      { country: "FR", name: "VAT", rate: "-1" },
      { country: "FR", name: "VAT", rate: "20,5" },
      { country: "FR", name: "VAT", rate: "" },
    ]) {
      expect((await appErrorOf(addRate(input))).code).toBe("VALIDATION");
    }
    // The same zone, spelled in another case: one rate per country and region.
    expect((await appErrorOf(addRate({ country: "ch", region: "ZUG", name: "Other", rate: "1" }))).code).toBe("CONFLICT");
    expect((await appErrorOf(addRate({ country: "CH", name: "Other", rate: "1" }))).code).toBe("CONFLICT");
    expect((await appErrorOf(inTransaction(t.db, (tx) => removeTaxRate(tx, adminId, { id: "nope" })))).code).toBe("NOT_FOUND");
    expect(await listTaxRates(t.db)).toEqual(before);
  });

  it("adds exclusive tax per line to the order and to what is charged, and stores the rate used", async () => {
    const a = await variant(exclusive.id, 1999);
    const b = await variant(exclusive.id, 250);
    const placed = await checkout(t.db, customerId, order([{ variantId: a, quantity: 1 }, { variantId: b, quantity: 3 }], { country: "CH", region: "Bern" }));
    // 19.99 × 8.1% = 1.61919 -> 1.62; 7.50 × 8.1% = 0.6075 -> 0.61 (the whole-country rate: no rate for Bern)
    const tax = 162 + 61;
    expect(placed.totalMinor).toBe(1999 + 750 + STANDARD + tax);
    const o = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { items: true, payment: true } });
    expect(o).toMatchObject({ taxMinor: tax, shippingTaxMinor: 0, taxName: "VAT", taxRatePpm: 81_000, totalMinor: placed.totalMinor });
    expect(o.payment!.amountMinor).toBe(placed.totalMinor);
    expect(o.items.map((i) => [i.variantId, i.taxMinor, i.taxRatePpm, i.taxIncluded]).sort()).toEqual([[a, 162, 81_000, false], [b, 61, 81_000, false]].sort());
  });

  it("prefers the region's rate (matched in any case) and taxes shipping when it says so", async () => {
    const a = await variant(exclusive.id, 1000);
    const placed = await checkout(t.db, customerId, order([{ variantId: a, quantity: 1 }], { country: "CH", region: "zug" }));
    // 10% of 10.00 and of the 4.99 delivery (0.499 -> 0.50)
    const o = await t.db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(o).toMatchObject({ taxName: "Cantonal tax", taxRatePpm: 100_000, shippingTaxMinor: 50, taxMinor: 150 });
    expect(placed.totalMinor).toBe(1000 + STANDARD + 150);
  });

  it("takes inclusive tax out of the price without adding it; a mixed order adds only the exclusive part", async () => {
    const inc = await variant(inclusive.id, 1081);
    const exc = await variant(exclusive.id, 1000);
    const placed = await checkout(t.db, customerId, order([{ variantId: inc, quantity: 1 }, { variantId: exc, quantity: 1 }], { country: "CH" }));
    // 10.81 incl. 8.1%: 10.81 / 1.081 = 10.00 -> tax 0.81 inside; 10.00 excl. -> 0.81 added
    // Each store's part ships at STANDARD; the rate does not apply to shipping.
    expect(placed.totalMinor).toBe(1081 + 1000 + 2 * STANDARD + 81);
    const o = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { items: true } });
    expect(o.taxMinor).toBe(162);
    expect(o.items.find((i) => i.variantId === inc)).toMatchObject({ taxMinor: 81, taxIncluded: true });
    expect(o.items.find((i) => i.variantId === exc)).toMatchObject({ taxMinor: 81, taxIncluded: false });
    // The customer's reading of the order: per part, the tax and how much of it was in the prices.
    const read = await getMyOrder(t.db, customerId, placed.id);
    expect(read).toMatchObject({ taxMinor: 162, taxName: "VAT", taxRatePpm: 81_000 });
    const incPart = read.parts.find((p) => p.storeId === inclusive.id)!;
    expect(incPart.totals).toMatchObject({ subtotalMinor: 1081, shippingMinor: STANDARD, taxMinor: 81, taxIncludedMinor: 81, totalMinor: 1081 + STANDARD });
  });

  it("charges no tax where no rate applies", async () => {
    const a = await variant(exclusive.id, 1000);
    const placed = await checkout(t.db, customerId, order([{ variantId: a, quantity: 2 }], { country: "NZ", region: "Auckland" }));
    expect(placed.totalMinor).toBe(2000 + STANDARD);
    expect(await t.db.order.findUniqueOrThrow({ where: { id: placed.id } })).toMatchObject({ taxMinor: 0, taxName: "", taxRatePpm: 0 });
  });

  it("taxes the amount left after the line's share of a discount code", async () => {
    const a = await variant(exclusive.id, 10_000);
    const code = `TAX${backend.slice(0, 2).toUpperCase()}${Date.now().toString(36)}`;
    await inTransaction(t.db, (tx) => createPromotion(tx, { actor: { id: exclusive.ownerId }, storeId: exclusive.id }, { code, kind: "PERCENT", percentBp: 1000 }));
    const placed = await checkout(t.db, customerId, order([{ variantId: a, quantity: 1 }], { country: "CH" }, { discountCode: code }));
    // 100.00 - 10.00 = 90.00; 8.1% = 7.29
    const o = await t.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { items: true } });
    expect(o.items[0]).toMatchObject({ discountMinor: 1000, taxMinor: 729 });
    expect(placed.totalMinor).toBe(10_000 - 1000 + STANDARD + 729);
  });

  it("works in whole yen", async () => {
    const a = await variant(exclusive.id, 1235, "JPY");
    const placed = await checkout(t.db, customerId, order([{ variantId: a, quantity: 1 }], { country: "JP" }));
    expect(placed.currency).toBe("JPY");
    expect((await t.db.order.findUniqueOrThrow({ where: { id: placed.id } })).taxMinor).toBe(124); // 123.5 -> 124
  });

  it("keeps an order's tax when the rate changes afterwards", async () => {
    const rate = await addRate({ country: "NO", name: "MVA", rate: "25" });
    const a = await variant(exclusive.id, 1000);
    const placed = await checkout(t.db, customerId, order([{ variantId: a, quantity: 1 }], { country: "NO" }));
    await inTransaction(t.db, (tx) => updateTaxRate(tx, adminId, { id: rate.id, country: "NO", region: "", name: "VAT", rate: "15" }));
    const read = await getMyOrder(t.db, customerId, placed.id);
    expect(read).toMatchObject({ taxMinor: 250, taxName: "MVA", taxRatePpm: 250_000, totalMinor: 1000 + STANDARD + 250 });
    expect(read.items[0]).toMatchObject({ taxMinor: 250, taxRatePpm: 250_000 });
    // A new order takes the new rate.
    const next = await checkout(t.db, customerId, order([{ variantId: a, quantity: 1 }], { country: "NO" }));
    expect(next.totalMinor).toBe(1000 + STANDARD + 150);
  });

  it("quotes the cart's tax for a destination, as the order will charge it", async () => {
    const owner: CartOwner = { userId: customerId, token: null, setToken() {} };
    const inc = await variant(inclusive.id, 1081);
    const exc = await variant(exclusive.id, 1000);
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: inc, quantity: 1 }));
    await inTransaction(t.db, (tx) => addToCart(tx, owner, { variantId: exc, quantity: 2 }));
    const shipping = [{ storeId: inclusive.id, amountMinor: STANDARD }, { storeId: exclusive.id, amountMinor: STANDARD }];
    const quote = await quoteCartTax(t.db, owner, { country: "CH", region: "ZUG", shipping });
    // 10% (Zug): 10.81 incl. -> 0.98 inside (10.81 / 1.1 = 9.827… -> 9.83); 20.00 excl. -> 2.00;
    // each store's shipping: the inclusive one's 4.99 holds 0.45 (4.99 / 1.1 = 4.536… -> 4.54),
    // the exclusive one's gets 0.50 added.
    expect(quote.rate).toMatchObject({ name: "Cantonal tax", ratePpm: 100_000 });
    expect(quote.lines.map((l) => [l.variantId, l.taxMinor, l.included, l.label])).toEqual([
      [inc, 98, true, "incl. Cantonal tax 10%"],
      [exc, 200, false, "Cantonal tax 10%"],
    ]);
    expect(quote).toMatchObject({ shippingTaxMinor: 95, taxMinor: 393, addedMinor: 250, includedMinor: 143 });
    expect((await quoteCartTax(t.db, owner, { country: "", region: "", shipping: [] })).taxMinor).toBe(0);
    const placed = await checkout(t.db, customerId, { idempotencyKey: key(), delivery: address("CH", "Zug") as TPlaceOrderInput["delivery"], payment: cod });
    expect(placed.totalMinor).toBe(1081 + 2000 + 2 * STANDARD + quote.addedMinor);
    // The order keeps each part's shipping tax; a part's totals count it (order-totals.ts).
    const read = await getMyOrder(t.db, customerId, placed.id);
    expect(read.parts.find((p) => p.storeId === inclusive.id)!.totals).toMatchObject({ shippingMinor: STANDARD, taxMinor: 98 + 45, taxIncludedMinor: 98 + 45, totalMinor: 1081 + STANDARD });
    expect(read.parts.find((p) => p.storeId === exclusive.id)!.totals).toMatchObject({ shippingMinor: STANDARD, taxMinor: 250, taxIncludedMinor: 0, totalMinor: 2000 + STANDARD + 250 });
  });
});
