// The API key scope matrix, generated from REST_OPERATIONS: every operation a key calls is
// tried with no credential (401), a key of the right kind lacking its scope (403), the wrong kind
// of credential (403), a revoked and an expired key with every scope (401), and, when it names a
// row in its path, with the key of a store that does not own that row (404). Every answer is
// validated against the OpenAPI document, and after all of it nothing in the database changed
// (the access matrix's digest). A new key operation is in the matrix without editing this file;
// one with path parameters must name its foreign rows in FOREIGN below (the test says so).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { digest } from "@/test/router";
import { createRestHandler } from "@/server/api/rest/dispatch";
import { REST_OPERATIONS } from "@/server/api/rest/operations";
import { buildOpenApiDocument } from "@/server/api/rest/openapi";
import type { Operation } from "@/server/api/rest/operation";
import { createLimits } from "@/server/limits/limits";
import { inTransaction } from "@/server/db/transaction";
import { createApiKey, revokeApiKey } from "@/server/services/api-keys";
import { createWebhookEndpoint } from "@/server/services/webhooks";
import { API_SCOPES, type ApiScope } from "@/shared/api-scopes";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";

type KeyOp = Operation & { access: { kind: "store-key" | "platform-key" | "any-key"; scope: ApiScope } };
const KEY_OPERATIONS = REST_OPERATIONS.filter((o): o is KeyOp => o.access.kind === "store-key" || o.access.kind === "platform-key" || o.access.kind === "any-key");

/** Rows of the other store, by what a path parameter names. */
interface Rows {
  product: string;
  variant: string;
  order: string;
  endpoint: string;
  delivery: string;
}
/** For each key operation with path parameters: its parameters naming another store's rows. */
const FOREIGN: Record<string, (r: Rows) => Record<string, string>> = {
  getStoreProduct: (r) => ({ id: r.product }),
  updateProduct: (r) => ({ product: r.product }),
  archiveProduct: (r) => ({ product: r.product }),
  adjustStock: (r) => ({ id: r.variant }),
  updateVariantPrice: (r) => ({ id: r.variant }),
  listMovements: (r) => ({ id: r.variant }),
  getStoreOrder: (r) => ({ orderId: r.order }),
  transitionStoreOrder: (r) => ({ orderId: r.order }),
  deleteWebhookEndpoint: (r) => ({ id: r.endpoint }),
  listWebhookDeliveries: (r) => ({ id: r.endpoint }),
  redeliverWebhook: (r) => ({ id: r.endpoint, deliveryId: r.delivery }),
};
/** Valid bodies (and headers) for the calls that must get past validation to the service. */
const BODIES: Record<string, (own: { productFields: unknown }) => { body?: unknown; headers?: Record<string, string> }> = {
  updateProduct: (own) => ({ body: own.productFields, headers: { "if-match": '"1"' } }),
  adjustStock: () => ({ body: { delta: 1, reason: "RESTOCK" } }),
  updateVariantPrice: () => ({ body: { priceMinor: 1 }, headers: { "if-match": '"1"' } }),
  transitionStoreOrder: () => ({ body: { to: "PACKED", expectedVersion: 1 } }),
};

const doc = JSON.parse(JSON.stringify(buildOpenApiDocument(REST_OPERATIONS))) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema(doc as object, "doc");
const escape = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

