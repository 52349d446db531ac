// The REST API's contract on both backends: a typed client generated from the OpenAPI document
// (openapi-typescript + openapi-fetch) calls the real handlers; every response is validated
// against the document's schema for its operation and status (ajv, JSON Schema 2020-12), and
// every status answered must be documented. Every operation is called with its success and with
// each error status and appCode the document lists for it (a sweep for the dispatcher's own
// errors, flows for the operations' own), and the last test of each backend fails on any that was
// never seen. Also: the key scope matrix (missing scope, another
// store, revoked, expired: refused, nothing changed), idempotent orders (replay, conflict,
// concurrency), CORS, cookies ignored, problem+json, rate-limit headers, and that the committed
// client types are what the document generates.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import createClient from "openapi-fetch";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createRestHandler, compileRoutes } from "@/server/api/rest/dispatch";
import { REST_OPERATIONS } from "@/server/api/rest/operations";
import { buildOpenApiDocument, errorStatusesOf } from "@/server/api/rest/openapi";
import type { Operation } from "@/server/api/rest/operation";
import { createLimits } from "@/server/limits/limits";
import { inTransaction } from "@/server/db/transaction";
import { createPromotion } from "@/server/services/promotions/manage";
import { createApiKey, revokeApiKey } from "@/server/services/api-keys";
import type { ApiScope } from "@/shared/api-scopes";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { serializeCsv } from "@/server/services/seller-catalog/csv";
import { COLUMN_NAMES } from "@/server/services/seller-catalog/format";
import { releaseLapsedReservations } from "@/server/services/orders/release-reservations";
import { testCardProvider } from "@/server/services/payments/test-card";
import type { paths } from "./openapi-types";
import { generateTypes, TYPES_FILE } from "./openapi-codegen";

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument(REST_OPERATIONS))) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(doc as object, "doc");
const routes = Object.keys(doc.paths).map((p) => ({ p, re: new RegExp(`^${p.replace(/\{\w+\}/g, "[^/]+")}$`) }));
const escape = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");
/** What each operation answered in this backend's run: "200", "409", "409:INSUFFICIENT_STOCK". */
const seen = new Map<string, Set<string>>();

/** Validates a response against the document: the status is documented for the operation, the
 * body matches its schema. */
