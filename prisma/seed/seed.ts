// Loads the deterministic demo catalog (prisma/seed/catalog.ts) into an empty or existing
// database. Re-running wipes the data (not the schema) and loads it again.
import { createHash } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/generated/prisma/client.ts";
import { hashPassword } from "@/server/auth/password";
import { buildCatalog } from "./catalog.ts";
import { mulberry32 } from "@/shared/prng";
import type { Tx } from "@/server/db/transaction";
import { rebuildRecommendations } from "@/server/services/recommendations/pairs";
import { DEMO_SHIPPING, demoWeightGrams } from "./shipping";

export const DEMO_PASSWORD = "livemarket-demo";

export const DEMO_ACCOUNTS = {
  customer: { email: "customer@livemarket.test", name: "Casey Customer", role: "CUSTOMER" },
  admin: { email: "admin@livemarket.test", name: "Ada Admin", role: "ADMIN" },
} as const;

const DAY = 24 * 60 * 60 * 1000;
/** How far back the demo orders go: the dashboard's 30-day chart and the order lists have a
 * living shop to show on every first start, whatever the date. */
export const DEMO_ORDER_DAYS = 60;

/** The demo's tax rates (rates in millionths, shared/tax.ts). */
export const DEMO_TAX_RATES = [
  { country: "DE", region: "", name: "VAT", ratePpm: 190_000, appliesToShipping: true },
  { country: "FR", region: "", name: "TVA", ratePpm: 200_000, appliesToShipping: true },
  { country: "GB", region: "", name: "VAT", ratePpm: 200_000, appliesToShipping: true },
  { country: "US", region: "WA", name: "Sales tax", ratePpm: 65_000, appliesToShipping: false },
  { country: "US", region: "TN", name: "Sales tax", ratePpm: 92_500, appliesToShipping: false },
];

/** Demo stores whose prices include tax (shown "incl. VAT 19%" to a German address). */
export const TAX_INCLUSIVE_STORES = ["tidewater"];
/** The demo shoppers whose orders fill those days (the demo customer keeps its own three). */
export const DEMO_SHOPPERS = ["Riley", "Jordan", "Morgan", "Avery", "Quinn"].map((name, i) => ({
  email: `shopper${i + 1}@livemarket.test`,
  name: `${name} Shopper`,
  role: "CUSTOMER" as const,
}));

function startOfUtcDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}

/** A number from a text, for a per-day PRNG seed. */
function hashSeed(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32LE(0);
}

export interface SeedOrderLine<P, V> {
  product: P;
  variant: V;
  quantity: number;
}

export interface PlannedOrder<P, V> {
  /** unique and stable for its calendar day: the same day always gives the same orders */
  key: string;
  userEmail: string;
  lines: SeedOrderLine<P, V>[];
  createdAt: Date;
  status: "PLACED" | "PAID" | "PACKED" | "SHIPPED" | "DELIVERED";
}

/** Status an order of this age has reached (older ones are further along). */
function statusForAge(ageDays: number, r: number): PlannedOrder<unknown, unknown>["status"] {
  if (ageDays >= 6) return "DELIVERED";
  if (ageDays >= 3) return r < 0.7 ? "SHIPPED" : "DELIVERED";
  if (ageDays >= 1) return r < 0.5 ? "PACKED" : "PAID";
  return "PAID";
}

/**
 * The demo orders, relative to `now`: the demo customer's three (40, 25 and 10 days ago) and,
 * for each of the last DEMO_ORDER_DAYS UTC days, 0 to 4 orders from the demo shoppers chosen by
 * a PRNG seeded with that day's date, so a day's orders are the same on every run that includes
 * it. Today's orders are only those whose time has come.
 */