describe.each(backends())("API key scope matrix on %s", (backend) => {
  let t: TestDb;
  let handler: (req: Request) => Promise<Response>;
  let storeId: string;
  let sellerId: string;
  let adminId: string;
  let foreign: Rows;
  let own: Rows;
  let productFields: unknown;
  let customer: string;
  const delivery = { name: "Ann Buyer", phone: "+1 555 0100", zip: "10001", city: "New York", address: "1 Main St", email: "ann@example.com", region: "" };
  const customerToken = async () => {
    const email = `matrix-${backend}@example.com`;
    const body = JSON.stringify({ name: "Matrix", email, password: "correct horse battery" });
    await handler(new Request("http://rest.test/api/v1/auth/register", { method: "POST", headers: { "content-type": "application/json" }, body }));
    const res = await handler(new Request("http://rest.test/api/v1/auth/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "correct horse battery" }) }));
    return ((await res.json()) as { accessToken: string }).accessToken;
  };

  const key = async (storeOf: string | null, scopes: ApiScope[], name: string, expiresAt?: Date) =>
    (await inTransaction(t.db, (tx) => createApiKey(tx, { actor: storeOf === null ? { id: adminId, role: "ADMIN" } : { id: sellerId, role: "SELLER" }, storeId: storeOf, name, scopes, expiresAt })))
      .secret;

  beforeAll(async () => {
    t = await openTestDb(backend);
    handler = createRestHandler(REST_OPERATIONS, { getDb: async () => t.db, limits: createLimits({ redis: null, multiplier: 1000 }), corsOrigins: [], clientAddress: () => "203.0.113.9" });
    const seller = await t.db.user.findUniqueOrThrow({ where: { email: "seller1@livemarket.test" }, select: { id: true, store: { select: { id: true } } } });
    sellerId = seller.id;
    storeId = seller.store!.id;
    adminId = (await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email } })).id;
    const rowsOf = async (sid: string, ownerRole: "SELLER" | "ADMIN"): Promise<Rows> => {
      const v = await t.db.variant.findFirstOrThrow({ where: { product: { storeId: sid } }, select: { id: true, productId: true } });
      // The other store's order must have none of the key's store's items (an order may span stores).
      const item = await t.db.orderItem.findFirstOrThrow({ where: { storeId: sid, ...(sid === storeId ? {} : { order: { items: { none: { storeId } } } }) }, select: { orderId: true } });
      const { endpoint } = await inTransaction(t.db, (tx) =>
        createWebhookEndpoint(tx, { actor: { id: ownerRole === "SELLER" ? sellerId : adminId, role: ownerRole }, storeId: sid, url: `https://hooks.example/${sid}`, events: ["order.placed"] }),
      );
      const d = await t.db.webhookDelivery.create({ data: { endpointId: endpoint.id, outboxEventId: BigInt(1), eventId: `evt_${sid}`, eventType: "order.placed", body: "{}", status: "FAILED", giveUpAt: new Date() } });
      return { product: v.productId, variant: v.id, order: item.orderId, endpoint: endpoint.id, delivery: d.id };
    };
    own = await rowsOf(storeId, "SELLER");
    // Another store's order with none of this store's items (the demo orders all have some):
    // a customer buys one of its products.
    customer = await customerToken();
    const fv = await t.db.variant.findFirstOrThrow({ where: { stock: { gte: 5 }, product: { status: "ACTIVE", deletedAt: null, storeId: { not: storeId } } }, select: { id: true, product: { select: { storeId: true } } } });
    const placed = await handler(
      new Request("http://rest.test/api/v1/orders", {
        method: "POST",
        headers: { authorization: `Bearer ${customer}`, "content-type": "application/json", "idempotency-key": `matrix-order-${backend}` },
        body: JSON.stringify({ lines: [{ variantId: fv.id, quantity: 1 }], delivery, payment: { method: "cod" } }),
      }),
    );
    expect(placed.status).toBe(201);
    const other = fv.product.storeId;
    foreign = await rowsOf(other, "ADMIN");
    const p = await t.db.product.findUniqueOrThrow({
      where: { id: own.product },
      select: { slug: true, title: true, description: true, brand: true, categoryId: true, status: true, images: true, variants: { select: { id: true, sku: true, title: true, priceMinor: true, lowStockThreshold: true, options: true } } },
    });
    productFields = { ...p, variants: p.variants.map((v) => ({ ...v, options: Array.isArray(v.options) ? v.options : [] })) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it("covers every key operation: each one with path parameters names its foreign rows", () => {
    expect(KEY_OPERATIONS.length).toBeGreaterThan(15);
    const missing = KEY_OPERATIONS.filter((o) => o.access.kind !== "platform-key" && /\{/.test(o.path) && !FOREIGN[o.operationId]).map((o) => o.operationId);
    expect(missing, "add these operations' foreign rows to FOREIGN").toEqual([]);
  });

  it("refuses every key operation without its scope, with the wrong kind, revoked, expired, or for another store's rows; nothing changes", async () => {
    const storeScopes = API_SCOPES.filter((s) => s !== "admin");
    const full = { store: await key(storeId, storeScopes, "full store key"), platform: await key(null, [...API_SCOPES], "full platform key") };
    const lacking = new Map<string, string>();
    for (const o of KEY_OPERATIONS) {
      const platform = o.access.kind === "platform-key";
      const scopes = (platform ? [...API_SCOPES] : storeScopes).filter((s) => s !== o.access.scope);
      lacking.set(o.operationId, await key(platform ? null : storeId, scopes, `without ${o.access.scope}`));
    }
    const revoked = { store: await key(storeId, storeScopes, "revoked store key"), platform: await key(null, [...API_SCOPES], "revoked platform key") };
    for (const [sid, secret] of [[storeId, revoked.store], [null, revoked.platform]] as const) {
      const id = (await t.db.apiKey.findFirstOrThrow({ where: { prefix: secret.split("_")[2] } })).id;
      await inTransaction(t.db, (tx) => revokeApiKey(tx, { actor: sid ? { id: sellerId, role: "SELLER" } : { id: adminId, role: "ADMIN" }, storeId: sid, id }));
    }
    const soon = new Date(Date.now() + 60_000);
    const expired = { store: await key(storeId, storeScopes, "expired store key", soon), platform: await key(null, [...API_SCOPES], "expired platform key", soon) };
    await t.db.apiKey.updateMany({ where: { name: { startsWith: "expired" } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await digest(t.db);

    const call = async (o: KeyOp, bearer: string | null, rows: Rows | null) => {
      const params = rows ? FOREIGN[o.operationId]!(rows) : FOREIGN[o.operationId]?.(own) ?? {};
      const path = o.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(params[n] ?? "x"));
      const extra = BODIES[o.operationId]?.({ productFields }) ?? {};
      const json = o.body ? JSON.stringify(extra.body ?? {}) : undefined;
      const query = o.operationId === "importProducts" ? "?mode=dry-run" : "";
      const req = new Request(`http://rest.test/api/v1${path}${query}`, {
        method: o.method,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(json ? { "content-type": "application/json" } : {}), ...(o.rawBody ? { "content-type": o.rawBody.types[0]! } : {}), ...extra.headers },
        body: json ?? (o.rawBody ? "sku\n" : undefined),
      });
      const res = await handler(req);
      const opDoc = doc.paths[`/api/v1${o.path}`]![o.method.toLowerCase()]!;
      expect(opDoc.responses[String(res.status)], `${o.operationId} answered ${res.status}, undocumented`).toBeDefined();
      const body = (await res.json()) as { appCode?: string };
      const pointer = `doc#/paths/${escape(`/api/v1${o.path}`)}/${o.method.toLowerCase()}/responses/${res.status}/content/${escape(res.headers.get("content-type")!)}/schema`;
      expect(ajv.validate({ $ref: pointer }, body), `${o.operationId} ${res.status}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      return { status: res.status, appCode: body.appCode };
    };

    const results: string[] = [];
    const expectRefused = async (o: KeyOp, label: string, bearer: string | null, status: number, rows: Rows | null = null) => {
      const r = await call(o, bearer, rows);
      results.push(`${o.operationId} ${label}: ${r.status}`);
      expect(r.status, `${o.operationId} ${label}`).toBe(status);
    };
    for (const o of KEY_OPERATIONS) {
      const kind = o.access.kind === "platform-key" ? "platform" : "store";
      await expectRefused(o, "no credential", null, 401);
      await expectRefused(o, `missing ${o.access.scope}`, lacking.get(o.operationId)!, 403);
      await expectRefused(o, "revoked", revoked[kind], 401);
      await expectRefused(o, "expired", expired[kind], 401);
      await expectRefused(o, "customer token", customer, 403);
      if (o.access.kind === "store-key") await expectRefused(o, "platform key", full.platform, 403);
      if (o.access.kind === "platform-key") await expectRefused(o, "store key", full.store, 403);
      if (o.access.kind !== "platform-key" && FOREIGN[o.operationId]) await expectRefused(o, "another store's row", full.store, 404, foreign);
      // An any-key operation with a platform key: the store's rows are not the platform's.
      if (o.access.kind === "any-key" && FOREIGN[o.operationId]) await expectRefused(o, "platform key, a store's row", full.platform, 404, own);
    }
    expect(results.length).toBeGreaterThan(KEY_OPERATIONS.length * 5);
    expect(await digest(t.db)).toEqual(before);
  });
});
