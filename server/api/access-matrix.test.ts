// The access matrix: every seller and admin procedure of the router, found from the router
// itself, against anonymous, customer, seller and admin callers, sellers that lost their access
// (no store, demoted, disabled) and another store's resources. Through createCaller on both
// backends, with real sessions of real users and no mocks.
//
// Adding a seller or admin procedure without an entry here fails "covers every procedure".
// For each entry:
//   - anonymous answers UNAUTHORIZED; customer, admin (for seller procedures) or seller (for admin
//     procedures), a seller without a store, a demoted seller and a disabled seller answer
//     FORBIDDEN; so do staff who must have two-factor and have not enrolled, or whose session
//     never passed it (TWO_FACTOR_REQUIRED); and none of those refused calls changes anything in
//     the database (the demo seller and admin below are exempt from two-factor, as seeded);
//   - the owner (seller1@, store northwind) or the admin then makes the same call and it passes
//     (`owner` says what proves it);
//   - `foreign`: seller1 names store sunset's (seller2@) resource: NOT_FOUND (or the domain
//     refusal named there) and nothing in the database changes, or, for lists, sunset's rows are
//     never in the answer.
import { randomBytes } from "node:crypto";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import type { Db } from "@/server/db/client";
import { call, digest, procedureKinds, refusal, sessionFor, type Caller, type Role } from "@/test/router";
import { checkout } from "@/server/services/orders/checkout";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { dryRunImport } from "@/server/services/seller-catalog/import-products";
import { exportProductsCsv } from "@/server/services/seller-catalog/export-products";
import { createApiKey } from "@/server/services/api-keys";
import { createWebhookEndpoint } from "@/server/services/webhooks";
import { createPromotion } from "@/server/services/promotions/manage";

/** Procedures outside the matrix, each with why: public, or any signed-in user's own data. */
const OUTSIDE_MATRIX: Record<string, { kind: "public" | "signed-in"; why: string }> = {
  "auth.register": { kind: "public", why: "creates a customer account" },
  "auth.requestPasswordReset": { kind: "public", why: "same answer for any email; mails the account's owner only" },
  "auth.resetPassword": { kind: "public", why: "needs the emailed single-use token" },
  "auth.me": { kind: "signed-in", why: "the caller's own profile" },
  "account.sessions": { kind: "signed-in", why: "the caller's own sessions" },
  "account.revokeSession": { kind: "signed-in", why: "the caller's own session (another's id: NOT_FOUND, server/api/routers/account.test.ts)" },
  "account.signOutEverywhere": { kind: "signed-in", why: "the caller's own sessions" },
  "account.changePassword": { kind: "signed-in", why: "the caller's own password, proven by the current one" },
  "account.profile": { kind: "signed-in", why: "the caller's own profile" },
  "account.updateProfile": { kind: "signed-in", why: "the caller's own name" },
  "account.changeEmail": { kind: "signed-in", why: "mails a link to the new address; nothing changes until it is opened" },
  "account.resendVerification": { kind: "signed-in", why: "mails the caller's own address" },
  "account.confirmEmail": { kind: "public", why: "needs the emailed single-use token" },
  "account.addresses": { kind: "signed-in", why: "the caller's own addresses" },
  "account.defaultAddress": { kind: "signed-in", why: "the caller's own address" },
  "account.createAddress": { kind: "signed-in", why: "the caller's own address" },
  "account.updateAddress": { kind: "signed-in", why: "the caller's own address (another's id: NOT_FOUND, server/services/account/account.test.ts)" },
  "account.setDefaultAddress": { kind: "signed-in", why: "the caller's own address (another's id: NOT_FOUND)" },
  "account.deleteAddress": { kind: "signed-in", why: "the caller's own address (another's id: NOT_FOUND)" },
  "account.orders": { kind: "signed-in", why: "the caller's own orders" },
  "orders.placeAsGuest": { kind: "public", why: "a guest's order of its cookie's cart or given lines; refused with a session" },
  "orders.byLink": { kind: "public", why: "needs the order's signed link (HMAC); a bad one is NOT_FOUND" },
  "catalog.list": { kind: "public", why: "active products only" },
  "catalog.categories": { kind: "public", why: "category tree" },
  "catalog.search": { kind: "public", why: "active products only" },
  "catalog.featured": { kind: "public", why: "active products only" },
  "catalog.bySlug": { kind: "public", why: "active products only" },
  "recommendations.together": { kind: "public", why: "active, in-stock products only" },
  "recommendations.similar": { kind: "public", why: "active, in-stock products only" },
  "recommendations.forYou": { kind: "signed-in", why: "from the caller's own orders and views" },
  "recommendations.recordView": { kind: "signed-in", why: "the caller's own view log" },
  "cart.get": { kind: "public", why: "the caller's cart (session or cookie)" },
  "cart.count": { kind: "public", why: "the caller's cart" },
  "cart.add": { kind: "public", why: "the caller's cart" },
  "cart.setQuantity": { kind: "public", why: "the caller's cart" },
  "cart.remove": { kind: "public", why: "the caller's cart" },
  "cart.acceptChanges": { kind: "public", why: "the caller's cart" },
  "cart.applyCode": { kind: "public", why: "the caller's cart" },
  "cart.taxQuote": { kind: "public", why: "the caller's cart, taxed for a destination it names" },
  "cart.removeCode": { kind: "public", why: "the caller's cart" },
  "cart.shippingQuote": { kind: "public", why: "the caller's cart's shipping options for an address" },
  "orders.place": { kind: "signed-in", why: "the caller's own order" },
  "orders.list": { kind: "signed-in", why: "the caller's own orders" },
  "orders.byId": { kind: "signed-in", why: "the caller's own order" },
  "orders.cancel": { kind: "signed-in", why: "the caller's own order" },
  "reviews.forProduct": { kind: "public", why: "visible reviews of active products only" },
  "reviews.mine": { kind: "signed-in", why: "the caller's own review" },
  "reviews.save": { kind: "signed-in", why: "the caller's own review, of a product they received (else FORBIDDEN, server/services/reviews/reviews.test.ts)" },
  "realtime.token": { kind: "signed-in", why: "opens the caller's own room, and a seller's own store's (checked like seller procedures)" },
  "account.twoFactor.status": { kind: "signed-in", why: "the caller's own two-factor state (never the secret)" },
  "account.twoFactor.beginEnrolment": { kind: "signed-in", why: "the caller's own enrolment; staff who must enrol reach it first" },
  "account.twoFactor.confirm": { kind: "signed-in", why: "the caller's own enrolment, with a code" },
  "account.twoFactor.disable": { kind: "signed-in", why: "the caller's own two-factor, with a fresh code" },
  "account.twoFactor.regenerateRecoveryCodes": { kind: "signed-in", why: "the caller's own recovery codes, with a fresh code" },
};

// ---------------------------------------------------------------------------------------------
// Fixtures: made fresh in beforeAll, so each mutating entry has rows of its own.

interface Made {
  productId: string;
  variantId: string;
  sku: string;
  slug: string;
}

interface Fx {
  backend: string;
  db: Db;
  northwind: string;
  sunset: string;
  categoryId: string;
  /** seller1's own products, one per mutating entry */
  own: Record<"get" | "update" | "status" | "adjust" | "price" | "bulk" | "ordered", Made>;
  /** seller2's (store sunset) product that every foreign check names */
  foreign: Made;
  orders: { own: string; foreign: string; mixed: string };
  users: { roleTarget: string; disableTarget: string };
  /** the customer's reviews of northwind's and sunset's ordered products */
  reviews: { own: string; foreign: string };
  /** seller1's caller, for checks that page on */
  seller1: Caller;
  /** seller1's user id (the import token is bound to it) */
  sellerId: string;
  /** API keys: northwind's (one to revoke), sunset's, and platform keys (one to revoke) */
  keys: { own: string; foreign: string; platform: string; platformToRevoke: string };
  /** webhook endpoints with one delivery each: northwind's (one per mutating entry), sunset's, the platform's */
  hooks: Record<"own" | "ownDelete" | "ownEnable" | "foreign" | "platform" | "platformDelete" | "platformEnable", { endpointId: string; deliveryId: string }>;
  /** discount codes: northwind's (one per mutating entry), sunset's, the platform's */
  promos: Record<"own" | "ownUpdate" | "ownToggle" | "foreign" | "platform" | "platformUpdate" | "platformToggle", { id: string; code: string; version: number }>;
  /** shipping zones: northwind's (one per mutating entry), sunset's */
  zones: Record<"own" | "ownUpdate" | "ownDelete" | "foreign", string>;
  taxRates: Record<"update" | "remove", string>;
}