export function planDemoOrders<P extends { variants: readonly unknown[] }>(active: P[], now: Date): PlannedOrder<P, P["variants"][number]>[] {
  type V = P["variants"][number];
  const today = startOfUtcDay(now);
  const pick = (r: () => number) => active[Math.floor(r() * active.length)]!;
  const customer = [0, 1, 2].map((n): PlannedOrder<P, V> => {
    const lines = [active[(n * 37 + 3) % active.length]!, active[(n * 53 + 11) % active.length]!].map((p, i) => ({
      product: p,
      variant: p.variants[(n + i) % p.variants.length]!,
      quantity: 1 + ((n + i) % 2),
    }));
    const ageDays = 40 - n * 15;
    return { key: `seed-${n}`, userEmail: DEMO_ACCOUNTS.customer.email, lines, createdAt: new Date(today + 12 * 3600_000 - ageDays * DAY), status: (["DELIVERED", "SHIPPED", "PAID"] as const)[n]! };
  });
  const daily: PlannedOrder<P, V>[] = [];
  for (let age = DEMO_ORDER_DAYS - 1; age >= 0; age--) {
    const dayStart = today - age * DAY;
    const dayKey = new Date(dayStart).toISOString().slice(0, 10);
    const r = mulberry32(hashSeed(`demo-orders:${dayKey}`));
    // Busier at the weekend and in the last weeks, never flat: 0-4 orders a day.
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay()) ? 1 : 0;
    const count = Math.min(4, Math.floor(r() * 3) + weekend + (r() < 0.35 ? 1 : 0));
    const times = Array.from({ length: count }, () => dayStart + Math.floor((7 + r() * 16) * 3600_000)).sort((a, b) => a - b);
    times.forEach((t, j) => {
      const lineCount = 1 + Math.floor(r() * 3);
      const lines: SeedOrderLine<P, V>[] = [];
      for (let k = 0; k < lineCount; k++) {
        const product = pick(r);
        const variant = product.variants[Math.floor(r() * product.variants.length)]!;
        const quantity = 1 + Math.floor(r() * 2);
        if (!lines.some((l) => l.variant === variant)) lines.push({ product, variant, quantity });
      }
      const shopper = DEMO_SHOPPERS[Math.floor(r() * DEMO_SHOPPERS.length)]!;
      const status = statusForAge(age, r());
      if (t > now.getTime()) return;
      daily.push({ key: `seed-${dayKey}-${j}`, userEmail: shopper.email, lines, createdAt: new Date(t), status });
    });
  }
  return [...customer, ...daily].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

function stableId(prefix: string, key: string): string {
  return `${prefix}_${createHash("sha256").update(key).digest("hex").slice(0, 20)}`;
}

