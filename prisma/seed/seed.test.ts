// The demo seed's orders are dated from the day it runs: spread over the last 60 days, the same
// orders for a given calendar day on every run, and the stock of every variant equal to its ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { getSellerDashboard } from "@/server/services/seller-dashboard/dashboard";
import { buildCatalog } from "./catalog";
import { DEMO_ORDER_DAYS, DEMO_TAX_RATES, planDemoOrders, seedDatabase, TAX_INCLUSIVE_STORES } from "./seed";

const DAY = 24 * 3600_000;
const active = buildCatalog().products.filter((p) => p.status === "ACTIVE");

describe("demo orders", () => {
  it("fill the last 60 days before now, none in the future, most days with some", () => {
    const now = new Date("2031-06-10T15:30:00.000Z");
    const plan = planDemoOrders(active, now);
    const daily = plan.filter((o) => /^seed-\d{4}-/.test(o.key));
    expect(plan.every((o) => o.createdAt.getTime() <= now.getTime())).toBe(true);
    expect(daily.every((o) => now.getTime() - o.createdAt.getTime() < DEMO_ORDER_DAYS * DAY)).toBe(true);
    const days = new Set(daily.map((o) => o.createdAt.toISOString().slice(0, 10)));
    // A living chart: orders on at least half of the last 30 days.
    const last30 = [...days].filter((d) => now.getTime() - Date.parse(`${d}T00:00:00Z`) < 30 * DAY);
    expect(last30.length).toBeGreaterThanOrEqual(15);
    expect(new Set(plan.map((o) => o.key)).size).toBe(plan.length);
  });

  it("are the same for a calendar day whichever day the seed runs", () => {
    const a = planDemoOrders(active, new Date("2031-06-10T23:00:00.000Z"));
    const b = planDemoOrders(active, new Date("2031-06-25T08:00:00.000Z"));
    const shape = (o: (typeof a)[number]) => ({ key: o.key, at: o.createdAt.toISOString(), user: o.userEmail, lines: o.lines.map((l) => [l.variant.sku, l.quantity]) });
    const day = "2031-06-05";
    const onDay = (plan: typeof a) => plan.filter((o) => o.key.startsWith(`seed-${day}-`)).map(shape);
    expect(onDay(a).length).toBeGreaterThanOrEqual(0);
    expect(onDay(a)).toEqual(onDay(b));
    // Today's orders are only those whose time has come.
    const early = planDemoOrders(active, new Date("2031-06-10T00:00:01.000Z")).filter((o) => o.key.startsWith("seed-2031-06-10-"));
    expect(early).toEqual([]);
  });
});

describe.each(backends())("the demo seed on %s", (backend) => {
  let t: TestDb;
  const now = new Date("2031-06-10T15:30:00.000Z");
  beforeAll(async () => {
    t = await openTestDb(backend);
    await seedDatabase(t.db, { now });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function snapshot() {
    const orders = await t.db.order.findMany({
      orderBy: { orderUid: "asc" },
      select: { orderUid: true, createdAt: true, status: true, totalMinor: true, items: { select: { variantId: true, quantity: true }, orderBy: { rid: "asc" } } },
    });
    const stock = await t.db.variant.findMany({ orderBy: { sku: "asc" }, select: { sku: true, stock: true } });
    return { orders, stock };
  }

  it("keeps every variant's stock equal to the sum of its ledger", async () => {
    const rows = await t.db.$queryRaw<{ sku: string; stock: number; ledger: bigint | null; last: number | null }[]>`
      SELECT v.sku, v.stock, (SELECT SUM(m.delta) FROM "InventoryMovement" m WHERE m."variantId" = v.id) AS ledger,
             (SELECT m."stockAfter" FROM "InventoryMovement" m WHERE m."variantId" = v.id ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1) AS last
      FROM "Variant" v`;
    const off = rows.filter((r) => Number(r.ledger ?? 0) !== r.stock || (r.last !== null && r.last !== r.stock));
    expect(off).toEqual([]);
    expect(rows.every((r) => r.stock >= 0)).toBe(true);
  });

  it("keeps the demo tax rates and the tax-inclusive store", async () => {
    const rates = await t.db.taxRate.findMany({ orderBy: [{ country: "asc" }, { regionKey: "asc" }], select: { country: true, region: true, ratePpm: true } });
    expect(rates).toEqual(DEMO_TAX_RATES.map((r) => ({ country: r.country, region: r.region, ratePpm: r.ratePpm })).sort((a, b) => (a.country + a.region).localeCompare(b.country + b.region)));
    // No rate for the regions the demo's US addresses (and the tests') are in: their orders stay untaxed.
    expect(rates.filter((r) => r.country === "US" && (r.region === "" || r.region === "CA" || r.region === "NY"))).toEqual([]);
    const inclusive = await t.db.store.findMany({ where: { pricesIncludeTax: true }, select: { slug: true } });
    expect(inclusive.map((s) => s.slug)).toEqual(TAX_INCLUSIVE_STORES);
  });

  it("gives the demo seller a 30-day chart with orders, and runs again to the same data", async () => {
    const s = await t.db.store.findFirstOrThrow({ where: { owner: { email: "seller1@livemarket.test" } }, select: { id: true, name: true, slug: true } });
    const d = await getSellerDashboard(t.db, s, now);
    expect(d.totals30d.orders).toBeGreaterThan(5);
    expect(d.series.filter((x) => x.orders > 0).length).toBeGreaterThan(5);
    const before = await snapshot();
    await seedDatabase(t.db, { now });
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
