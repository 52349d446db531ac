// Loads the deterministic demo catalog (prisma/seed/catalog.ts) into an empty or existing
// database. Re-running wipes the data (not the schema) and loads it again.
import { createHash } from "node:crypto";
import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { buildCatalog } from "./catalog.ts";

export const DEMO_PASSWORD = "livemarket-demo";

export const DEMO_ACCOUNTS = {
  customer: { email: "customer@livemarket.test", name: "Casey Customer", role: "CUSTOMER" },
  admin: { email: "admin@livemarket.test", name: "Ada Admin", role: "ADMIN" },
} as const;

const DAY = 24 * 60 * 60 * 1000;
/** A fixed "now" for seeded timestamps so the data is the same on every run. */
const SEED_EPOCH = Date.UTC(2026, 10, 1, 12, 0, 0);

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

export async function seedDatabase(db: Db): Promise<SeedSummary> {
  const catalog = buildCatalog();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await wipeData(db);

  return db.$transaction(
    async (tx) => {
      const people = [
        DEMO_ACCOUNTS.customer,
        DEMO_ACCOUNTS.admin,
        ...catalog.stores.map((s) => ({ ...s.owner, role: "SELLER" as const })),
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
        })),
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
      const pastOrders = [0, 1, 2].map((n) => {
        const lines = [active[(n * 37 + 3) % active.length]!, active[(n * 53 + 11) % active.length]!].map(
          (p, i) => ({ product: p, variant: p.variants[(n + i) % p.variants.length]!, quantity: 1 + ((n + i) % 2) }),
        );
        return { n, lines, ageDays: 40 - n * 15 };
      });
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
      const customerId = stableId("usr", DEMO_ACCOUNTS.customer.email);
      const variantIds = await tx.variant.findMany({
        where: { sku: { in: [...ordered.keys()] } },
        select: { id: true, sku: true, chrtId: true, product: { select: { id: true, nmId: true, storeId: true } } },
      });
      const bySku = new Map(variantIds.map((v) => [v.sku, v]));
      const statuses = ["DELIVERED", "SHIPPED", "PAID"] as const;
      for (const o of pastOrders) {
        const created = new Date(SEED_EPOCH - o.ageDays * DAY);
        const uid = createHash("sha256").update(`seed-order-${o.n}`).digest("hex").slice(0, 19);
        const track = `LM${String(1_000_000 + o.n * 7919).padStart(10, "0")}`;
        const goods = o.lines.reduce((s, l) => s + l.variant.priceMinor * l.quantity, 0);
        const deliveryCost = 499;
        const status = statuses[o.n]!;
        const orderId = stableId("ord", uid);
        await tx.order.create({
          data: {
            id: orderId,
            orderUid: uid,
            trackNumber: status === "PAID" ? "" : track,
            entry: "LMWEB",
            locale: "en",
            customerRef: customerId,
            deliveryService: "livemarket-post",
            shardKey: String(o.n % 10),
            smId: 1,
            dateCreated: created,
            oofShard: "1",
            userId: customerId,
            status,
            currency: "USD",
            goodsTotalMinor: goods,
            deliveryCostMinor: deliveryCost,
            totalMinor: goods + deliveryCost,
            idempotencyKey: `seed-${o.n}`,
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
                  trackNumber: status === "PAID" ? "" : track,
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
                name: DEMO_ACCOUNTS.customer.name,
                phone: "+15550100",
                zip: "94110",
                city: "San Francisco",
                address: "500 Market Street, Apt 4",
                region: "CA",
                email: DEMO_ACCOUNTS.customer.email,
              },
            },
            statusHistory: {
              create: ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED"]
                .slice(0, ["PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED"].indexOf(status) + 1)
                .map((s, i, all) => ({
                  fromStatus: i === 0 ? null : (all[i - 1] as "PLACED"),
                  toStatus: s as "PLACED",
                  createdAt: new Date(created.getTime() + i * DAY),
                })),
            },
          },
        });
        // One fulfilment part per store of the order's items, in the order's state.
        const shipped = status !== "PAID";
        await tx.shipment.createMany({
          data: [...new Set(o.lines.map((l) => bySku.get(l.variant.sku)!.product.storeId))].map((storeId) => ({
            id: stableId("shp", `${uid}:${storeId}`),
            orderId,
            storeId,
            status,
            carrier: shipped ? "livemarket-post" : null,
            trackingNumber: shipped ? track : null,
            shippedAt: shipped ? new Date(created.getTime() + 3 * DAY) : null,
            deliveredAt: status === "DELIVERED" ? new Date(created.getTime() + 4 * DAY) : null,
            createdAt: created,
          })),
        });
        for (const l of o.lines) {
          const v = bySku.get(l.variant.sku)!;
          const after = (running.get(l.variant.sku) ?? 0) - l.quantity;
          running.set(l.variant.sku, after);
          await tx.inventoryMovement.create({
            data: {
              variantId: v.id,
              delta: -l.quantity,
              stockAfter: after,
              reason: "ORDER",
              orderId,
              actorId: customerId,
              createdAt: created,
            },
          });
        }
      }

      // The demo customer's saved addresses: the ones their past orders went to (the newest the
      // default), so the checkout is filled in for them as for anyone who has ordered before.
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