export async function wipeData(db: Db): Promise<void> {
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(", ");
  await db.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

export interface SeedSummary {
  users: number;
  stores: number;
  categories: number;
  products: number;
  variants: number;
  orders: number;
}

/** `now` places the demo timeline: orders over the DEMO_ORDER_DAYS before it, and the catalogue,
 * the accounts and the opening stock before those. */
export async function seedDatabase(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<SeedSummary> {
  const catalog = buildCatalog();
  // Everything but the orders is dated from the day the demo orders begin, so no order is older
  // than what it bought.
  const SEED_EPOCH = startOfUtcDay(now) - DEMO_ORDER_DAYS * DAY;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await wipeData(db);

  return db.$transaction(
    async (tx) => {
      const people = [
        DEMO_ACCOUNTS.customer,
        DEMO_ACCOUNTS.admin,
        ...catalog.stores.map((s) => ({ ...s.owner, role: "SELLER" as const })),
        ...DEMO_SHOPPERS,
      ];
      await tx.user.createMany({
        data: people.map((p) => ({
          id: stableId("usr", p.email),
          email: p.email,
          name: p.name,
          role: p.role,
          passwordHash,
          // The demo accounts' password is public: they are exempt from the staff two-factor
          // requirement so a newcomer can try the seller and admin pages at once. Never any
          // account made another way (docs/security.md, "Two-factor authentication").
          twoFactorExempt: true,
          // Their addresses are the shop's own (@livemarket.test): counted as verified.
          emailVerifiedAt: new Date(SEED_EPOCH - 365 * DAY),
          createdAt: new Date(SEED_EPOCH - 365 * DAY),
        })),
      });

      await tx.store.createMany({
        data: catalog.stores.map((s) => ({
          id: stableId("sto", s.slug),
          ownerId: stableId("usr", s.owner.email),
          name: s.name,
          slug: s.slug,
          description: s.description,
          pricesIncludeTax: TAX_INCLUSIVE_STORES.includes(s.slug),
        })),
      });

      // Each store's shipping zones and rates (prisma/seed/shipping.ts), oldest zone first.
      const zones = catalog.stores.flatMap((s) => (DEMO_SHIPPING[s.slug] ?? []).map((z, i) => ({ store: s, zone: z, i })));
      await tx.shippingZone.createMany({
        data: zones.map(({ store, zone, i }) => ({
          id: stableId("shz", `${store.slug}:${zone.key}`),
          storeId: stableId("sto", store.slug),
          name: zone.name,
          countries: zone.countries,
          regions: zone.regions ?? [],
          restOfWorld: zone.restOfWorld ?? false,
          createdAt: new Date(SEED_EPOCH - 400 * DAY + i * 60_000),
        })),
      });
      await tx.shippingRate.createMany({
        data: zones.flatMap(({ store, zone }) =>
          zone.rates.map((r, position) => ({
            id: stableId("shr", `${store.slug}:${zone.key}:${position}`),
            zoneId: stableId("shz", `${store.slug}:${zone.key}`),
            name: r.name,
            kind: r.kind,
            amountMinor: r.amountMinor ?? 0,
            perKgMinor: r.perKgMinor ?? 0,
            tiers: (r.tiers ?? []) as unknown as Prisma.InputJsonValue,
            freeAboveMinor: r.freeAboveMinor ?? null,
            currency: "USD",
            position,
          })),
        ),
      });

      // Demo tax rates (decision 193): none for the US as a whole nor for the regions the demo
      // addresses are in (CA, NY), so the demo's and the tests' US orders stay untaxed; German,
      // French and British addresses and two US states show it.
      await tx.taxRate.createMany({
        data: DEMO_TAX_RATES.map((r) => ({ id: stableId("tax", `${r.country}:${r.region}`), ...r, regionKey: r.region.trim().toLowerCase(), createdAt: new Date(SEED_EPOCH) })),
      });

      // Parents before children: the catalog lists top-level categories first, but sort anyway.
      const categories = [...catalog.categories].sort(
        (a, b) => Number(a.parentSlug !== null) - Number(b.parentSlug !== null),
      );
      await tx.category.createMany({
        data: categories.map((c) => ({
          id: stableId("cat", c.slug),
          name: c.name,
          slug: c.slug,
          parentId: c.parentSlug ? stableId("cat", c.parentSlug) : null,
          position: c.position,
        })),
      });

      await tx.product.createMany({
        data: catalog.products.map((p) => ({
          id: stableId("prd", p.slug),
          storeId: stableId("sto", p.storeSlug),
          categoryId: stableId("cat", p.categorySlug),
          slug: p.slug,
          title: p.title,
          description: p.description,
          brand: p.brand,
          images: p.images,
          status: p.status,
          createdAt: new Date(SEED_EPOCH - p.ageDays * DAY),
          deletedAt: null,
        })),
      });

      // Past orders of the demo customer take units out of stock; the opening stock is what
      // the catalog says plus those units, so the ledger still sums to the current stock.
      const active = catalog.products.filter((p) => p.status === "ACTIVE");
      const pastOrders = planDemoOrders(active, now);
      const ordered = new Map<string, number>();
      for (const o of pastOrders) {
        for (const l of o.lines) ordered.set(l.variant.sku, (ordered.get(l.variant.sku) ?? 0) + l.quantity);
      }

      const variantRows = catalog.products.flatMap((p) =>
        p.variants.map((v, position) => ({
          id: stableId("var", v.sku),
          productId: stableId("prd", p.slug),
          sku: v.sku,
          title: v.title,
          options: v.options,
          priceMinor: v.priceMinor,
          currency: "USD",
          weightGrams: demoWeightGrams(p.storeSlug, position),
          stock: v.stock,
          lowStockThreshold: v.lowStockThreshold,
          position,
          createdAt: new Date(SEED_EPOCH - p.ageDays * DAY),
        })),
      );
      await tx.variant.createMany({ data: variantRows });

      await tx.inventoryMovement.createMany({
        data: variantRows.map((v) => {
          const opening = v.stock + (ordered.get(v.sku) ?? 0);
          return {
            variantId: v.id,
            delta: opening,
            stockAfter: opening,
            reason: "IMPORT" as const,
            note: "Opening stock (demo seed)",
            createdAt: v.createdAt,
          };
        }),
      });

      const running = new Map(variantRows.map((v) => [v.sku, v.stock + (ordered.get(v.sku) ?? 0)]));
      const customerNames = new Map(people.map((p) => [p.email, p.name]));
      const variantIds = await tx.variant.findMany({
        where: { sku: { in: [...ordered.keys()] } },
        select: { id: true, sku: true, chrtId: true, product: { select: { id: true, nmId: true, storeId: true } } },
      });
      const bySku = new Map(variantIds.map((v) => [v.sku, v]));
      const movements: Prisma.InventoryMovementCreateManyInput[] = [];
      for (const [n, o] of pastOrders.entries()) {
        const customerId = stableId("usr", o.userEmail);
        const created = o.createdAt;
        // The customer's three keep the uids they always had; the others are named by day.
        const uid = createHash("sha256").update(o.key.replace(/^seed-(\d)$/, "seed-order-$1")).digest("hex").slice(0, 19);
        const track = `LM${String(1_000_000 + n * 7919).padStart(10, "0")}`;
        const goods = o.lines.reduce((s, l) => s + l.variant.priceMinor * l.quantity, 0);
        const deliveryCost = 499;
        const status = o.status;
        const orderId = stableId("ord", uid);
        await tx.order.create({
          data: {
            id: orderId,
            orderUid: uid,
            trackNumber: status === "SHIPPED" || status === "DELIVERED" ? track : "",
            entry: "LMWEB",
            locale: "en",
            customerRef: customerId,
            deliveryService: "livemarket-post",
            shardKey: String(n % 10),
            smId: 1,
            dateCreated: created,
            oofShard: "1",
            userId: customerId,
            status,
            currency: "USD",
            goodsTotalMinor: goods,
            deliveryCostMinor: deliveryCost,
            totalMinor: goods + deliveryCost,
            idempotencyKey: o.key,
            createdAt: created,
            items: {
              create: o.lines.map((l, i) => {
                const v = bySku.get(l.variant.sku)!;
                return {
                  variantId: v.id,
                  productId: v.product.id,
                  storeId: v.product.storeId,
                  chrtId: v.chrtId,
                  nmId: v.product.nmId,
                  trackNumber: status === "SHIPPED" || status === "DELIVERED" ? track : "",
                  priceMinor: l.variant.priceMinor,
                  rid: `${uid}-${i}`,
                  name: `${l.product.title} (${l.variant.title})`,
                  sale: 0,
                  size: l.variant.options.size ?? "0",
                  totalPriceMinor: l.variant.priceMinor * l.quantity,
                  brand: l.product.brand,
                  status: 202,
                  quantity: l.quantity,
                  currency: "USD",
                };
              }),
            },
            payment: {
              create: {
                transaction: uid,
                currency: "USD",
                provider: "test-card",
                amountMinor: goods + deliveryCost,
                paymentDt: Math.floor(created.getTime() / 1000),
                bank: "livemarket-test-bank",
                deliveryCostMinor: deliveryCost,
                goodsTotalMinor: goods,
                customFeeMinor: 0,
                status: "SUCCEEDED",
              },
            },
            delivery: {
              create: {
                name: customerNames.get(o.userEmail) ?? "",
                phone: "+15550100",
                zip: "94110",
                city: "San Francisco",
                address: "500 Market Street, Apt 4",
                region: "CA",
                email: o.userEmail,
              },
            },
            statusHistory: {
              create: ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED"]
                .slice(0, ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED"].indexOf(status) + 1)
                .map((s, i, all) => ({
                  fromStatus: i === 0 ? null : (all[i - 1] as "PLACED"),
                  toStatus: s as "PLACED",
                  // Each step a day after the last, but never later than now.
                  createdAt: new Date(Math.min(created.getTime() + i * DAY, now.getTime())),
                })),
            },
          },
        });
        // One fulfilment part per store of the order's items, in the order's state.
        const shipped = status === "SHIPPED" || status === "DELIVERED";
        await tx.shipment.createMany({
          data: [...new Set(o.lines.map((l) => bySku.get(l.variant.sku)!.product.storeId))].map((storeId) => ({
            id: stableId("shp", `${uid}:${storeId}`),
            orderId,
            storeId,
            status,
            carrier: shipped ? "livemarket-post" : null,
            trackingNumber: shipped ? track : null,
            shippedAt: shipped ? new Date(Math.min(created.getTime() + 3 * DAY, now.getTime())) : null,
            deliveredAt: status === "DELIVERED" ? new Date(Math.min(created.getTime() + 4 * DAY, now.getTime())) : null,
            createdAt: created,
          })),
        });
        for (const l of o.lines) {
          const v = bySku.get(l.variant.sku)!;
          const after = (running.get(l.variant.sku) ?? 0) - l.quantity;
          running.set(l.variant.sku, after);
          movements.push({ variantId: v.id, delta: -l.quantity, stockAfter: after, reason: "ORDER", orderId, actorId: customerId, createdAt: created });
        }
      }
      await tx.inventoryMovement.createMany({ data: movements });

      // The demo customer's saved addresses: the ones their past orders went to (the newest the
      // default), so the checkout is filled in for them as for anyone who has ordered before.
      const customerId = stableId("usr", DEMO_ACCOUNTS.customer.email);
      const delivered = await tx.delivery.findMany({
        where: { order: { userId: customerId } },
        orderBy: { order: { createdAt: "desc" } },
        select: { name: true, phone: true, zip: true, city: true, address: true, region: true },
      });
      const seen = new Set<string>();
      const addresses = delivered.filter((d) => {
        const k = JSON.stringify(d);
        return seen.has(k) ? false : (seen.add(k), true);
      });
      await tx.address.createMany({
        data: addresses.map((d, i) => ({ id: stableId("adr", `${customerId}:${i}`), userId: customerId, ...d, isDefault: i === 0, createdAt: new Date(SEED_EPOCH - 30 * DAY) })),
      });

      // A handful of demo reviews: the first customers' delivered orders, one review per (product,
      // customer), ratings and text from fixed lists (the same seed always writes the same ones).
      // The products' rating aggregates are rewritten from them, as a review write does; the
      // search index picks them up at commit (its triggers).
      const deliveredItems = await tx.$queryRaw<{ orderId: string; userId: string; productId: string; createdAt: Date }[]>`
        SELECT DISTINCT ON (i."productId", o."userId") o.id AS "orderId", o."userId", i."productId", o."createdAt"
        FROM "Order" o JOIN "OrderItem" i ON i."orderId" = o.id
        WHERE o.status = 'DELIVERED' AND o."userId" IS NOT NULL AND i."productId" IS NOT NULL
        ORDER BY i."productId", o."userId", o."createdAt", o.id`;
      const REVIEW_TEXTS = [
        "Exactly as described. Would buy again.",
        "Good quality for the price.",
        "",
        "Arrived quickly and works well.",
        "Decent, but the colour is a little different from the photos.",
        "Not what I hoped for.",
      ];
      const RATINGS = [5, 4, 5, 4, 3, 2];
      const picked = deliveredItems
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.orderId < b.orderId ? -1 : 1) || (a.productId < b.productId ? -1 : 1))
        .slice(0, 12);
      await tx.review.createMany({
        data: picked.map((r, i) => ({
          id: stableId("rev", `${r.productId}:${r.userId}`),
          productId: r.productId,
          userId: r.userId,
          orderId: r.orderId,
          rating: RATINGS[i % RATINGS.length]!,
          body: REVIEW_TEXTS[i % REVIEW_TEXTS.length]!,
          createdAt: new Date(Math.min(r.createdAt.getTime() + 6 * DAY, now.getTime())),
          updatedAt: new Date(Math.min(r.createdAt.getTime() + 6 * DAY, now.getTime())),
        })),
      });
      await tx.$executeRaw`
        UPDATE "Product" p SET "ratingCount" = a.c, "ratingSum" = a.s, "ratingCounts" = a.counts, "ratingVersion" = 1
        FROM (
          SELECT r."productId", count(*)::int AS c, sum(r.rating)::int AS s,
                 ARRAY[count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2), count(*) FILTER (WHERE r.rating = 3),
                       count(*) FILTER (WHERE r.rating = 4), count(*) FILTER (WHERE r.rating = 5)]::int[] AS counts
          FROM "Review" r WHERE r."hiddenAt" IS NULL GROUP BY r."productId"
        ) a
        WHERE p.id = a."productId"`;
      // "Frequently bought together" counts of the demo orders (written here without outbox events).
      await rebuildRecommendations(tx as Tx);

      return {
        users: people.length,
        stores: catalog.stores.length,
        categories: catalog.categories.length,
        products: catalog.products.length,
        variants: variantRows.length,
        orders: pastOrders.length,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