const delivery = { name: "Matrix Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "matrix@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
const IMPORT_HEADER = "product_slug,product_title,category,sku,price,stock";

const tag = () => randomBytes(4).toString("hex");

async function product(db: Db, storeId: string, categoryId: string, name: string, stock: number): Promise<Made> {
  const id = tag();
  const slug = `matrix-${name}-${id}`;
  const sku = `MX-${name}-${id}`.toUpperCase();
  const p = await db.product.create({
    data: { storeId, categoryId, slug, title: `Matrix ${name}`, status: "ACTIVE", variants: { create: { sku, title: "One", priceMinor: 1500, stock, currency: "USD" } } },
    select: { id: true, variants: { select: { id: true } } },
  });
  const variantId = p.variants[0]!.id;
  if (stock > 0) await db.inventoryMovement.create({ data: { variantId, delta: stock, stockAfter: stock, reason: "RESTOCK", note: "matrix fixture" } });
  return { productId: p.id, variantId, sku, slug };
}

async function user(db: Db, name: string, role: Role, opts: { store?: boolean; disabled?: boolean; totpEnabled?: boolean } = {}) {
  const id = tag();
  return db.user.create({
    data: {
      email: `matrix-${name}-${id}@example.com`,
      name: `Matrix ${name}`,
      passwordHash: "x",
      role,
      disabledAt: opts.disabled ? new Date() : null,
      totpEnabled: opts.totpEnabled ?? false,
      ...(opts.store ? { store: { create: { name: `Matrix ${name} ${id}`, slug: `matrix-${name}-${id}` } } } : {}),
    },
    select: { id: true, role: true, name: true, email: true },
  });
}

// ---------------------------------------------------------------------------------------------
// The matrix.

interface Foreign {
  /** what seller1 tries with store sunset's resource */
  what: string;
  input: (fx: Fx) => unknown;
  /** NOT_FOUND (or a named domain refusal), or `hides` for lists and reads that must leave sunset's rows out */
  expect: { code: TRPC_ERROR_CODE_KEY; appCode: string; field?: string } | { hides: (res: unknown, fx: Fx) => void | Promise<void> };
  /** "db": nothing anywhere changes (the default); "sunset": the call may change seller1's own rows, never sunset's */
  unchanged?: "db" | "sunset";
}

interface Entry {
  kind: "seller" | "admin";
  /** a valid input for the owner's own resources (or for the admin) */
  input: (fx: Fx) => unknown;
  /** what proves the owner's (admin's) call passed the access checks */
  owner: (res: unknown, fx: Fx) => void | Promise<void>;
  foreign?: Foreign[];
}

const hidesForeignProducts = (res: unknown, fx: Fx) => {
  const r = res as { items: { id: string }[]; total: number };
  expect(r.items.map((p) => p.id)).not.toContain(fx.foreign.productId);
  expect(r.total).toBe(0);
};

/** A list that answers every row: its total is the table's count. */
const totalIs = (count: (db: Db) => Promise<number>) => async (res: unknown, fx: Fx) => expect((res as { total: number }).total).toBe(await count(fx.db));
/** An admin list with no filters: the owner sees every row. */
const adminListOf = (count: (db: Db) => Promise<number>): Entry => ({ kind: "admin", input: () => ({}), owner: totalIs(count) });

const MATRIX: Record<string, Entry> = {
  // --- seller.*
  "seller.dashboard": {
    kind: "seller",
    input: () => undefined,
    owner: async (res, fx) => {
      const r = res as { store: { id: string }; series: unknown[]; counts: { activeProducts: number }; lowStock: { productId: string }[]; outOfStock: { productId: string }[] };
      expect(r.store.id).toBe(fx.northwind);
      expect(r.series).toHaveLength(30);
      expect(r.counts.activeProducts).toBe(await fx.db.product.count({ where: { storeId: fx.northwind, status: "ACTIVE", deletedAt: null } }));
      // Only this store's variants are listed.
      const listed = [...r.lowStock, ...r.outOfStock].map((v) => v.productId);
      const foreignListed = await fx.db.product.count({ where: { id: { in: listed }, NOT: { storeId: fx.northwind } } });
      expect(foreignListed).toBe(0);
    },
  },
  "seller.variantSummary": {
    kind: "seller",
    input: (fx) => ({ variantId: fx.own.get.variantId }),
    owner: (res, fx) => expect(res).toMatchObject({ variantId: fx.own.get.variantId }),
    foreign: [{ what: "sunset's variant", input: (fx) => ({ variantId: fx.foreign.variantId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  // The caller's own preference: nothing of another store to name.
  "seller.mailSettings": {
    kind: "seller",
    input: () => undefined,
    owner: (res) => expect(res).toEqual({ lowStockDigest: expect.any(Boolean) }),
  },
  "seller.setMailSettings": {
    kind: "seller",
    input: () => ({ lowStockDigest: true }),
    owner: (res) => expect(res).toEqual({ lowStockDigest: true }),
  },
  "seller.taxSettings": {
    kind: "seller",
    input: () => undefined,
    owner: (res) => expect(res).toEqual({ pricesIncludeTax: expect.any(Boolean) }),
  },
  "seller.setTaxSettings": {
    kind: "seller",
    input: () => ({ pricesIncludeTax: true }),
    owner: async (_res, fx) => expect((await fx.db.store.findUniqueOrThrow({ where: { id: fx.northwind } })).pricesIncludeTax).toBe(true),
  },
  "seller.products.list": {
    kind: "seller",
    input: () => ({ pageSize: 100 }),
    owner: async (res, fx) => {
      const r = res as { items: { id: string }[]; total: number };
      expect(r.total).toBe(await fx.db.product.count({ where: { storeId: fx.northwind, deletedAt: null } }));
      expect(await fx.db.product.count({ where: { id: { in: r.items.map((p) => p.id) }, storeId: { not: fx.northwind } } })).toBe(0);
    },
    foreign: [
      { what: "search by sunset's SKU", input: (fx) => ({ q: fx.foreign.sku }), expect: { hides: hidesForeignProducts } },
      { what: "search by sunset's product slug", input: (fx) => ({ q: fx.foreign.slug }), expect: { hides: hidesForeignProducts } },
    ],
  },
  "seller.import.dryRun": {
    kind: "seller",
    input: (fx) => ({ csv: `${IMPORT_HEADER}\nmatrix-dry-${fx.backend},Matrix dry,t-shirts,MX-DRY-${fx.backend},9.99,3\n` }),
    owner: async (res, fx) => {
      expect((res as { counts: { create: number }; errors: unknown[] }).counts.create).toBe(1);
      expect((res as { errors: unknown[] }).errors).toEqual([]);
      expect(await fx.db.product.count({ where: { slug: `matrix-dry-${fx.backend}` } })).toBe(0);
    },
    foreign: [
      {
        what: "a row with sunset's SKU (a price and stock change)",
        input: (fx) => ({ csv: `${IMPORT_HEADER}\n${fx.foreign.slug},Taken,t-shirts,${fx.foreign.sku},1.00,999\n` }),
        expect: {
          hides: (res) => {
            const r = res as { counts: { update: number; create: number }; errors: { column?: string; message: string }[] };
            expect(r.counts).toMatchObject({ update: 0, create: 0 });
            expect(r.errors).toEqual(
              expect.arrayContaining([
                expect.objectContaining({ column: "sku", message: "SKU already in use" }),
                expect.objectContaining({ column: "product_slug", message: "Product slug already in use by another store" }),
              ]),
            );
          },
        },
      },
    ],
  },
  "seller.import.commit": {
    kind: "seller",
    input: async (fx) => {
      const csv = `${IMPORT_HEADER}\nmatrix-commit-${fx.backend},Matrix commit,t-shirts,MX-COMMIT-${fx.backend},9.99,3\n`;
      return { csv, token: (await dryRunImport(fx.db, { userId: fx.sellerId, storeId: fx.northwind }, new TextEncoder().encode(csv))).token };
    },
    owner: async (res, fx) => {
      expect((res as { counts: { create: number } }).counts.create).toBe(1);
      expect((await fx.db.product.findUniqueOrThrow({ where: { slug: `matrix-commit-${fx.backend}` } })).storeId).toBe(fx.northwind);
    },
    foreign: [
      {
        what: "apply a row with sunset's SKU and slug, with its own dry run's token (refused: the file has errors)",
        input: async (fx) => {
          const csv = `${IMPORT_HEADER}\n${fx.foreign.slug},Taken,t-shirts,${fx.foreign.sku},1.00,999\n`;
          return { csv, token: (await dryRunImport(fx.db, { userId: fx.sellerId, storeId: fx.northwind }, new TextEncoder().encode(csv))).token };
        },
        expect: { code: "BAD_REQUEST", appCode: "VALIDATION" },
      },
    ],
  },
  "seller.orders.list": {
    kind: "seller",
    input: () => ({}),
    owner: (res, fx) => {
      const ids = (res as { items: { orderId: string }[] }).items.map((o) => o.orderId);
      expect(ids).toContain(fx.orders.own);
      expect(ids).toContain(fx.orders.mixed);
    },
    foreign: [
      {
        what: "every page of the list, and the list of sunset's order's status",
        input: () => ({ status: "PAID" }),
        expect: {
          hides: async (res, fx) => {
            const r = res as { items: { orderId: string }[]; pageCount: number };
            const seen = r.items.map((o) => o.orderId);
            const caller = fx.seller1;
            for (let page = 2; page <= r.pageCount; page++) {
              seen.push(...(await caller.seller.orders.list({ status: "PAID", page })).items.map((o) => o.orderId));
            }
            expect(seen).not.toContain(fx.orders.foreign);
            expect(seen.length).toBeGreaterThan(0);
            for (const id of seen) expect(await fx.db.orderItem.count({ where: { orderId: id, storeId: fx.northwind } })).toBeGreaterThan(0);
          },
        },
      },
    ],
  },
  "seller.orders.byId": {
    kind: "seller",
    input: (fx) => ({ orderId: fx.orders.own }),
    owner: (res, fx) => {
      expect((res as { id: string }).id).toBe(fx.orders.own);
    },
    foreign: [
      { what: "sunset's order", input: (fx) => ({ orderId: fx.orders.foreign }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      {
        what: "an order with items of both stores: only northwind's items and part",
        input: (fx) => ({ orderId: fx.orders.mixed }),
        expect: {
          hides: (res, fx) => {
            const r = res as { items: { variant: { sku: string } | null }[]; otherSellers: number; statusHistory: { storeId: string | null }[] };
            expect(r.items.map((i) => i.variant?.sku)).toEqual([fx.own.ordered.sku]);
            expect(r.otherSellers).toBe(1);
            expect(r.statusHistory.length).toBeGreaterThan(0);
            expect(r.statusHistory.every((h) => h.storeId === null || h.storeId === fx.northwind)).toBe(true);
          },
        },
      },
    ],
  },
  "seller.orders.transition": {
    kind: "seller",
    input: async (fx) => ({ orderId: fx.orders.own, to: "PACKED", expectedVersion: await partVersion(fx, fx.orders.own, fx.northwind) }),
    owner: async (res, fx) => {
      expect(res).toMatchObject({ orderId: fx.orders.own, status: "PACKED" });
      expect((await fx.db.shipment.findFirstOrThrow({ where: { orderId: fx.orders.own, storeId: fx.northwind } })).status).toBe("PACKED");
    },
    foreign: [
      {
        what: "pack sunset's order",
        input: async (fx) => ({ orderId: fx.orders.foreign, to: "PACKED", expectedVersion: await partVersion(fx, fx.orders.foreign, fx.sunset) }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
      {
        what: "cancel sunset's order (would return stock and refund)",
        input: async (fx) => ({ orderId: fx.orders.foreign, to: "CANCELLED", expectedVersion: await partVersion(fx, fx.orders.foreign, fx.sunset) }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
      {
        what: "cancel northwind's part of a mixed order: sunset's part, stock and money stay as they were",
        input: async (fx) => ({ orderId: fx.orders.mixed, to: "CANCELLED", expectedVersion: await partVersion(fx, fx.orders.mixed, fx.northwind) }),
        expect: { hides: (res) => expect(res).toMatchObject({ status: "CANCELLED", orderStatus: "PAID" }) },
        unchanged: "sunset",
      },
    ],
  },

  // --- product.* (the editor)
  "seller.products.get": {
    kind: "seller",
    input: (fx) => ({ id: fx.own.get.productId }),
    owner: (res, fx) => expect((res as { id: string }).id).toBe(fx.own.get.productId),
    foreign: [{ what: "sunset's product", input: (fx) => ({ id: fx.foreign.productId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  "seller.products.categories": {
    kind: "seller",
    input: () => undefined,
    owner: (res) => expect((res as unknown[]).length).toBeGreaterThan(0),
  },
  "seller.products.create": {
    kind: "seller",
    input: (fx) => ({
      title: "Matrix created",
      slug: `matrix-created-${fx.backend}`,
      categoryId: fx.categoryId,
      variants: [{ sku: `MX-CREATED-${fx.backend}`, priceMinor: 1200, lowStockThreshold: 2, initialStock: 4 }],
    }),
    owner: async (res, fx) => {
      const id = (res as { id: string }).id;
      expect((await fx.db.product.findUniqueOrThrow({ where: { id } })).storeId).toBe(fx.northwind);
    },
    foreign: [
      {
        what: "a product with sunset's slug",
        input: (fx) => ({ title: "Taken", slug: fx.foreign.slug, categoryId: fx.categoryId, variants: [{ sku: `MX-FREE-${tag()}`, priceMinor: 100, lowStockThreshold: 0 }] }),
        expect: { code: "BAD_REQUEST", appCode: "VALIDATION", field: "slug" },
      },
      {
        what: "a product with sunset's SKU",
        input: (fx) => ({ title: "Taken", slug: `matrix-free-${tag()}`, categoryId: fx.categoryId, variants: [{ sku: fx.foreign.sku, priceMinor: 100, lowStockThreshold: 0 }] }),
        expect: { code: "BAD_REQUEST", appCode: "VALIDATION", field: "variants.0.sku" },
      },
    ],
  },
  "seller.products.update": {
    kind: "seller",
    input: async (fx) => editorForm(fx, fx.own.update.productId, { title: "Matrix updated" }),
    owner: async (res, fx) => {
      expect(res).toMatchObject({ id: fx.own.update.productId, title: "Matrix updated", version: 2 });
    },
    foreign: [
      {
        what: "sunset's product, with its current version",
        input: async (fx) => editorForm(fx, fx.foreign.productId, { title: "Hijacked" }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
      {
        what: "northwind's product carrying sunset's variant id (would move it)",
        input: async (fx) => {
          const form = await editorForm(fx, fx.own.get.productId, {});
          const theirs = await fx.db.variant.findUniqueOrThrow({ where: { id: fx.foreign.variantId } });
          return { ...form, variants: [{ id: theirs.id, sku: theirs.sku, priceMinor: 1, lowStockThreshold: 0 }] };
        },
        expect: { code: "BAD_REQUEST", appCode: "VALIDATION", field: "variants.0.id" },
      },
    ],
  },
  "seller.products.setStatus": {
    kind: "seller",
    input: async (fx) => ({ id: fx.own.status.productId, status: "ARCHIVED", expectedVersion: await productVersion(fx, fx.own.status.productId) }),
    owner: async (res, fx) => {
      expect(res).toMatchObject({ id: fx.own.status.productId, status: "ARCHIVED", version: 2 });
    },
    foreign: [
      {
        what: "archive sunset's product, with its current version",
        input: async (fx) => ({ id: fx.foreign.productId, status: "ARCHIVED", expectedVersion: await productVersion(fx, fx.foreign.productId) }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
    ],
  },
  // --- inventory.*, variant.*
  "seller.inventory.adjust": {
    kind: "seller",
    input: (fx) => ({ variantId: fx.own.adjust.variantId, delta: 3, reason: "RESTOCK", note: "matrix" }),
    owner: async (res, fx) => {
      expect(res).toMatchObject({ variantId: fx.own.adjust.variantId, stock: 13 });
      expect((await fx.db.variant.findUniqueOrThrow({ where: { id: fx.own.adjust.variantId } })).stock).toBe(13);
    },
    foreign: [
      { what: "take one of sunset's units", input: (fx) => ({ variantId: fx.foreign.variantId, delta: -1, reason: "DAMAGE" }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      {
        what: "set sunset's stock with the stock it has (inline edit)",
        input: async (fx) => ({
          variantId: fx.foreign.variantId,
          delta: 5,
          reason: "CORRECTION",
          expectedStock: (await fx.db.variant.findUniqueOrThrow({ where: { id: fx.foreign.variantId } })).stock,
        }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
    ],
  },
  "seller.inventory.movements": {
    kind: "seller",
    input: (fx) => ({ variantId: fx.own.get.variantId }),
    owner: (res, fx) => {
      const r = res as { variant: { id: string }; items: unknown[] };
      expect(r.variant.id).toBe(fx.own.get.variantId);
      expect(r.items.length).toBeGreaterThan(0);
    },
    foreign: [{ what: "sunset's variant's history", input: (fx) => ({ variantId: fx.foreign.variantId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  "seller.products.updatePrice": {
    kind: "seller",
    input: async (fx) => ({ variantId: fx.own.price.variantId, priceMinor: 2222, expectedVersion: await productVersion(fx, fx.own.price.productId) }),
    owner: async (res, fx) => {
      expect(res).toMatchObject({ variantId: fx.own.price.variantId, priceMinor: 2222 });
      expect((await fx.db.variant.findUniqueOrThrow({ where: { id: fx.own.price.variantId } })).priceMinor).toBe(2222);
    },
    foreign: [
      {
        what: "sunset's variant's price, with its product's current version",
        input: async (fx) => ({ variantId: fx.foreign.variantId, priceMinor: 1, expectedVersion: await productVersion(fx, fx.foreign.productId) }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
    ],
  },
  "seller.products.bulkEdit": {
    kind: "seller",
    input: async (fx) => ({ rows: [{ variantId: fx.own.bulk.variantId, expectedVersion: await productVersion(fx, fx.own.bulk.productId), expectedStock: 10 }], change: { kind: "stock", mode: "set", value: 4 } }),
    owner: async (res, fx) => {
      expect(res).toMatchObject({ applied: 1, refused: 0 });
      expect((await fx.db.variant.findUniqueOrThrow({ where: { id: fx.own.bulk.variantId } })).stock).toBe(4);
    },
    foreign: [
      {
        what: "sunset's variant among the rows",
        input: async (fx) => ({
          rows: [{ variantId: fx.foreign.variantId, expectedVersion: await productVersion(fx, fx.foreign.productId), expectedStock: (await fx.db.variant.findUniqueOrThrow({ where: { id: fx.foreign.variantId } })).stock }],
          change: { kind: "price", mode: "set", value: 1 },
        }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
    ],
  },

  // --- apiKeys.*: the store comes from the session; another store's key (or a platform key) is
  // NOT_FOUND and stays as it was.
  "seller.apiKeys.list": {
    kind: "seller",
    input: () => undefined,
    owner: async (res, fx) => {
      const keys = res as { id: string; storeId: string | null }[];
      expect(keys.map((k) => k.id)).toContain(fx.keys.own);
      expect(keys.every((k) => k.storeId === fx.northwind)).toBe(true);
      expect(JSON.stringify(keys)).not.toMatch(/secret|lm_live_[0-9a-f]{16}_/i);
    },
  },
  "seller.apiKeys.create": {
    kind: "seller",
    input: () => ({ name: "Matrix key", scopes: ["orders:read"] }),
    // A store id in the input is refused by the input schema (server/api/routers/api-keys.test.ts).
    owner: (res, fx) => expect(res).toMatchObject({ key: { storeId: fx.northwind, name: "Matrix key" }, secret: expect.stringMatching(/^lm_live_/) }),
  },
  "seller.apiKeys.revoke": {
    kind: "seller",
    input: (fx) => ({ id: fx.keys.own }),
    owner: async (_res, fx) => expect((await fx.db.apiKey.findUniqueOrThrow({ where: { id: fx.keys.own } })).revokedAt).not.toBeNull(),
    foreign: [
      { what: "sunset's key", input: (fx) => ({ id: fx.keys.foreign }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      { what: "a platform key", input: (fx) => ({ id: fx.keys.platform }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
    ],
  },
  "admin.apiKeys.list": {
    kind: "admin",
    input: () => undefined,
    owner: (res, fx) => {
      const keys = res as { id: string; storeId: string | null }[];
      expect(keys.map((k) => k.id)).toContain(fx.keys.platform);
      expect(keys.every((k) => k.storeId === null)).toBe(true);
    },
  },
  "admin.apiKeys.create": {
    kind: "admin",
    input: () => ({ name: "Matrix platform key", scopes: ["admin"] }),
    owner: (res) => expect(res).toMatchObject({ key: { storeId: null, scopes: ["admin"] }, secret: expect.stringMatching(/^lm_live_/) }),
  },
  "admin.apiKeys.revoke": {
    kind: "admin",
    input: (fx) => ({ id: fx.keys.platformToRevoke }),
    owner: async (_res, fx) => expect((await fx.db.apiKey.findUniqueOrThrow({ where: { id: fx.keys.platformToRevoke } })).revokedAt).not.toBeNull(),
  },

  // --- seller.webhooks.*
  "seller.webhooks.list": {
    kind: "seller",
    input: () => undefined,
    owner: async (res, fx) => {
      const ids = (res as { id: string; storeId: string }[]).map((e) => e.id);
      expect(ids).toContain(fx.hooks.own.endpointId);
      expect(ids).not.toContain(fx.hooks.foreign.endpointId);
      expect(ids).not.toContain(fx.hooks.platform.endpointId);
    },
  },
  "seller.webhooks.create": {
    kind: "seller",
    input: () => ({ url: "https://hooks.example.com/matrix-seller", events: ["order.placed"] }),
    owner: async (res, fx) => {
      const r = res as { endpoint: { id: string; storeId: string }; secret: string };
      expect(r.secret).toMatch(/^whsec_/);
      expect(r.endpoint.storeId).toBe(fx.northwind);
    },
  },
  "seller.webhooks.delete": {
    kind: "seller",
    input: (fx) => ({ id: fx.hooks.ownDelete.endpointId }),
    owner: async (_res, fx) => expect(await fx.db.webhookEndpoint.count({ where: { id: fx.hooks.ownDelete.endpointId } })).toBe(0),
    foreign: [
      { what: "sunset's endpoint", input: (fx) => ({ id: fx.hooks.foreign.endpointId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      { what: "a platform endpoint", input: (fx) => ({ id: fx.hooks.platform.endpointId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
    ],
  },
  "seller.webhooks.enable": {
    kind: "seller",
    input: (fx) => ({ id: fx.hooks.ownEnable.endpointId }),
    owner: async (_res, fx) => expect((await fx.db.webhookEndpoint.findUniqueOrThrow({ where: { id: fx.hooks.ownEnable.endpointId } })).disabledAt).toBeNull(),
    foreign: [{ what: "sunset's disabled endpoint", input: (fx) => ({ id: fx.hooks.foreign.endpointId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  "seller.webhooks.deliveries": {
    kind: "seller",
    input: (fx) => ({ endpointId: fx.hooks.own.endpointId }),
    owner: (res, fx) => expect((res as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([fx.hooks.own.deliveryId]),
    foreign: [
      { what: "sunset's endpoint's log", input: (fx) => ({ endpointId: fx.hooks.foreign.endpointId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      { what: "the platform endpoint's log", input: (fx) => ({ endpointId: fx.hooks.platform.endpointId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
    ],
  },
  "seller.webhooks.redeliver": {
    kind: "seller",
    input: (fx) => ({ deliveryId: fx.hooks.own.deliveryId }),
    owner: async (_res, fx) => expect((await fx.db.webhookDelivery.findUniqueOrThrow({ where: { id: fx.hooks.own.deliveryId } })).status).toBe("PENDING"),
    foreign: [
      { what: "sunset's delivery", input: (fx) => ({ deliveryId: fx.hooks.foreign.deliveryId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      { what: "a platform delivery", input: (fx) => ({ deliveryId: fx.hooks.platform.deliveryId }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
    ],
  },

  // --- admin.*
  "admin.overview": {
    kind: "admin",
    input: () => undefined,
    owner: async (res, fx) => expect((res as { users: number }).users).toBe(await fx.db.user.count()),
  },
  "admin.users.list": adminListOf((db) => db.user.count()),
  "admin.users.setRole": {
    kind: "admin",
    input: (fx) => ({ userId: fx.users.roleTarget, role: "SELLER" }),
    owner: async (_res, fx) => expect((await fx.db.user.findUniqueOrThrow({ where: { id: fx.users.roleTarget } })).role).toBe("SELLER"),
  },
  "admin.users.setDisabled": {
    kind: "admin",
    input: (fx) => ({ userId: fx.users.disableTarget, disabled: true }),
    owner: async (_res, fx) => expect((await fx.db.user.findUniqueOrThrow({ where: { id: fx.users.disableTarget } })).disabledAt).not.toBeNull(),
  },
  "admin.stores.list": adminListOf((db) => db.store.count()),
  "admin.orders.list": adminListOf((db) => db.order.count()),
  "admin.orders.byId": {
    kind: "admin",
    // Admins read every store's orders: sunset's order is no foreign resource to them.
    input: (fx) => ({ orderId: fx.orders.foreign }),
    owner: (res, fx) => expect((res as { id: string }).id).toBe(fx.orders.foreign),
  },
  "seller.reviews.list": {
    kind: "seller",
    input: () => ({}),
    owner: (res, fx) => expect((res as { items: { id: string }[] }).items.map((r) => r.id)).toContain(fx.reviews.own),
    foreign: [
      {
        what: "sunset's review is never listed",
        input: () => ({}),
        expect: { hides: (res, fx) => expect((res as { items: { id: string }[] }).items.map((r) => r.id)).not.toContain(fx.reviews.foreign) },
      },
    ],
  },
  "seller.reviews.reply": {
    kind: "seller",
    input: (fx) => ({ reviewId: fx.reviews.own, body: "Thank you" }),
    owner: async (_res, fx) => expect((await fx.db.review.findUniqueOrThrow({ where: { id: fx.reviews.own } })).replyBody).toBe("Thank you"),
    foreign: [{ what: "sunset's review", input: (fx) => ({ reviewId: fx.reviews.foreign, body: "Not mine" }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  "admin.reviews.list": {
    kind: "admin",
    input: () => ({}),
    owner: async (res) => expect((res as { total: number }).total).toBeGreaterThan(0),
  },
  "admin.reviews.setHidden": {
    kind: "admin",
    input: (fx) => ({ reviewId: fx.reviews.foreign, hidden: true, reason: "Matrix moderation" }),
    owner: async (_res, fx) => expect((await fx.db.review.findUniqueOrThrow({ where: { id: fx.reviews.foreign } })).hiddenAt).not.toBeNull(),
  },
  "admin.audit.list": {
    kind: "admin",
    input: () => ({}),
    owner: async (res, fx) => expect((res as { total: number }).total).toBe(await fx.db.auditLog.count()),
  },
  "admin.webhooks.list": {
    kind: "admin",
    input: () => undefined,
    owner: (res, fx) => {
      const ids = (res as { id: string }[]).map((e) => e.id);
      expect(ids).toContain(fx.hooks.platform.endpointId);
      expect(ids).not.toContain(fx.hooks.own.endpointId);
    },
  },
  "admin.webhooks.create": {
    kind: "admin",
    input: () => ({ url: "https://hooks.example.com/matrix-admin", events: ["order.placed", "stock.changed"] }),
    owner: (res) => expect((res as { endpoint: { storeId: string | null }; secret: string }).endpoint.storeId).toBeNull(),
  },
  "admin.webhooks.delete": {
    kind: "admin",
    input: (fx) => ({ id: fx.hooks.platformDelete.endpointId }),
    owner: async (_res, fx) => expect(await fx.db.webhookEndpoint.count({ where: { id: fx.hooks.platformDelete.endpointId } })).toBe(0),
  },
  "admin.webhooks.enable": {
    kind: "admin",
    input: (fx) => ({ id: fx.hooks.platformEnable.endpointId }),
    owner: async (_res, fx) => expect((await fx.db.webhookEndpoint.findUniqueOrThrow({ where: { id: fx.hooks.platformEnable.endpointId } })).disabledAt).toBeNull(),
  },
  "admin.webhooks.deliveries": {
    kind: "admin",
    input: (fx) => ({ endpointId: fx.hooks.platform.endpointId }),
    owner: (res, fx) => expect((res as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([fx.hooks.platform.deliveryId]),
  },
  "admin.webhooks.redeliver": {
    kind: "admin",
    input: (fx) => ({ deliveryId: fx.hooks.platform.deliveryId }),
    owner: async (_res, fx) => expect((await fx.db.webhookDelivery.findUniqueOrThrow({ where: { id: fx.hooks.platform.deliveryId } })).status).toBe("PENDING"),
  },
  "admin.currencies.list": {
    kind: "admin",
    input: () => undefined,
    owner: async (res, fx) =>
      expect((res as { currency: string }[]).map((r) => r.currency)).toEqual((await fx.db.currencyRate.findMany({ orderBy: { currency: "asc" } })).map((r) => r.currency)),
  },
  "admin.currencies.set": {
    kind: "admin",
    input: () => ({ currency: "GBP", rate: "0.79" }),
    owner: async (_res, fx) => expect(Number((await fx.db.currencyRate.findUniqueOrThrow({ where: { currency: "GBP" } })).rateMicros)).toBe(790_000),
  },
  "admin.currencies.remove": {
    kind: "admin",
    input: () => ({ currency: "SEK" }),
    owner: async (_res, fx) => expect(await fx.db.currencyRate.count({ where: { currency: "SEK" } })).toBe(0),
  },

  // --- seller.shipping.*
  "seller.shipping.zones": {
    kind: "seller",
    input: () => undefined,
    owner: (res, fx) => {
      const ids = (res as { id: string }[]).map((z) => z.id);
      expect(ids).toContain(fx.zones.own);
      expect(ids).not.toContain(fx.zones.foreign);
    },
  },
  "seller.shipping.saveZone": {
    kind: "seller",
    input: (fx) => ({ id: fx.zones.ownUpdate, name: "MX Korea", countries: ["KR"], rates: [{ name: "MX flat", kind: "FLAT", amountMinor: 700 }] }),
    owner: async (_res, fx) => expect((await fx.db.shippingZone.findUniqueOrThrow({ where: { id: fx.zones.ownUpdate } })).name).toBe("MX Korea"),
    foreign: [{ what: "sunset's zone", input: (fx) => ({ id: fx.zones.foreign, name: "Taken", countries: ["JP"], rates: [{ name: "X", kind: "FLAT", amountMinor: 1 }] }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  "seller.shipping.deleteZone": {
    kind: "seller",
    input: (fx) => ({ id: fx.zones.ownDelete }),
    owner: async (_res, fx) => expect(await fx.db.shippingZone.count({ where: { id: fx.zones.ownDelete } })).toBe(0),
    foreign: [{ what: "sunset's zone", input: (fx) => ({ id: fx.zones.foreign }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },

  // --- admin.taxRates.*
  "admin.taxRates.list": {
    kind: "admin",
    input: () => undefined,
    owner: async (res, fx) => expect((res as { id: string }[]).map((r) => r.id).sort()).toEqual((await fx.db.taxRate.findMany({ select: { id: true } })).map((r) => r.id).sort()),
  },
  "admin.taxRates.create": {
    kind: "admin",
    input: () => ({ country: "IT", region: "", name: "IVA", rate: "22", appliesToShipping: true }),
    owner: async (_res, fx) => expect((await fx.db.taxRate.findUniqueOrThrow({ where: { country_regionKey: { country: "IT", regionKey: "" } } })).ratePpm).toBe(220_000),
  },
  "admin.taxRates.update": {
    kind: "admin",
    input: (fx) => ({ id: fx.taxRates.update, country: "AT", region: "", name: "USt", rate: "20", appliesToShipping: false }),
    owner: async (_res, fx) => expect((await fx.db.taxRate.findUniqueOrThrow({ where: { id: fx.taxRates.update } })).name).toBe("USt"),
  },
  "admin.taxRates.remove": {
    kind: "admin",
    input: (fx) => ({ id: fx.taxRates.remove }),
    owner: async (_res, fx) => expect(await fx.db.taxRate.count({ where: { id: fx.taxRates.remove } })).toBe(0),
  },

  // --- seller.promotions.* and admin.promotions.*
  "seller.promotions.list": {
    kind: "seller",
    input: () => undefined,
    owner: (res, fx) => {
      const ids = (res as { id: string }[]).map((p) => p.id);
      expect(ids).toContain(fx.promos.own.id);
      expect(ids).not.toContain(fx.promos.foreign.id);
      expect(ids).not.toContain(fx.promos.platform.id);
    },
  },
  "seller.promotions.get": {
    kind: "seller",
    input: (fx) => ({ id: fx.promos.own.id }),
    owner: (res, fx) => expect((res as { id: string }).id).toBe(fx.promos.own.id),
    foreign: [
      { what: "sunset's code", input: (fx) => ({ id: fx.promos.foreign.id }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
      { what: "a platform code", input: (fx) => ({ id: fx.promos.platform.id }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } },
    ],
  },
  "seller.promotions.targets": {
    kind: "seller",
    input: () => undefined,
    owner: async (res, fx) => {
      const r = res as { products: { id: string }[] };
      expect(r.products.map((p) => p.id)).toContain(fx.own.get.productId);
      expect(r.products.map((p) => p.id)).not.toContain(fx.foreign.productId);
    },
  },
  "seller.promotions.create": {
    kind: "seller",
    input: () => ({ code: `MXNEW${tag()}`, kind: "FIXED", amountMinor: 500 }),
    owner: (res, fx) => expect((res as { storeId: string }).storeId).toBe(fx.northwind),
  },
  "seller.promotions.update": {
    kind: "seller",
    input: (fx) => ({ id: fx.promos.ownUpdate.id, version: fx.promos.ownUpdate.version, promotion: { code: fx.promos.ownUpdate.code, kind: "PERCENT", percentBp: 2000 } }),
    owner: async (_res, fx) => expect((await fx.db.promotion.findUniqueOrThrow({ where: { id: fx.promos.ownUpdate.id } })).percentBp).toBe(2000),
    foreign: [
      {
        what: "sunset's code",
        input: (fx) => ({ id: fx.promos.foreign.id, version: fx.promos.foreign.version, promotion: { code: fx.promos.foreign.code, kind: "PERCENT", percentBp: 9000 } }),
        expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
      },
    ],
  },
  "seller.promotions.setActive": {
    kind: "seller",
    input: (fx) => ({ id: fx.promos.ownToggle.id, active: false }),
    owner: async (_res, fx) => expect((await fx.db.promotion.findUniqueOrThrow({ where: { id: fx.promos.ownToggle.id } })).active).toBe(false),
    foreign: [{ what: "sunset's code", input: (fx) => ({ id: fx.promos.foreign.id, active: false }), expect: { code: "NOT_FOUND", appCode: "NOT_FOUND" } }],
  },
  "admin.promotions.list": {
    kind: "admin",
    input: () => undefined,
    owner: (res, fx) => {
      const ids = (res as { id: string }[]).map((p) => p.id);
      expect(ids).toContain(fx.promos.platform.id);
      expect(ids).not.toContain(fx.promos.own.id);
    },
  },
  "admin.promotions.get": {
    kind: "admin",
    input: (fx) => ({ id: fx.promos.platform.id }),
    owner: (res, fx) => expect((res as { id: string }).id).toBe(fx.promos.platform.id),
  },
  "admin.promotions.targets": {
    kind: "admin",
    input: () => undefined,
    owner: (res) => expect((res as { categories: unknown[] }).categories.length).toBeGreaterThan(0),
  },
  "admin.promotions.create": {
    kind: "admin",
    input: () => ({ code: `MXPLAT${tag()}`, kind: "PERCENT", percentBp: 500 }),
    owner: (res) => expect((res as { storeId: string | null }).storeId).toBeNull(),
  },
  "admin.promotions.update": {
    kind: "admin",
    input: (fx) => ({ id: fx.promos.platformUpdate.id, version: fx.promos.platformUpdate.version, promotion: { code: fx.promos.platformUpdate.code, kind: "FIXED", amountMinor: 700 } }),
    owner: async (_res, fx) => expect((await fx.db.promotion.findUniqueOrThrow({ where: { id: fx.promos.platformUpdate.id } })).amountMinor).toBe(700),
  },
  "admin.promotions.setActive": {
    kind: "admin",
    input: (fx) => ({ id: fx.promos.platformToggle.id, active: false }),
    owner: async (_res, fx) => expect((await fx.db.promotion.findUniqueOrThrow({ where: { id: fx.promos.platformToggle.id } })).active).toBe(false),
  },
};

async function productVersion(fx: Fx, productId: string): Promise<number> {
  return (await fx.db.product.findUniqueOrThrow({ where: { id: productId }, select: { version: true } })).version;
}

async function partVersion(fx: Fx, orderId: string, storeId: string): Promise<number> {
  return (await fx.db.shipment.findFirstOrThrow({ where: { orderId, storeId }, select: { version: true } })).version;
}

/** The editor's form for a product as loaded from the database (whoever owns it), with changes. */
async function editorForm(fx: Fx, productId: string, changes: Record<string, unknown>) {
  const p = await fx.db.product.findUniqueOrThrow({
    where: { id: productId },
    select: { id: true, version: true, title: true, slug: true, categoryId: true, variants: { select: { id: true, sku: true, title: true, priceMinor: true, lowStockThreshold: true } } },
  });
  return {
    id: p.id,
    expectedVersion: p.version,
    title: p.title,
    slug: p.slug,
    categoryId: p.categoryId,
    variants: p.variants.map((v) => ({ id: v.id, sku: v.sku, title: v.title, priceMinor: v.priceMinor, lowStockThreshold: v.lowStockThreshold })),
    ...changes,
  };
}

// ---------------------------------------------------------------------------------------------

describe("the access matrix", () => {
  it("covers every seller and admin procedure of the router, and classifies every other one", () => {
    const kinds = procedureKinds();
    const guarded = Object.entries(kinds)
      .filter(([, k]) => k === "seller" || k === "admin")
      .map(([path]) => path)
      .sort();
    // A new seller/admin procedure needs an entry in MATRIX (and a removed one loses it).
    expect(Object.keys(MATRIX).sort()).toEqual(guarded);
    for (const [path, e] of Object.entries(MATRIX)) expect(`${path}: ${kinds[path]}`).toBe(`${path}: ${e.kind}`);
    // Everything else is named, with the kind it has, so a new procedure is classified on purpose.
    const others = Object.fromEntries(Object.entries(kinds).filter(([, k]) => k === "public" || k === "signed-in"));
    expect(others).toEqual(Object.fromEntries(Object.entries(OUTSIDE_MATRIX).map(([p, o]) => [p, o.kind])));
    // Seller-only procedures live under seller.*, admin-only ones under admin.*, and nowhere else.
    for (const [path, kind] of Object.entries(kinds)) {
      if (kind === "seller" || kind === "admin") expect(path.startsWith(`${kind}.`), path).toBe(true);
      else expect(path.startsWith("seller.") || path.startsWith("admin."), path).toBe(false);
    }
    for (const prefix of ["seller.products.", "seller.inventory.", "seller.orders.", "seller.import.", "admin."]) {
      expect(guarded.some((p) => p.startsWith(prefix))).toBe(true);
    }
  });
});

describe.each(backends())("access matrix on %s", (backend) => {
  let t: TestDb;
  let fx: Fx;
  let callers: Record<
    | "anonymous"
    | "customer"
    | "seller"
    | "admin"
    | "storelessSeller"
    | "demotedSeller"
    | "demotedSellerStaleSession"
    | "disabledSellerStaleSession"
    | "sellerWithout2fa"
    | "sellerWith2faUnverifiedSession"
    | "adminWithout2fa"
    | "adminWith2faUnverifiedSession"
    | "demotedDisabledAdminStaleSession"
    | "disabledAdminStaleSession",
    Caller
  >;

  beforeAll(async () => {
    t = await openTestDb(backend);
    const db = t.db;
    const find = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, name: true, email: true } });
    const [customer, seller1, admin] = await Promise.all([find("customer@livemarket.test"), find("seller1@livemarket.test"), find("admin@livemarket.test")]);
    const northwind = (await db.store.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
    const sunset = (await db.store.findUniqueOrThrow({ where: { slug: "sunset" } })).id;
    expect((await db.store.findUniqueOrThrow({ where: { id: northwind } })).ownerId).toBe(seller1.id);
    const categoryId = (await db.category.findUniqueOrThrow({ where: { slug: "t-shirts" } })).id;

    const own = {
      get: await product(db, northwind, categoryId, "get", 10),
      update: await product(db, northwind, categoryId, "update", 10),
      status: await product(db, northwind, categoryId, "status", 10),
      adjust: await product(db, northwind, categoryId, "adjust", 10),
      price: await product(db, northwind, categoryId, "price", 10),
      bulk: await product(db, northwind, categoryId, "bulk", 10),
      ordered: await product(db, northwind, categoryId, "ordered", 20),
    };
    const foreign = await product(db, sunset, categoryId, "foreign", 20);
    const place = async (lines: { variantId: string; quantity: number }[]) =>
      (await checkout(db, customer.id, { idempotencyKey: `matrix-${tag()}`, lines, delivery, payment: card })).id;
    const orders = {
      own: await place([{ variantId: own.ordered.variantId, quantity: 1 }]),
      foreign: await place([{ variantId: foreign.variantId, quantity: 1 }]),
      mixed: await place([
        { variantId: own.ordered.variantId, quantity: 2 },
        { variantId: foreign.variantId, quantity: 2 },
      ]),
    };

    // Sellers that lost their access: no store; demoted to customer by an admin (the session
    // either already refreshed, or a context built from an older session still says SELLER); disabled.
    const storeless = await user(db, "storeless", "SELLER");
    const demoted = await user(db, "demoted", "SELLER", { store: true });
    const disabled = await user(db, "disabled", "SELLER", { store: true, disabled: true });
    // Admins that lost their access, whose sessions still say ADMIN: demoted to customer and
    // disabled; only disabled. The very next admin call is refused.
    const demotedAdmin = await user(db, "demoted-admin", "ADMIN");
    const disabledAdmin = await user(db, "disabled-admin", "ADMIN");
    // Staff who must have two-factor (not exempt): not enrolled, or enrolled with a session that
    // never passed the second step.
    const sellerWithout2fa = await user(db, "no-2fa-seller", "SELLER", { store: true });
    const sellerWith2fa = await user(db, "2fa-seller", "SELLER", { store: true, totpEnabled: true });
    const adminWithout2fa = await user(db, "no-2fa-admin", "ADMIN");
    const adminWith2fa = await user(db, "2fa-admin", "ADMIN", { totpEnabled: true });
    const users = { roleTarget: (await user(db, "role-target", "CUSTOMER")).id, disableTarget: (await user(db, "disable-target", "CUSTOMER")).id };

    const as = (s: Session | null) => createCaller(createContextInner({ db, session: s }));
    callers = {
      anonymous: as(null),
      customer: as(sessionFor(customer, "CUSTOMER")),
      seller: as(sessionFor(seller1, "SELLER")),
      admin: as(sessionFor(admin, "ADMIN")),
      storelessSeller: as(sessionFor(storeless, "SELLER")),
      demotedSeller: as(sessionFor(demoted, "CUSTOMER")),
      demotedSellerStaleSession: as(sessionFor(demoted, "SELLER")),
      disabledSellerStaleSession: as(sessionFor(disabled, "SELLER")),
      demotedDisabledAdminStaleSession: as(sessionFor(demotedAdmin, "ADMIN")),
      disabledAdminStaleSession: as(sessionFor(disabledAdmin, "ADMIN")),
      sellerWithout2fa: as(sessionFor(sellerWithout2fa, "SELLER")),
      sellerWith2faUnverifiedSession: as(sessionFor(sellerWith2fa, "SELLER", "required")),
      adminWithout2fa: as(sessionFor(adminWithout2fa, "ADMIN", "verified")),
      adminWith2faUnverifiedSession: as(sessionFor(adminWith2fa, "ADMIN", "not-enrolled")),
    };
    // The demotions go through the admin's own procedures, as they would in the app.
    await callers.admin.admin.users.setRole({ userId: demoted.id, role: "CUSTOMER" });
    await callers.admin.admin.users.setRole({ userId: demotedAdmin.id, role: "CUSTOMER" });
    await callers.admin.admin.users.setDisabled({ userId: demotedAdmin.id, disabled: true });
    await callers.admin.admin.users.setDisabled({ userId: disabledAdmin.id, disabled: true });
    await callers.admin.admin.currencies.set({ currency: "SEK", rate: "10.5" });
    const hook = async (storeId: string | null, actorId: string, disabled = false) => {
      const { endpoint } = await inTransaction(db, (tx) =>
        createWebhookEndpoint(tx, { actor: { id: actorId, role: storeId ? "SELLER" : "ADMIN" }, storeId, url: `https://hooks.example.com/${tag()}`, events: ["order.placed"] }),
      );
      if (disabled) await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: new Date(), disabledReason: "matrix" } });
      const delivery = await db.webhookDelivery.create({
        data: { endpointId: endpoint.id, outboxEventId: 1n, eventId: `evt_${tag()}`, eventType: "order.placed", body: "{}", status: "DELIVERED", attempts: 1, giveUpAt: new Date() },
        select: { id: true },
      });
      return { endpointId: endpoint.id, deliveryId: delivery.id };
    };
    const seller2 = await find("seller2@livemarket.test");
    const key = async (actor: { id: string; role: Role }, storeId: string | null, name: string) =>
      (await inTransaction(db, (tx) => createApiKey(tx, { actor, storeId, name, scopes: storeId ? ["orders:read"] : ["admin"] }))).key.id;
    const keys = {
      own: await key(seller1, northwind, "matrix own"),
      foreign: await key(seller2, sunset, "matrix foreign"),
      platform: await key(admin, null, "matrix platform"),
      platformToRevoke: await key(admin, null, "matrix platform revoke"),
    };
    const hooks = {
      own: await hook(northwind, seller1.id),
      ownDelete: await hook(northwind, seller1.id),
      ownEnable: await hook(northwind, seller1.id, true),
      foreign: await hook(sunset, seller2.id, true),
      platform: await hook(null, admin.id),
      platformDelete: await hook(null, admin.id),
      platformEnable: await hook(null, admin.id, true),
    };
    const review = async (productId: string, orderId: string) =>
      (await db.review.create({ data: { productId, orderId, userId: customer.id, rating: 4, body: "Matrix review" }, select: { id: true } })).id;
    const reviews = { own: await review(own.ordered.productId, orders.own), foreign: await review(foreign.productId, orders.foreign) };
    const promo = async (storeId: string | null, actorId: string) => {
      const p = await inTransaction(db, (tx) => createPromotion(tx, { actor: { id: actorId }, storeId }, { code: `MX${tag()}`, kind: "PERCENT", percentBp: 1000 }));
      return { id: p.id, code: p.code, version: p.version };
    };
    const promos = {
      own: await promo(northwind, seller1.id),
      ownUpdate: await promo(northwind, seller1.id),
      ownToggle: await promo(northwind, seller1.id),
      foreign: await promo(sunset, seller2.id),
      platform: await promo(null, admin.id),
      platformUpdate: await promo(null, admin.id),
      platformToggle: await promo(null, admin.id),
    };
    const zone = async (storeId: string, country: string) =>
      (await db.shippingZone.create({ data: { storeId, name: `MX ${country}`, countries: [country], rates: { create: [{ name: "MX flat", kind: "FLAT", amountMinor: 100 }] } }, select: { id: true } })).id;
    const zones = { own: await zone(northwind, "JP"), ownUpdate: await zone(northwind, "KR"), ownDelete: await zone(northwind, "BR"), foreign: await zone(sunset, "JP") };
    const taxRate = async (country: string) => (await db.taxRate.create({ data: { country, region: "", regionKey: "", name: "VAT", ratePpm: 200_000 }, select: { id: true } })).id;
    const taxRates = { update: await taxRate("AT"), remove: await taxRate("BE") };
    fx = { backend, db, northwind, sunset, categoryId, own, foreign, orders, users, reviews, seller1: callers.seller, sellerId: seller1.id, keys, hooks, promos, zones, taxRates };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Who is refused what, by the kind of procedure. */
  const REFUSED: Record<"seller" | "admin", [keyof typeof callers, TRPC_ERROR_CODE_KEY][]> = {
    seller: [
      ["anonymous", "UNAUTHORIZED"],
      ["customer", "FORBIDDEN"],
      ["admin", "FORBIDDEN"],
      ["storelessSeller", "FORBIDDEN"],
      ["demotedSeller", "FORBIDDEN"],
      ["demotedSellerStaleSession", "FORBIDDEN"],
      ["disabledSellerStaleSession", "FORBIDDEN"],
      ["sellerWithout2fa", "FORBIDDEN"],
      ["sellerWith2faUnverifiedSession", "FORBIDDEN"],
    ],
    admin: [
      ["anonymous", "UNAUTHORIZED"],
      ["customer", "FORBIDDEN"],
      ["seller", "FORBIDDEN"],
      ["storelessSeller", "FORBIDDEN"],
      ["demotedSellerStaleSession", "FORBIDDEN"],
      ["demotedDisabledAdminStaleSession", "FORBIDDEN"],
      ["disabledAdminStaleSession", "FORBIDDEN"],
      ["adminWithout2fa", "FORBIDDEN"],
      ["adminWith2faUnverifiedSession", "FORBIDDEN"],
    ],
  };

  it.each(Object.keys(MATRIX))("%s", async (path) => {
    const entry = MATRIX[path]!;
    const input = await entry.input(fx);

    // 1. Everyone without the access is refused, and nothing changes.
    const before = await digest(t.db);
    const refused: string[] = [];
    for (const [who] of REFUSED[entry.kind]) {
      const r = await refusal(call(callers[who], path, input));
      refused.push(`${who}: ${r.code}`);
      // Staff refused for two-factor are told so (their pages send them to enrol).
      if (who.includes("2fa")) expect(`${who}: ${r.appCode}`).toBe(`${who}: TWO_FACTOR_REQUIRED`);
    }
    expect(refused).toEqual(REFUSED[entry.kind].map(([who, code]) => `${who}: ${code}`));
    expect(await digest(t.db)).toEqual(before);

    // 2. Another store's resources: NOT_FOUND (or the named refusal) and nothing changes, or
    //    sunset's rows stay out of the answer.
    for (const f of entry.foreign ?? []) {
      const foreignInput = await f.input(fx);
      const scope = f.unchanged === "sunset" ? fx.sunset : null;
      const was = await digest(t.db, scope);
      if ("hides" in f.expect) {
        await f.expect.hides(await call(callers.seller, path, foreignInput), fx);
      } else {
        const r = await refusal(call(callers.seller, path, foreignInput));
        expect({ what: f.what, code: r.code, appCode: r.appCode }).toEqual({ what: f.what, code: f.expect.code, appCode: f.expect.appCode });
        if (f.expect.field) expect(Object.keys(r.fieldErrors ?? {})).toContain(f.expect.field);
      }
      expect(await digest(t.db, scope)).toEqual(was);
    }

    // 3. The owner (seller1, northwind) or the admin: the same call passes.
    const res = await call(entry.kind === "seller" ? callers.seller : callers.admin, path, input);
    await entry.owner(res, fx);
  });

  it("answers UNAUTHORIZED to anonymous callers of every signed-in procedure outside the matrix", async () => {
    const signedIn = Object.entries(OUTSIDE_MATRIX).filter(([, o]) => o.kind === "signed-in").map(([path]) => path);
    const codes: string[] = [];
    for (const path of signedIn) codes.push(`${path}: ${(await refusal(call(callers.anonymous, path, { orderId: fx.orders.own }))).code}`);
    expect(codes).toEqual(signedIn.map((path) => `${path}: UNAUTHORIZED`));
  });

  // Route handlers that are seller-only cannot run here without a session cookie from a running
  // server (getSession reads next/headers). Their access is checked in their own code (role, then
  // the caller's store) and e2e; what they serve comes from these services, scoped by storeId:
  it("the CSV export service (GET /seller/products/export) never contains another store's rows", async () => {
    const csv = await exportProductsCsv(t.db, fx.northwind, {});
    expect(csv).toContain(fx.own.get.sku);
    expect(csv).not.toContain(fx.foreign.sku);
    const theirs = await t.db.variant.findMany({ where: { product: { storeId: fx.sunset } }, select: { sku: true }, take: 50 });
    expect(theirs.length).toBeGreaterThan(0);
    for (const v of theirs) expect(csv.includes(`,${v.sku},`)).toBe(false);
  });
});
