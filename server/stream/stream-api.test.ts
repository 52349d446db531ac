// The order service's endpoints through their real handlers (server/stream/order-api.ts) on a test
// database with the embedded transport and a running consumer: the access matrix (anonymous 401,
// a key without orders:read 403, a store's key sees only orders with its items, a platform key and
// an admin's session see all), the fixture's JSON shape byte for byte, newest-first paging, and
// POST /api/orders/test readable within a second.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import { useTestDb } from "@/test/backends";
import { sessionFor } from "@/test/router";
import { inTransaction } from "@/server/db/transaction";
import { createApiKey } from "@/server/services/api-keys";
import { applyOrderEvent } from "@/server/services/orders/order-event-apply";
import { FIXTURE_ORDER_EVENT } from "@/server/services/orders/order-event-fixture";
import { getAppUrl } from "@/server/env";
import { DEMO_ACCOUNTS } from "@/prisma/seed/seed";
import { OrderStreamConsumer } from "./consumer";
import { OrderCache } from "./order-cache";
import { createOrderApi } from "./order-api";
import { PgStreamTransport } from "./pg-transport";
import { orderEvent } from "@/test/stream/helpers";

const APP = new URL(getAppUrl()).origin;

describe("order service endpoints", () => {
  const t = useTestDb("pglite");
  let session: Session | null = null;
  let api: ReturnType<typeof createOrderApi>;
  let consumer: OrderStreamConsumer;
  let cache: OrderCache;
  const keys: Record<string, string> = {};
  let mine = "";
  let theirs = "";

  const get = (path: string, key?: string) => {
    const req = new Request(`${APP}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    const m = /^\/api\/orders\/([^/?]+)$/.exec(path);
    return m ? api.getOne(req, decodeURIComponent(m[1]!)) : api.list(req);
  };

  beforeAll(async () => {
    const transport = new PgStreamTransport(t.db, { pollMs: 20 });
    cache = new OrderCache(t.db, { max: 100 });
    api = createOrderApi({ getDb: async () => t.db, getSession: async () => session, getCache: async () => cache, getTransport: async () => transport, testEndpointOpen: () => true });
    consumer = new OrderStreamConsumer(t.db, transport, { blockMs: 200, onStored: (r) => void cache.refresh(r.orderUid) }).start();
    const user = (email: string) => t.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, name: true, email: true } });
    const admin = await user(DEMO_ACCOUNTS.admin.email);
    const seller = await user("seller1@livemarket.test");
    const store = await t.db.store.findUniqueOrThrow({ where: { ownerId: seller.id }, select: { id: true } });
    const mk = (actor: { id: string; role: "ADMIN" | "SELLER" }, storeId: string | null, scopes: ("orders:read" | "catalog:read" | "admin")[]) =>
      inTransaction(t.db, (tx) => createApiKey(tx, { actor: { id: actor.id, role: actor.role }, storeId, name: "orders test", scopes }));
    keys.platform = (await mk({ id: admin.id, role: "ADMIN" }, null, ["orders:read"])).secret;
    keys.store = (await mk({ id: seller.id, role: "SELLER" }, store.id, ["orders:read"])).secret;
    keys.noScope = (await mk({ id: seller.id, role: "SELLER" }, store.id, ["catalog:read"])).secret;
    const ours = await t.db.variant.findFirstOrThrow({ where: { product: { storeId: store.id, status: "ACTIVE" }, stock: { gt: 0 } }, select: { chrtId: true } });
    const a = orderEvent([{ chrtId: ours.chrtId }]);
    const b = orderEvent([{ chrtId: 2_000_000_123 }]);
    await inTransaction(t.db, (tx) => applyOrderEvent(tx, a));
    await inTransaction(t.db, (tx) => applyOrderEvent(tx, b));
    mine = a.order_uid;
    theirs = b.order_uid;
    (globalThis as { __adminUser?: typeof admin }).__adminUser = admin;
  });
  afterAll(async () => {
    await consumer?.stop();
  });

  it("the server's copy of the fixture is the fixture", () => {
    expect(FIXTURE_ORDER_EVENT).toEqual(JSON.parse(readFileSync("test/fixtures/order-event.json", "utf8")));
  });

  it("refuses anonymous callers (401) and keys without orders:read (403), as problem+json", async () => {
    session = null;
    for (const path of ["/api/orders", `/api/orders/${mine}`]) {
      const anon = await get(path);
      expect(anon.status).toBe(401);
      expect(anon.headers.get("content-type")).toBe("application/problem+json");
      expect((await anon.json()).status).toBe(401);
      expect((await get(path, keys.noScope)).status).toBe(403);
      expect((await get(path, "lm_live_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(401);
    }
  });

  it("a store's key sees only orders with its items; a platform key and an admin's session see all", async () => {
    session = null;
    expect((await get(`/api/orders/${mine}`, keys.store)).status).toBe(200);
    expect((await get(`/api/orders/${theirs}`, keys.store)).status).toBe(404);
    const listed = (await (await get("/api/orders?limit=100", keys.store)).json()) as { orders: { order_uid: string }[] };
    expect(listed.orders.map((o) => o.order_uid)).toContain(mine);
    expect(listed.orders.map((o) => o.order_uid)).not.toContain(theirs);
    expect((await get(`/api/orders/${theirs}`, keys.platform)).status).toBe(200);
    const admin = (globalThis as { __adminUser?: { id: string; name: string; email: string } }).__adminUser!;
    session = sessionFor(admin, "ADMIN");
    expect((await get(`/api/orders/${theirs}`)).status).toBe(200);
    const seller = await t.db.user.findUniqueOrThrow({ where: { email: "seller1@livemarket.test" } });
    session = sessionFor(seller, "SELLER");
    expect((await get(`/api/orders/${mine}`)).status).toBe(403);
    session = null;
  });

  it("answers the fixture's JSON shape, field names and order byte for byte", async () => {
    const res = await get(`/api/orders/${theirs}`, keys.platform);
    const text = await res.text();
    const fixtureKeys = (o: unknown): unknown =>
      Array.isArray(o) ? o.map(fixtureKeys) : o && typeof o === "object" ? Object.entries(o).map(([k, v]) => [k, fixtureKeys(v)]) : typeof o;
    expect(fixtureKeys(JSON.parse(text))).toEqual(fixtureKeys(FIXTURE_ORDER_EVENT));
  });

  it("lists newest first with a cursor, and refuses a bad cursor or limit with 400", async () => {
    const first = (await (await get("/api/orders?limit=1", keys.platform)).json()) as { orders: { order_uid: string }[]; next_cursor: string };
    expect(first.orders).toHaveLength(1);
    expect(first.orders[0]!.order_uid).toBe(theirs);
    const second = (await (await get(`/api/orders?limit=1&cursor=${first.next_cursor}`, keys.platform)).json()) as { orders: { order_uid: string }[] };
    expect(second.orders[0]!.order_uid).toBe(mine);
    expect((await get("/api/orders?cursor=nonsense", keys.platform)).status).toBe(400);
    expect((await get("/api/orders?limit=0", keys.platform)).status).toBe(400);
    expect((await get("/api/orders?limit=1000", keys.platform)).status).toBe(400);
  });

  it("POST /api/orders/test answers 202 {order_uid}, and the order is readable within a second", async () => {
    const res = await api.postTest(new Request(`${APP}/api/orders/test`, { method: "POST" }));
    expect(res.status).toBe(202);
    const { order_uid } = (await res.json()) as { order_uid: string };
    const deadline = Date.now() + 1000;
    let found = 0;
    while (Date.now() < deadline && found !== 200) {
      found = (await get(`/api/orders/${order_uid}`, keys.platform)).status;
      if (found !== 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(found).toBe(200);
    const body = await (await get(`/api/orders/${order_uid}`, keys.platform)).json();
    expect(body).toEqual({ ...FIXTURE_ORDER_EVENT, order_uid, payment: { ...FIXTURE_ORDER_EVENT.payment, transaction: order_uid } });
  });

  it("POST /api/orders/test is admins only where the endpoint is not open", async () => {
    const closed = createOrderApi({ getDb: async () => t.db, getSession: async () => null, getCache: async () => cache, getTransport: async () => new PgStreamTransport(t.db), testEndpointOpen: () => false });
    const res = await closed.postTest(new Request(`${APP}/api/orders/test`, { method: "POST" }));
    expect(res.status).toBe(401);
  });
});