async function validate(req: Request, res: Response): Promise<void> {
  if (req.method === "OPTIONS") return;
  const path = new URL(req.url).pathname;
  const route = routes.filter((r) => r.re.test(path)).sort((a, b) => (a.p.match(/\{/g)?.length ?? 0) - (b.p.match(/\{/g)?.length ?? 0))[0];
  const method = req.method.toLowerCase();
  const opDoc = route && doc.paths[route.p]![method];
  if (!route || !opDoc) return; // 404/405 for unknown paths: checked by their own tests
  const key = `${method} ${route.p}`;
  const answered = seen.get(key) ?? seen.set(key, new Set()).get(key)!;
  answered.add(String(res.status));
  const documented = opDoc.responses[String(res.status)];
  expect(documented, `${key} answered ${res.status}, which the document does not list`).toBeDefined();
  if (res.status === 204) return;
  const type = res.headers.get("content-type")!;
  const pointer = `doc#/paths/${escape(route.p)}/${method}/responses/${res.status}/content/${escape(type)}/schema`;
  expect(documented!.content?.[type], `${key} ${res.status} answered ${type}`).toBeDefined();
  const body: unknown = await res.clone().json();
  if (type === "application/problem+json") answered.add(`${res.status}:${(body as { appCode: string }).appCode}`);
  const ok = ajv.validate({ $ref: pointer }, body);
  expect(ok, `${key} ${res.status}: ${ajv.errorsText(ajv.errors)}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
}

describe.each(backends())("REST API on %s", (backend) => {
  let t: TestDb;
  let handler: (req: Request) => Promise<Response>;
  const api = (bearer?: string, headers: Record<string, string> = {}) =>
    createClient<paths>({
      baseUrl: "http://rest.test",
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      fetch: async (req: Request) => {
        const res = await handler(req);
        await validate(req, res);
        return res;
      },
    });
  let sellerId: string;
  let storeId: string;
  let otherStoreId: string;
  let adminId: string;
  let categoryId: string;
  const key = async (scopes: ApiScope[], opts: { store?: string | null; expiresAt?: Date } = {}) => {
    const sid = opts.store === undefined ? storeId : opts.store;
    const actor = sid === null ? { id: adminId, role: "ADMIN" as const } : { id: sellerId, role: "SELLER" as const };
    return (await inTransaction(t.db, (tx) => createApiKey(tx, { actor: sid === storeId ? actor : { id: adminId, role: "ADMIN" }, storeId: sid, name: `key ${scopes.join(" ")}`, scopes, expiresAt: opts.expiresAt }))).secret;
  };

  beforeAll(async () => {
    seen.clear();
    t = await openTestDb(backend);
    handler = createRestHandler(REST_OPERATIONS, {
      getDb: async () => t.db,
      limits: createLimits({ redis: null, multiplier: 100 }),
      corsOrigins: ["https://pos.example"],
      clientAddress: () => "203.0.113.7",
    });
    const seller = await t.db.user.findUniqueOrThrow({ where: { email: "seller1@livemarket.test" }, select: { id: true, store: { select: { id: true } } } });
    sellerId = seller.id;
    storeId = seller.store!.id;
    otherStoreId = (await t.db.store.findFirstOrThrow({ where: { NOT: { id: storeId } } })).id;
    adminId = (await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email } })).id;
    categoryId = (await t.db.category.findFirstOrThrow({ where: { parentId: { not: null } } })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists products with a cursor and a next link, and reads one by slug", async () => {
    const first = await api().GET("/api/v1/products", { params: { query: { limit: 5, sort: "price_asc" } } });
    expect(first.response.status).toBe(200);
    expect(first.data!.data).toHaveLength(5);
    expect(first.data!.next).toContain("cursor=");
    expect(first.response.headers.get("link")).toContain('rel="next"');
    expect(first.response.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
    const second = await api().GET("/api/v1/products", { params: { query: { limit: 5, sort: "price_asc", cursor: first.data!.nextCursor! } } });
    const prices = [...first.data!.data, ...second.data!.data].map((p) => Math.min(...p.variants.map((v) => v.priceMinor)));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const one = await api().GET("/api/v1/products/{product}", { params: { path: { product: first.data!.data[0]!.slug } } });
    expect(one.data!.variants[0]!.currency).toMatch(/^[A-Z]{3}$/);
    const missing = await api().GET("/api/v1/products/{product}", { params: { path: { product: "no-such-product" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.error).toMatchObject({ status: 404, appCode: "NOT_FOUND", title: "Not Found" });
    const bad = await api().GET("/api/v1/products", { params: { query: { limit: 0 } } });
    expect(bad.error).toMatchObject({ status: 400, appCode: "VALIDATION", fieldErrors: { "query.limit": expect.any(Array) } });
    const cats = await api().GET("/api/v1/categories");
    expect(cats.data!.data.length).toBeGreaterThan(0);
  });

  it("reads a product's visible reviews, a page at a time, and its rating aggregates", async () => {
    // The seed writes a few reviews on delivered demo orders.
    const reviewed = await t.db.product.findFirstOrThrow({ where: { ratingCount: { gt: 0 }, status: "ACTIVE", deletedAt: null }, select: { slug: true, ratingCount: true, ratingSum: true } });
    const one = await api().GET("/api/v1/products/{product}", { params: { path: { product: reviewed.slug } } });
    expect(one.data).toMatchObject({ ratingCount: reviewed.ratingCount, ratingSum: reviewed.ratingSum });
    expect(one.data!.ratingCounts.reduce((a, b) => a + b, 0)).toBe(reviewed.ratingCount);
    const page = await api().GET("/api/v1/products/{product}/reviews", { params: { path: { product: reviewed.slug }, query: { limit: 1 } } });
    expect(page.response.status).toBe(200);
    expect(page.data!.data).toHaveLength(1);
    expect(page.data!.data[0]).toMatchObject({ verified: true, rating: expect.any(Number) });
    if (reviewed.ratingCount > 1) expect(page.data!.next).toContain("cursor=");
    const missing = await api().GET("/api/v1/products/{product}/reviews", { params: { path: { product: "no-such-product" } } });
    expect(missing.error).toMatchObject({ status: 404, appCode: "NOT_FOUND" });
    const bad = await api().GET("/api/v1/products/{product}/reviews", { params: { path: { product: reviewed.slug }, query: { limit: 0 } } });
    expect(bad.error).toMatchObject({ status: 400, appCode: "VALIDATION" });
  });

  it("registers a customer, signs in for tokens, refreshes once, revokes", async () => {
    const email = `rest-${backend}@example.com`;
    const reg = await api().POST("/api/v1/auth/register", { body: { name: "Rest Customer", email, password: "correct horse battery" } });
    expect(reg.response.status).toBe(201);
    const dup = await api().POST("/api/v1/auth/register", { body: { name: "Again", email, password: "correct horse battery" } });
    expect(dup.error).toMatchObject({ status: 409, appCode: "CONFLICT" });
    const wrong = await api().POST("/api/v1/auth/token", { body: { email, password: "not the password" } });
    expect(wrong.error).toMatchObject({ status: 401, appCode: "UNAUTHENTICATED" });
    const tok = await api().POST("/api/v1/auth/token", { body: { email, password: "correct horse battery" } });
    expect(tok.data!.tokenType).toBe("Bearer");
    const cart = await api(tok.data!.accessToken).GET("/api/v1/cart");
    expect(cart.data!.lines).toEqual([]);
    const refreshed = await api().POST("/api/v1/auth/refresh", { body: { refreshToken: tok.data!.refreshToken } });
    expect(refreshed.response.status).toBe(200);
    // The used refresh token again: refused, and the session (both pairs) ends.
    const reused = await api().POST("/api/v1/auth/refresh", { body: { refreshToken: tok.data!.refreshToken } });
    expect(reused.response.status).toBe(401);
    expect((await api(refreshed.data!.accessToken).GET("/api/v1/cart")).response.status).toBe(401);
    const again = await api().POST("/api/v1/auth/token", { body: { email, password: "correct horse battery" } });
    await api().POST("/api/v1/auth/revoke", { body: { refreshToken: again.data!.refreshToken } });
    expect((await api(again.data!.accessToken).GET("/api/v1/cart")).error).toMatchObject({ status: 401 });
  });

  async function customerToken(tag: string): Promise<string> {
    const email = `rest-${tag}-${backend}@example.com`;
    await api().POST("/api/v1/auth/register", { body: { name: "Buyer", email, password: "correct horse battery" } });
    return (await api().POST("/api/v1/auth/token", { body: { email, password: "correct horse battery" } })).data!.accessToken;
  }
  const inStockVariant = async () =>
    t.db.variant.findFirstOrThrow({ where: { stock: { gte: 20 }, product: { status: "ACTIVE", deletedAt: null } }, select: { id: true, stock: true, productId: true } });
  const delivery = { name: "Ann Buyer", phone: "+1 555 0100", zip: "10001", city: "New York", address: "1 Main St", email: "ann@example.com", region: "", country: "US" };

  it("places a guest order without a credential: idempotent per email, answered with its signed link", async () => {
    const v = await inStockVariant();
    const email = `rest-guest-${backend}@example.com`;
    const body = { lines: [{ variantId: v.id, quantity: 1 }], delivery: { ...delivery, email }, deliveryService: "standard" as const, payment: { method: "cod" as const } };
    const first = await api().POST("/api/v1/guest-orders", { body, params: { header: { "Idempotency-Key": "guest-key-0001" } } });
    expect(first.response.status).toBe(201);
    expect(first.data!.link).toMatch(/^https?:\/\/[^/]+\/orders\/view\/[\w-]+\.[\w-]+$/);
    const replay = await api().POST("/api/v1/guest-orders", { body, params: { header: { "Idempotency-Key": "guest-key-0001" } } });
    expect(replay.data).toEqual(first.data);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    const conflict = await api().POST("/api/v1/guest-orders", { body: { ...body, deliveryService: "express" }, params: { header: { "Idempotency-Key": "guest-key-0001" } } });
    expect(conflict.error).toMatchObject({ status: 409, appCode: "IDEMPOTENCY_CONFLICT" });
    const noLines = await api().POST("/api/v1/guest-orders", { body: { ...body, lines: undefined as never }, params: { header: { "Idempotency-Key": "guest-key-0002" } } });
    expect(noLines.response.status).toBe(400);
    const row = await t.db.order.findUniqueOrThrow({ where: { id: first.data!.id }, select: { userId: true, guestEmail: true, source: true } });
    expect(row).toEqual({ userId: null, guestEmail: email, source: "STOREFRONT" });
  });

  it("keeps a cart, and places orders idempotently: replay, conflict, one order under concurrency", async () => {
    const token = await customerToken("orders");
    const v = await inStockVariant();
    const put = await api(token).PUT("/api/v1/cart/items/{variantId}", { params: { path: { variantId: v.id } }, body: { quantity: 2 } });
    expect(put.data!.lines.map((l) => [l.variantId, l.quantity])).toEqual([[v.id, 2]]);
    const del = await api(token).DELETE("/api/v1/cart/items/{variantId}", { params: { path: { variantId: v.id } } });
    expect(del.data!.lines).toEqual([]);

    const body = { lines: [{ variantId: v.id, quantity: 1 }], delivery, deliveryService: "standard" as const, payment: { method: "cod" as const } };
    const noKey = await api(token).POST("/api/v1/orders", { body, params: { header: { "Idempotency-Key": "" } } });
    expect(noKey.error).toMatchObject({ status: 400, fieldErrors: { "header.Idempotency-Key": expect.any(Array) } });
    const first = await api(token).POST("/api/v1/orders", { body, params: { header: { "Idempotency-Key": "order-key-0001" } } });
    expect(first.response.status).toBe(201);
    const replay = await api(token).POST("/api/v1/orders", { body, params: { header: { "Idempotency-Key": "order-key-0001" } } });
    expect(replay.response.status).toBe(201);
    expect(replay.data).toEqual(first.data);
    expect(replay.response.headers.get("idempotent-replayed")).toBe("true");
    const conflict = await api(token).POST("/api/v1/orders", { body: { ...body, deliveryService: "express" }, params: { header: { "Idempotency-Key": "order-key-0001" } } });
    expect(conflict.error).toMatchObject({ status: 409, appCode: "IDEMPOTENCY_CONFLICT" });
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => api(token).POST("/api/v1/orders", { body, params: { header: { "Idempotency-Key": "order-key-0002" } } })),
    );
    expect(new Set(burst.map((r) => r.data?.id)).size).toBe(1);
    expect(burst.every((r) => r.response.status === 201)).toBe(true);
    const list = await api(token).GET("/api/v1/orders", { params: { query: { limit: 10 } } });
    expect(list.data!.data.map((o) => o.id).sort()).toEqual([first.data!.id, burst[0]!.data!.id].sort());
    const got = await api(token).GET("/api/v1/orders/{orderId}", { params: { path: { orderId: first.data!.id } } });
    expect(got.data!.totalMinor).toBe(first.data!.totalMinor);
    const cancelled = await api(token).POST("/api/v1/orders/{orderId}/cancel", { params: { path: { orderId: first.data!.id } } });
    expect(cancelled.data!.status).toBe("CANCELLED");
    // Another customer sees none of it.
    const other = await customerToken("other");
    expect((await api(other).GET("/api/v1/orders/{orderId}", { params: { path: { orderId: first.data!.id } } })).response.status).toBe(404);
  });

  it("takes a discount code with an order: the saving is the server's, a used-up code is a 400 that says why", async () => {
    const token = await customerToken("promo");
    const v = await inStockVariant();
    const promo = await inTransaction(t.db, (tx) =>
      createPromotion(tx, { actor: { id: adminId }, storeId: null }, { code: `REST${Date.now().toString(36)}`, kind: "FIXED", amountMinor: 100, usageLimit: 1 }),
    );
    const body = { lines: [{ variantId: v.id, quantity: 1 }], delivery, deliveryService: "standard" as const, payment: { method: "cod" as const } };
    const plain = await api(token).POST("/api/v1/orders", { body, params: { header: { "Idempotency-Key": "promo-key-0001" } } });
    const coded = await api(token).POST("/api/v1/orders", { body: { ...body, discountCode: promo.code.toLowerCase() }, params: { header: { "Idempotency-Key": "promo-key-0002" } } });
    expect(coded.response.status).toBe(201);
    expect(coded.data!.totalMinor).toBe(plain.data!.totalMinor - 100);
    const usedUp = await api(token).POST("/api/v1/orders", { body: { ...body, discountCode: promo.code }, params: { header: { "Idempotency-Key": "promo-key-0003" } } });
    expect(usedUp.error).toMatchObject({ status: 400, appCode: "VALIDATION", fieldErrors: { discountCode: [expect.stringContaining("used as many times")] }, details: { discountRefusal: "USED_UP" } });
  });

  it("lets a store's key manage its products, stock, price and orders, with If-Match versions", async () => {
    const secret = await key(["catalog:read", "catalog:write", "inventory:write", "orders:read", "orders:write"]);
    const created = await api(secret).POST("/api/v1/products", {
      body: { title: "REST Lamp", slug: `rest-lamp-${backend}`, categoryId, status: "ACTIVE", variants: [{ sku: `REST-LAMP-${backend}`, title: "", priceMinor: 2500, lowStockThreshold: 2, options: [] }] } as never,
    });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get("etag")).toBe('"1"');
    const p = created.data!;
    const got = await api(secret).GET("/api/v1/store/products/{id}", { params: { path: { id: p.id } } });
    expect(got.data!.version).toBe(1);
    const { id: _id, version: _v, updatedAt: _u, category: _c, ...fields } = got.data!;
    const updateBody = { ...fields, title: "REST Lamp II", variants: fields.variants.map(({ version: _vv, position: _pp, stock: _ss, currency: _cc, ...v }) => v) } as never;
    const saved = await api(secret).PUT("/api/v1/products/{product}", { params: { path: { product: p.id }, header: { "If-Match": '"1"' } }, body: updateBody });
    expect(saved.data!.title).toBe("REST Lamp II");
    const stale = await api(secret).PUT("/api/v1/products/{product}", { params: { path: { product: p.id }, header: { "If-Match": '"1"' } }, body: updateBody });
    expect(stale.error).toMatchObject({ status: 412, appCode: "VERSION_CONFLICT" });
    const variantId = saved.data!.variants[0]!.id;
    const adj = await api(secret).POST("/api/v1/variants/{id}/stock-adjustments", { params: { path: { id: variantId } }, body: { delta: 3, reason: "RESTOCK" } });
    expect(adj.response.status).toBe(201);
    const price = await api(secret).PATCH("/api/v1/variants/{id}", { params: { path: { id: variantId }, header: { "If-Match": `"${saved.data!.version}"` } }, body: { priceMinor: 2700 } });
    expect(price.response.status).toBe(200);
    const moves = await api(secret).GET("/api/v1/variants/{id}/movements", { params: { path: { id: variantId } } });
    expect(moves.data!.data.length).toBeGreaterThan(0);
    const archived = await api(secret).DELETE("/api/v1/products/{product}", { params: { path: { product: p.id } } });
    expect(archived.data!.status).toBe("ARCHIVED");
    expect(await t.db.product.count({ where: { id: p.id } })).toBe(1);
    const audit = await t.db.auditLog.findMany({ where: { entityId: p.id } });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.apiKeyName === "key catalog:read catalog:write inventory:write orders:read orders:write")).toBe(true);
    const orders = await api(secret).GET("/api/v1/store/orders");
    expect(orders.response.status).toBe(200);
    if (orders.data!.data[0]) {
      const one = await api(secret).GET("/api/v1/store/orders/{orderId}", { params: { path: { orderId: orders.data!.data[0].orderId } } });
      expect(one.response.status).toBe(200);
    }
  });

  it("refuses keys without the scope (403), revoked or expired keys (401), and another store's rows (404); nothing changes", async () => {
    const v = await t.db.variant.findFirstOrThrow({ where: { product: { storeId } }, select: { id: true, stock: true, priceMinor: true, product: { select: { id: true, version: true } } } });
    const foreign = await t.db.variant.findFirstOrThrow({ where: { product: { storeId: otherStoreId } }, select: { id: true, stock: true, product: { select: { id: true } } } });
    const readOnly = await key(["catalog:read"]);
    const full = await key(["catalog:write", "inventory:write", "orders:read", "orders:write", "catalog:read"]);
    const revoked = await key(["inventory:write"]);
    const revokedId = (await t.db.apiKey.findFirstOrThrow({ where: { name: "key inventory:write" }, orderBy: { createdAt: "desc" } })).id;
    await inTransaction(t.db, (tx) => revokeApiKey(tx, { actor: { id: sellerId, role: "SELLER" }, storeId, id: revokedId }));
    const expired = await key(["inventory:write"], { expiresAt: new Date(Date.now() + 1000) });
    await t.db.apiKey.updateMany({ where: { expiresAt: { not: null } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const auditBefore = await t.db.auditLog.count({ where: { NOT: { entityType: "ApiKey" } } });

    const calls = (bearer: string | undefined) => [
      api(bearer).POST("/api/v1/variants/{id}/stock-adjustments", { params: { path: { id: v.id } }, body: { delta: 1, reason: "RESTOCK" } }),
      api(bearer).PATCH("/api/v1/variants/{id}", { params: { path: { id: v.id }, header: { "If-Match": `"${v.product.version}"` } }, body: { priceMinor: 1 } }),
      api(bearer).DELETE("/api/v1/products/{product}", { params: { path: { product: v.product.id } } }),
      api(bearer).POST("/api/v1/store/orders/{orderId}/transitions", { params: { path: { orderId: "none" } }, body: { to: "PACKED", expectedVersion: 1 } as never }),
    ];
    for (const r of await Promise.all(calls(readOnly))) expect(r.error).toMatchObject({ status: 403, appCode: "FORBIDDEN" });
    for (const r of await Promise.all(calls(revoked))) expect(r.error).toMatchObject({ status: 401, appCode: "UNAUTHENTICATED" });
    for (const r of await Promise.all(calls(expired))) expect(r.error).toMatchObject({ status: 401 });
    for (const r of await Promise.all(calls(undefined))) expect(r.error).toMatchObject({ status: 401 });
    expect((await api(readOnly).GET("/api/v1/store/orders")).error).toMatchObject({ status: 403, details: { requiredScope: "orders:read" } });
    // Another store's variant and product: not found for this store's key.
    const f1 = await api(full).POST("/api/v1/variants/{id}/stock-adjustments", { params: { path: { id: foreign.id } }, body: { delta: 1, reason: "RESTOCK" } });
    expect(f1.response.status).toBe(404);
    const f2 = await api(full).DELETE("/api/v1/products/{product}", { params: { path: { product: foreign.product.id } } });
    expect(f2.response.status).toBe(404);
    // A customer token and a platform key are the wrong kind for store operations.
    const customer = await customerToken("matrix");
    expect((await api(customer).GET("/api/v1/store/orders")).response.status).toBe(403);
    const platform = await key(["admin"], { store: null });
    expect((await api(platform).GET("/api/v1/store/orders")).response.status).toBe(403);
    expect((await api(full).GET("/api/v1/admin/users")).response.status).toBe(403);
    // Nothing changed.
    expect(await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { stock: true, priceMinor: true } })).toEqual({ stock: v.stock, priceMinor: v.priceMinor });
    expect((await t.db.variant.findUniqueOrThrow({ where: { id: foreign.id } })).stock).toBe(foreign.stock);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: v.product.id } })).status).not.toBe("ARCHIVED");
    expect(await t.db.auditLog.count({ where: { NOT: { entityType: "ApiKey" } } })).toBe(auditBefore);
  });

  it("manages webhook endpoints with a key: a store's key its store's, a platform key the platform's; log and redeliver", async () => {
    const secret = await key(["webhooks:write"]);
    const created = await api(secret).POST("/api/v1/webhooks", { body: { url: "https://hooks.example/livemarket", events: ["order.placed", "stock.changed"], description: "ERP" } });
    expect(created.response.status).toBe(201);
    expect(created.data!.secret.length).toBeGreaterThan(20);
    const ep = created.data!.endpoint;
    expect(ep).toMatchObject({ storeId, url: "https://hooks.example/livemarket", events: ["order.placed", "stock.changed"], state: "active" });
    expect(created.response.headers.get("location")).toBe(`/api/v1/webhooks/${ep.id}`);
    const platform = await key(["webhooks:write"], { store: null });
    const pcreated = await api(platform).POST("/api/v1/webhooks", { body: { url: "https://platform.example/hook", events: ["order.placed"] } });
    expect(pcreated.data!.endpoint.storeId).toBeNull();
    // Each key sees only its own scope's endpoints.
    expect((await api(secret).GET("/api/v1/webhooks")).data!.data.map((e) => e.id)).toEqual([ep.id]);
    expect((await api(platform).GET("/api/v1/webhooks")).data!.data.map((e) => e.id)).toEqual([pcreated.data!.endpoint.id]);
    // The delivery log and a redelivery (a delivery row as the worker's fan-out writes it).
    const d = await t.db.webhookDelivery.create({
      data: { endpointId: ep.id, outboxEventId: BigInt(1), eventId: `evt_rest_${backend}`, eventType: "order.placed", body: "{}", status: "FAILED", attempts: 3, giveUpAt: new Date() },
    });
    const log = await api(secret).GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: ep.id }, query: { limit: 10 } } });
    expect(log.data!.data.map((x) => [x.id, x.status])).toEqual([[d.id, "FAILED"]]);
    const again = await api(secret).POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", { params: { path: { id: ep.id, deliveryId: d.id } } });
    expect(again.response.status).toBe(202);
    expect((await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("PENDING");
    // Another scope's endpoint and delivery: 404 (the platform key for the store's, and back).
    expect((await api(platform).GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: ep.id } } })).error).toMatchObject({ status: 404 });
    expect((await api(platform).POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", { params: { path: { id: ep.id, deliveryId: d.id } } })).response.status).toBe(404);
    expect((await api(platform).DELETE("/api/v1/webhooks/{id}", { params: { path: { id: ep.id } } })).response.status).toBe(404);
    expect((await api(secret).DELETE("/api/v1/webhooks/{id}", { params: { path: { id: pcreated.data!.endpoint.id } } })).response.status).toBe(404);
    expect((await api(secret).GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: "no-such-endpoint" } } })).response.status).toBe(404);
    // Bad input: 400 with field errors; nothing saved.
    const badUrl = await api(secret).POST("/api/v1/webhooks", { body: { url: "ftp://hooks.example/x", events: ["order.placed"] } });
    expect(badUrl.error).toMatchObject({ status: 400, appCode: "VALIDATION" });
    const noEvents = await api(secret).POST("/api/v1/webhooks", { body: { url: "https://hooks.example/y", events: [] } });
    expect(noEvents.error).toMatchObject({ status: 400, fieldErrors: { events: expect.any(Array) } });
    const unknownEvent = await api(secret).POST("/api/v1/webhooks", { body: { url: "https://hooks.example/y", events: ["order.exploded"] as never } });
    expect(unknownEvent.error).toMatchObject({ status: 400 });
    // Without the scope 403, without a key 401, a customer token 403.
    const noScope = await key(["orders:read"]);
    expect((await api(noScope).GET("/api/v1/webhooks")).error).toMatchObject({ status: 403, details: { requiredScope: "webhooks:write" } });
    expect((await api().POST("/api/v1/webhooks", { body: { url: "https://hooks.example/z", events: ["order.placed"] } })).response.status).toBe(401);
    expect((await api(await customerToken("hooks")).GET("/api/v1/webhooks")).response.status).toBe(403);
    expect(await t.db.webhookEndpoint.count({ where: { OR: [{ storeId }, { storeId: null }] } })).toBe(2);
    // Removed: gone from the list; the audit log names the key.
    expect((await api(secret).DELETE("/api/v1/webhooks/{id}", { params: { path: { id: ep.id } } })).response.status).toBe(204);
    expect((await api(secret).GET("/api/v1/webhooks")).data!.data).toEqual([]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "webhook.delete", entityId: ep.id } });
    expect(audit.apiKeyName).toBe("key webhooks:write");
    await api(platform).DELETE("/api/v1/webhooks/{id}", { params: { path: { id: pcreated.data!.endpoint.id } } });
  });

  it("imports a CSV with a store's key: a dry run that changes nothing, then apply with its token", async () => {
    const secret = await key(["catalog:write"]);
    const sku = `REST-CSV-${backend}`;
    const cells: Record<string, string> = { product_slug: `rest-csv-${backend}`, product_title: "REST CSV Mug", category: "t-shirts", status: "DRAFT", description: "", brand: "", sku, variant_title: "", options: "", price: "12.50", currency: "USD", stock: "4", low_stock_threshold: "1" };
    const csv = serializeCsv([[...COLUMN_NAMES], COLUMN_NAMES.map((c) => cells[c] ?? "")]);
    const run = (bearer: string, query: { mode: "dry-run" | "apply"; token?: string }, body = csv, type = "text/csv") =>
      api(bearer).POST("/api/v1/store/imports", { params: { query }, body, bodySerializer: (b: string) => b, headers: { "content-type": type } });
    const dry = await run(secret, { mode: "dry-run" });
    expect(dry.response.status).toBe(200);
    expect(dry.data).toMatchObject({ mode: "dry-run", rowCount: 1, errorCount: 0, counts: { create: 1, productsCreate: 1 } });
    expect(await t.db.variant.count({ where: { sku } })).toBe(0);
    const token = (dry.data as { token: string }).token;
    // Refusals change nothing: no token, a token of another plan, a key without the scope, JSON.
    expect((await run(secret, { mode: "apply" })).error).toMatchObject({ status: 400, fieldErrors: { "query.token": expect.any(Array) } });
    expect((await run(secret, { mode: "apply", token: "0".repeat(64) })).error).toMatchObject({ status: 409, appCode: "VERSION_CONFLICT" });
    expect((await run(await key(["catalog:read"]), { mode: "apply", token })).error).toMatchObject({ status: 403, details: { requiredScope: "catalog:write" } });
    expect((await run(secret, { mode: "dry-run" }, "{}", "application/json")).response.status).toBe(415);
    expect((await run(secret, { mode: "bogus" as never })).response.status).toBe(400);
    expect(await t.db.variant.count({ where: { sku } })).toBe(0);
    // A file with an error: the dry run says which line; apply refuses it.
    const broken = serializeCsv([[...COLUMN_NAMES], COLUMN_NAMES.map((c) => (c === "price" ? "free" : (cells[c] ?? "")))]);
    const bad = await run(secret, { mode: "dry-run" }, broken);
    expect(bad.data).toMatchObject({ errorCount: 1, errors: [{ line: 2 }] });
    expect((await run(secret, { mode: "apply", token: (bad.data as { token: string }).token }, broken)).error).toMatchObject({ status: 400, details: { errorCount: 1 } });
    // Apply with the dry run's token: exactly that plan, audited with the key's name.
    const applied = await run(secret, { mode: "apply", token });
    expect(applied.data).toMatchObject({ mode: "apply", counts: { create: 1 } });
    const v = await t.db.variant.findFirstOrThrow({ where: { sku }, select: { stock: true, priceMinor: true, product: { select: { storeId: true, id: true } } } });
    expect(v).toMatchObject({ stock: 4, priceMinor: 1250, product: { storeId } });
    expect((await t.db.auditLog.findFirstOrThrow({ where: { action: "catalog.import", entityId: storeId }, orderBy: { createdAt: "desc" } })).apiKeyName).toBe("key catalog:write");
    // The same token again: the catalogue changed since that dry run.
    expect((await run(secret, { mode: "apply", token })).error).toMatchObject({ status: 409 });
  });

  it("lets a platform key with admin list users and stores and change a role", async () => {
    const platform = await key(["admin"], { store: null });
    const users = await api(platform).GET("/api/v1/admin/users", { params: { query: { q: "seller3@" } } });
    const u = users.data!.data[0]!;
    const demoted = await api(platform).PATCH("/api/v1/admin/users/{id}", { params: { path: { id: u.id } }, body: { role: "CUSTOMER" } });
    expect(demoted.data!.role).toBe("CUSTOMER");
    await api(platform).PATCH("/api/v1/admin/users/{id}", { params: { path: { id: u.id } }, body: { role: "SELLER" } });
    const stores = await api(platform).GET("/api/v1/admin/stores");
    expect(stores.data!.data.length).toBeGreaterThan(0);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.role", entityId: u.id }, orderBy: { createdAt: "desc" } });
    expect(audit.apiKeyName).toBe("key admin");
  });

  it("ignores cookies, answers CORS for the allowed origins only, refuses bodies that are not JSON", async () => {
    const cookie = await handler(new Request("http://rest.test/api/v1/cart", { headers: { cookie: "next-auth.session-token=anything; lm_cart=abcdefghijklmnopqrstuvwxyz" } }));
    expect(cookie.status).toBe(401);
    const pre = await handler(new Request("http://rest.test/api/v1/orders", { method: "OPTIONS", headers: { origin: "https://pos.example", "access-control-request-method": "POST" } }));
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://pos.example");
    expect(pre.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    const evil = await handler(new Request("http://rest.test/api/v1/orders", { method: "OPTIONS", headers: { origin: "https://evil.example" } }));
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const get = await handler(new Request("http://rest.test/api/v1/categories", { headers: { origin: "https://pos.example" } }));
    expect(get.headers.get("access-control-allow-origin")).toBe("https://pos.example");
    const form = await handler(new Request("http://rest.test/api/v1/auth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a" }));
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ appCode: "UNSUPPORTED_MEDIA_TYPE", type: expect.stringContaining("#problem-") });
    const huge = await handler(new Request("http://rest.test/api/v1/auth/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "x".repeat(200_000) }) }));
    expect(huge.status).toBe(413);
    const nope = await handler(new Request("http://rest.test/api/v1/categories", { method: "POST" }));
    expect(nope.status).toBe(405);
    expect(nope.headers.get("allow")).toBe("GET");
  });

  it("rate limits per key with RateLimit headers and 429 + Retry-After", async () => {
    const limited = createRestHandler(REST_OPERATIONS, { getDb: async () => t.db, limits: createLimits({ redis: null, rules: { "api.key": { points: 2, duration: 60 } } }), corsOrigins: [], clientAddress: () => "198.51.100.1" });
    const secret = await key(["orders:read"]);
    const call = () => limited(new Request("http://rest.test/api/v1/store/orders", { headers: { authorization: `Bearer ${secret}` } }));
    const a = await call();
    expect([a.headers.get("ratelimit-limit"), a.headers.get("ratelimit-remaining")]).toEqual(["2", "1"]);
    await call();
    const c = await call();
    expect(c.status).toBe(429);
    expect(Number(c.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(c.headers.get("ratelimit-remaining")).toBe("0");
  });

  // Every operation once with each error the dispatcher answers for its shape: no credential
  // (401) or a malformed one (401, public operations too), the wrong kind of credential (403),
  // invalid input (400), a body too large (413) or of the wrong media type (415), the rate limit
  // spent (429). Each answer is validated against the document by `validate`.
  it("answers the dispatcher's errors on every operation", async () => {
    const customer = await customerToken("sweep");
    const storeKey = await key(["catalog:read", "catalog:write", "inventory:write", "orders:read", "orders:write", "webhooks:write"]);
    const platformKey = await key(["admin", "webhooks:write"], { store: null });
    const own: Record<Operation["access"]["kind"], string | undefined> = { public: undefined, customer, "store-key": storeKey, "platform-key": platformKey, "any-key": storeKey };
    const pathOf = (o: Operation, value = "no-such-row") => o.path.replace(/\{\w+\}/g, value);
    const call = (client: ReturnType<typeof api>, o: Operation, init: { path?: string; query?: Record<string, string>; body?: string; type?: string } = {}) =>
      client.request(o.method.toLowerCase() as "get", `/api/v1${init.path ?? pathOf(o)}` as never, {
        params: { query: init.query },
        ...(init.body !== undefined ? { body: init.body, bodySerializer: (b: string) => b, headers: { "content-type": init.type ?? "application/json" } } : {}),
      } as never);
    for (const o of REST_OPERATIONS) {
      const label = `${o.method} ${o.path}`;
      const mine = own[o.access.kind];
      if (o.access.kind === "public") {
        expect((await call(api("lm_live_0000000000000000_notakey"), o)).response.status, label).toBe(401);
      } else {
        expect((await call(api(), o)).response.status, label).toBe(401);
        const wrong = o.access.kind === "customer" ? storeKey : customer;
        expect((await call(api(wrong), o)).error, label).toMatchObject({ status: 403, appCode: "FORBIDDEN" });
      }
      if (o.params || o.query || o.body || o.rawBody) {
        // A path that is not valid percent-encoding, else a JSON body that is not an object,
        // else a query parameter the operation does not take.
        const bad = o.params
          ? call(api(mine), o, { path: pathOf(o, "%E0%A4%A") })
          : o.body
            ? call(api(mine), o, { body: "null" })
            : call(api(mine), o, { query: { mode: "bogus", limit: "0", unknown: "1" }, ...(o.rawBody ? { body: "a", type: o.rawBody.types[0] } : {}) });
        expect((await bad).error, label).toMatchObject({ status: 400, appCode: "VALIDATION" });
      }
      if (o.body || o.rawBody || o.method !== "GET") {
        const limit = o.bodyLimit ?? 64 * 1024;
        expect((await call(api(mine), o, { body: "x".repeat(limit + 1), type: o.rawBody?.types[0] })).error, label).toMatchObject({ status: 413, appCode: "TOO_LARGE" });
        const wrongType = o.body || o.rawBody ? call(api(mine), o, { body: "a,b", type: "application/x-www-form-urlencoded" }) : call(api(mine), o, { body: "{}" });
        expect((await wrongType).error, label).toMatchObject({ status: 415, appCode: "UNSUPPORTED_MEDIA_TYPE" });
      }
      // One request allowed per credential (or address): the second is refused before anything runs.
      const strict = createRestHandler(REST_OPERATIONS, {
        getDb: async () => t.db,
        limits: createLimits({ redis: null, rules: { "api.key": { points: 1, duration: 60 }, "api.user": { points: 1, duration: 60 }, "api.ip": { points: 1, duration: 60 } } }),
        corsOrigins: [],
        clientAddress: () => "198.51.100.9",
      });
      const limited = createClient<paths>({
        baseUrl: "http://rest.test",
        headers: mine ? { authorization: `Bearer ${mine}` } : {},
        fetch: async (req: Request) => {
          const res = await strict(req);
          await validate(req, res);
          return res;
        },
      });
      // Both calls name a row that does not exist: nothing is changed by the first.
      await call(limited, o, { query: { unknown: "1" } });
      const refused = await call(limited, o, { query: { unknown: "1" } });
      expect(refused.error, label).toMatchObject({ status: 429, appCode: "RATE_LIMITED" });
      expect(Number(refused.response.headers.get("retry-after")), label).toBeGreaterThan(0);
    }
  });

  // The errors that belong to what an operation does (not found, conflicts, declined payments,
  // stale versions) that the flows above do not meet.
  it("answers each operation's own errors", async () => {
    const customer = await customerToken("own-errors");
    const secret = await key(["catalog:read", "catalog:write", "inventory:write", "orders:read", "orders:write", "webhooks:write"]);
    const platform = await key(["admin", "webhooks:write"], { store: null });
    const missing = "no-such-row";
    const notFound = { status: 404, appCode: "NOT_FOUND" };
    const scarce = await t.db.variant.findFirstOrThrow({ where: { stock: { gte: 1, lte: 20 }, product: { storeId, status: "ACTIVE", deletedAt: null } }, select: { id: true, stock: true, productId: true } });
    const plenty = await t.db.variant.findFirstOrThrow({ where: { stock: { gte: 20 }, product: { storeId, status: "ACTIVE", deletedAt: null } }, select: { id: true, stock: true } });
    const before = await t.db.variant.findMany({ where: { id: { in: [scarce.id, plenty.id] } }, select: { id: true, stock: true, priceMinor: true }, orderBy: { id: "asc" } });

    // Cart.
    expect((await api(customer).PUT("/api/v1/cart/items/{variantId}", { params: { path: { variantId: missing } }, body: { quantity: 1 } })).error).toMatchObject(notFound);
    expect((await api(customer).PUT("/api/v1/cart/items/{variantId}", { params: { path: { variantId: scarce.id } }, body: { quantity: scarce.stock + 1 } })).error).toMatchObject({ status: 409, appCode: "INSUFFICIENT_STOCK" });
    expect((await api(customer).DELETE("/api/v1/cart/items/{variantId}", { params: { path: { variantId: plenty.id } } })).error).toMatchObject(notFound);
    /** The next card authorisation answers only after its reservation lapsed and the sweeper released it. */
    const answerAfterTheSweeper = () =>
      vi.spyOn(testCardProvider, "authorize").mockImplementationOnce(async ({ orderUid }) => {
        await t.db.$executeRaw`UPDATE "Order" SET "reservedUntil" = timezone('UTC', now()) - interval '1 minute' WHERE "orderUid" = ${orderUid}`;
        await releaseLapsedReservations(t.db);
        return { status: "SUCCEEDED", provider: "test-card", transaction: `tc_${orderUid}`, bank: "Livemarket Test Bank" };
      });
    // Orders: an unknown variant, more than there is, a declined card.
    const order = (lines: { variantId: string; quantity: number }[], payment: { method: "cod" } | { method: "card"; cardNumber: string; expiry: string; cvc: string }, k: string) =>
      api(customer).POST("/api/v1/orders", { body: { lines, delivery, deliveryService: "standard", payment }, params: { header: { "Idempotency-Key": k } } });
    // A variant that does not exist is one that is no longer available: the order is refused as short.
    expect((await order([{ variantId: missing, quantity: 1 }], { method: "cod" }, "own-errors-0001")).error).toMatchObject({ status: 409, appCode: "INSUFFICIENT_STOCK", details: { lines: [{ variantId: missing, available: 0 }] } });
    expect((await order([{ variantId: scarce.id, quantity: scarce.stock + 1 }], { method: "cod" }, "own-errors-0002")).error).toMatchObject({ status: 409, appCode: "INSUFFICIENT_STOCK" });
    expect((await order([{ variantId: plenty.id, quantity: 1 }], { method: "card", cardNumber: "4000 0000 0000 0002", expiry: "12/30", cvc: "123" }, "own-errors-0003")).error).toMatchObject({ status: 402, appCode: "PAYMENT_DECLINED" });
    // A card that answers only after the checkout's reservation lapsed and the sweeper released it:
    // the authorisation is voided and the buyer told (409 PAYMENT_EXPIRED), stock as it was.
    const late = answerAfterTheSweeper();
    expect((await order([{ variantId: plenty.id, quantity: 1 }], { method: "card", cardNumber: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" }, "own-errors-0005")).error).toMatchObject({ status: 409, appCode: "PAYMENT_EXPIRED" });
    late.mockRestore();
    // The same refusals for a guest's order (no credential; keys scoped to the email).
    const guestOrder = (lines: { variantId: string; quantity: number }[], payment: { method: "cod" } | { method: "card"; cardNumber: string; expiry: string; cvc: string }, k: string) =>
      api().POST("/api/v1/guest-orders", { body: { lines, delivery: { ...delivery, email: `own-errors-${backend}@example.com` }, deliveryService: "standard", payment }, params: { header: { "Idempotency-Key": k } } });
    expect((await guestOrder([{ variantId: scarce.id, quantity: scarce.stock + 1 }], { method: "cod" }, "guest-errors-0001")).error).toMatchObject({ status: 409, appCode: "INSUFFICIENT_STOCK" });
    expect((await guestOrder([{ variantId: plenty.id, quantity: 1 }], { method: "card", cardNumber: "4000 0000 0000 0002", expiry: "12/30", cvc: "123" }, "guest-errors-0002")).error).toMatchObject({ status: 402, appCode: "PAYMENT_DECLINED" });
    const lateGuest = answerAfterTheSweeper();
    expect((await guestOrder([{ variantId: plenty.id, quantity: 1 }], { method: "card", cardNumber: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" }, "guest-errors-0003")).error).toMatchObject({ status: 409, appCode: "PAYMENT_EXPIRED" });
    lateGuest.mockRestore();
    expect(await t.db.variant.findMany({ where: { id: { in: [scarce.id, plenty.id] } }, select: { id: true, stock: true, priceMinor: true }, orderBy: { id: "asc" } })).toEqual(before);
    const placed = (await order([{ variantId: plenty.id, quantity: 1 }], { method: "cod" }, "own-errors-0004")).data!;
    expect((await api(customer).POST("/api/v1/orders/{orderId}/cancel", { params: { path: { orderId: missing } } })).error).toMatchObject(notFound);
    expect((await api(customer).GET("/api/v1/orders/{orderId}", { params: { path: { orderId: missing } } })).error).toMatchObject(notFound);

    // The store's order: unknown, a refused step, a stale version, paid (cash on delivery
    // collected); then cancelled by the customer (nothing has shipped), twice.
    expect((await api(secret).GET("/api/v1/store/orders/{orderId}", { params: { path: { orderId: missing } } })).error).toMatchObject(notFound);
    const transition = (orderId: string, to: "PAID" | "DELIVERED", expectedVersion: number) =>
      api(secret).POST("/api/v1/store/orders/{orderId}/transitions", { params: { path: { orderId } }, body: { to, expectedVersion } as never });
    expect((await transition(missing, "PAID", 1)).error).toMatchObject(notFound);
    expect((await transition(placed.id, "DELIVERED", 1)).error).toMatchObject({ status: 409, appCode: "CONFLICT" });
    expect((await transition(placed.id, "PAID", 99)).error).toMatchObject({ status: 409, appCode: "VERSION_CONFLICT", details: { currentVersion: 1 } });
    expect((await transition(placed.id, "PAID", 1)).response.status).toBe(200);
    expect((await api(customer).POST("/api/v1/orders/{orderId}/cancel", { params: { path: { orderId: placed.id } } })).data!.status).toBe("CANCELLED");
    expect((await api(customer).POST("/api/v1/orders/{orderId}/cancel", { params: { path: { orderId: placed.id } } })).error).toMatchObject({ status: 409, appCode: "CONFLICT" });

    // Catalog: a slug taken (a field error, as on the product page), unknown rows, stale versions.
    const create = (slug: string, sku: string) =>
      api(secret).POST("/api/v1/products", { body: { title: "Own Errors Lamp", slug, categoryId, status: "ACTIVE", variants: [{ sku, title: "", priceMinor: 1500, lowStockThreshold: 1, options: [] }] } as never });
    const a = (await create(`own-errors-a-${backend}`, `OWN-ERR-A-${backend}`)).data!;
    expect((await create(`own-errors-a-${backend}`, `OWN-ERR-B-${backend}`)).error).toMatchObject({ status: 400, fieldErrors: { slug: ["Another product already uses this URL name"] } });
    const b = (await create(`own-errors-b-${backend}`, `OWN-ERR-C-${backend}`)).data!;
    const { id: _id, version: _v, updatedAt: _u, category: _c, ...fields } = (await api(secret).GET("/api/v1/store/products/{id}", { params: { path: { id: b.id } } })).data!;
    const body = { ...fields, slug: a.slug, variants: fields.variants.map(({ version: _vv, position: _pp, stock: _ss, currency: _cc, ...v }) => v) } as never;
    expect((await api(secret).PUT("/api/v1/products/{product}", { params: { path: { product: b.id }, header: { "If-Match": '"1"' } }, body })).error).toMatchObject({ status: 400, fieldErrors: { slug: ["Another product already uses this URL name"] } });
    expect((await api(secret).PUT("/api/v1/products/{product}", { params: { path: { product: missing }, header: { "If-Match": '"1"' } }, body })).error).toMatchObject(notFound);
    expect((await api(secret).GET("/api/v1/store/products/{id}", { params: { path: { id: missing } } })).error).toMatchObject(notFound);
    expect((await api(secret).DELETE("/api/v1/products/{product}", { params: { path: { product: b.id }, header: { "If-Match": '"7"' } } })).error).toMatchObject({ status: 412, appCode: "VERSION_CONFLICT" });
    const bVariant = b.variants[0]!.id;
    expect((await api(secret).PATCH("/api/v1/variants/{id}", { params: { path: { id: missing }, header: { "If-Match": '"1"' } }, body: { priceMinor: 1 } })).error).toMatchObject(notFound);
    expect((await api(secret).PATCH("/api/v1/variants/{id}", { params: { path: { id: bVariant }, header: { "If-Match": '"7"' } }, body: { priceMinor: 1 } })).error).toMatchObject({ status: 412, appCode: "VERSION_CONFLICT" });
    expect((await api(secret).GET("/api/v1/variants/{id}/movements", { params: { path: { id: missing } } })).error).toMatchObject(notFound);
    // Stock: taking more than there is, and a stock that changed since it was read.
    expect((await api(secret).POST("/api/v1/variants/{id}/stock-adjustments", { params: { path: { id: bVariant } }, body: { delta: -1, reason: "DAMAGE" } })).error).toMatchObject({ status: 400, fieldErrors: { delta: ["At most 0 can be removed"] } });
    expect((await api(secret).POST("/api/v1/variants/{id}/stock-adjustments", { params: { path: { id: bVariant } }, body: { delta: 1, reason: "RESTOCK", expectedStock: 5 } })).error).toMatchObject({ status: 409, appCode: "VERSION_CONFLICT" });
    expect(await t.db.variant.findUniqueOrThrow({ where: { id: bVariant }, select: { stock: true, priceMinor: true } })).toEqual({ stock: 0, priceMinor: 1500 });

    // Admin: an unknown user.
    expect((await api(platform).PATCH("/api/v1/admin/users/{id}", { params: { path: { id: missing } }, body: { role: "SELLER" } })).error).toMatchObject(notFound);

    // Webhooks: past the number of endpoints a store may have; redelivering to a disabled endpoint.
    const made: string[] = [];
    for (let i = (await t.db.webhookEndpoint.count({ where: { storeId } })); i < 20; i++) {
      made.push((await api(secret).POST("/api/v1/webhooks", { body: { url: `https://hooks.example/own-${i}`, events: ["order.placed"] } })).data!.endpoint.id);
    }
    expect((await api(secret).POST("/api/v1/webhooks", { body: { url: "https://hooks.example/one-too-many", events: ["order.placed"] } })).error).toMatchObject({ status: 409, appCode: "CONFLICT" });
    const d = await t.db.webhookDelivery.create({ data: { endpointId: made[0]!, outboxEventId: BigInt(2), eventId: `evt_own_${backend}`, eventType: "order.placed", body: "{}", status: "FAILED", attempts: 3, giveUpAt: new Date() } });
    await t.db.webhookEndpoint.update({ where: { id: made[0]! }, data: { disabledAt: new Date() } });
    expect((await api(secret).POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", { params: { path: { id: made[0]!, deliveryId: d.id } } })).error).toMatchObject({ status: 409, appCode: "CONFLICT" });
    expect((await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("FAILED");
    for (const id of made) await api(secret).DELETE("/api/v1/webhooks/{id}", { params: { path: { id } } });
  });

  // Last in the run: every operation was called with its success status and with every error
  // status and appCode the document lists for it, by the tests above.
  it("called every operation with its success and each documented error", () => {
    const missing: string[] = [];
    for (const o of REST_OPERATIONS) {
      const key = `${o.method.toLowerCase()} /api/v1${o.path}`;
      const answered = seen.get(key) ?? new Set<string>();
      const expected = [String(o.response.status), ...[...errorStatusesOf(o)].flatMap(([s, codes]) => [String(s), ...codes.map((c) => `${s}:${c}`)])];
      for (const e of expected) if (!answered.has(e)) missing.push(`${o.operationId} ${e}`);
      for (const s of Object.keys(doc.paths[`/api/v1${o.path}`]![o.method.toLowerCase()]!.responses)) if (!expected.includes(s)) missing.push(`${o.operationId} documents ${s}, which errorStatusesOf does not list`);
    }
    expect(missing).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("covers every operation with its security and errors, and the committed client types match it", async () => {
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops).toHaveLength(REST_OPERATIONS.length);
    expect(compileRoutes(REST_OPERATIONS).length).toBe(Object.keys(doc.paths).length);
    expect(readFileSync(TYPES_FILE, "utf8")).toBe(await generateTypes());
  });
});
