// The realtime path end to end with real parts: services commit into a real database (both
// backends), the outbox relay publishes, a real sidecar (Socket.IO over HTTP or Redis) delivers
// to real socket.io clients.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { outboxEvent, recordEvents } from "@/server/services/outbox/record-event";
import { updateVariantPrice } from "@/server/services/inventory/update-price";
import type { ClientToServerEvents, ServerToClientEvents, StockChanged, SubscribeAck } from "@/shared/events";
import { MAX_PRODUCT_ROOMS } from "@/shared/events";
import { createHttpPublisher, createRedisPublisher, type Publisher } from "./publisher";
import { OutboxRelay } from "./relay";
import { parseTrustedProxies } from "@/server/limits/client-address";
import { createRealtimeServer, type RealtimeServer } from "./sidecar";
import { STREAM_NAME, broadcastEntry } from "./streams";
import { Redis } from "ioredis";
import { internalPublishKey, signRoomToken } from "./tokens";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { createSession } from "@/server/auth/sessions";
import { getAuthSecret } from "@/server/env";
import { setUserDisabled } from "@/server/services/admin/users";

const SECRET = "realtime-test-secret-realtime-test-secret";
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function captureLog() {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (msg: string) => void lines.push({ level, msg });
  return { lines, logger: { info: at("info"), warn: at("warn"), error: at("error") } };
}

async function client(port: number): Promise<Client> {
  const c: Client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    c.once("connect", () => resolve());
    c.once("connect_error", reject);
  });
  return c;
}

type Clients<N extends number, T extends Client[] = []> = T["length"] extends N ? T : Clients<N, [...T, Client]>;

/** `n` connected clients for the length of `body`, closed after it whatever happens. */
async function withClients<N extends 1 | 2 | 3>(port: number, n: N, body: (clients: Clients<N>) => Promise<void>): Promise<void> {
  const clients: Client[] = [];
  try {
    for (let i = 0; i < n; i++) clients.push(await client(port));
    await body(clients as Clients<N>);
  } finally {
    for (const c of clients) c.close();
  }
}

function subscribe(c: Client, req: Parameters<ClientToServerEvents["subscribe"]>[0]): Promise<SubscribeAck> {
  return new Promise((resolve) => c.emit("subscribe", req, resolve));
}

function next<E extends keyof ServerToClientEvents>(c: Client, event: E, timeoutMs = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    c.once(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}

/** Collects every event of a kind a client receives. */
function collect<E extends keyof ServerToClientEvents>(c: Client, event: E) {
  const got: Parameters<ServerToClientEvents[E]>[0][] = [];
  c.on(event, ((p: Parameters<ServerToClientEvents[E]>[0]) => void got.push(p)) as never);
  return got;
}

async function roundTrip(c: Client) {
  // A subscribe ack after everything sent before it: nothing else is in flight to this client.
  await subscribe(c, { products: [] });
}

/** Runs `send` and answers what `to` received of `event`; `notTo` must receive none of it. */
async function receivedOnlyBy<E extends keyof ServerToClientEvents>(to: Client, notTo: Client, event: E, send: () => Promise<unknown>) {
  const otherGot = collect(notTo, event);
  const received = next(to, event);
  await send();
  const payload = await received;
  await roundTrip(notTo);
  expect(otherGot).toEqual([]);
  return payload;
}

describe("sidecar", () => {
  let server: RealtimeServer;
  let port: number;
  const log = captureLog();
  const key = internalPublishKey(SECRET);
  const publish = (body: unknown, auth = `Bearer ${key}`) =>
    fetch(`http://127.0.0.1:${port}/internal/publish`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  const stockEvent = (productId: string, version: number, stock = 3): StockChanged => ({
    productId,
    variantId: `${productId}-v`,
    storeId: "store-1",
    stock,
    lowStockThreshold: 5,
    priceMinor: 1000,
    currency: "USD",
    version,
    delta: -1,
    reason: "ORDER",
  });

  beforeAll(async () => {
    server = createRealtimeServer({ corsOrigins: [], secret: SECRET, logger: log.logger });
    port = await server.listen(0, "127.0.0.1");
  });
  afterAll(() => server.close());

  it("delivers a published event to the sockets watching that product, and only to them", async () => {
    await withClients(port, 2, async ([watching, other]) => {
      expect(await subscribe(watching, { products: ["p1"] })).toEqual({ ok: true, rooms: 1 });
      expect(await subscribe(other, { products: ["p2"] })).toEqual({ ok: true, rooms: 1 });
      const received = await receivedOnlyBy(watching, other, "stock.changed", async () => {
        const res = await publish({ messages: [{ event: "stock.changed", rooms: ["product:p1"], payload: stockEvent("p1", 7) }] });
        expect(res.status).toBe(204);
      });
      expect(received).toMatchObject({ productId: "p1", stock: 3, version: 7 });
    });
  });

  it("sends a product page only the newest of several states of a variant published together; the seller's store room gets every one", async () => {
    await withClients(port, 2, async ([shopper, seller]) => {
      await subscribe(shopper, { products: ["pc"] });
      await subscribe(seller, { token: signRoomToken(SECRET, { rooms: ["store:store-1"], userId: "u", sid: "sid-conflate", exp: Date.now() + 60_000 }) });
      const shown = collect(shopper, "stock.changed");
      const ledger = collect(seller, "stock.changed");
      const messages = [11, 12, 13].map((v) => ({ event: "stock.changed", rooms: ["product:pc", "store:store-1"], payload: stockEvent("pc", v, 20 - v) }));
      expect((await publish({ messages })).status).toBe(204);
      await roundTrip(shopper);
      await roundTrip(seller);
      expect(shown.map((e) => [e.version, e.stock])).toEqual([[13, 7]]);
      expect(ledger.map((e) => e.version)).toEqual([11, 12, 13]);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/livemarket_realtime_conflated_total\{event="stock.changed"\} 2\b/);
    });
  });

  it("accepts publishes only with the internal key", async () => {
    await withClients(port, 1, async ([c]) => {
      await subscribe(c, { products: ["p1"] });
      const got = collect(c, "stock.changed");
      const body = { messages: [{ event: "stock.changed", rooms: ["product:p1"], payload: stockEvent("p1", 99, 0) }] };
      expect((await publish(body, "Bearer wrong")).status).toBe(403);
      expect((await publish(body, "")).status).toBe(403);
      expect((await publish({ messages: [{ event: "stock.changed", rooms: [] }] })).status).toBe(400);
      await roundTrip(c);
      expect(got).toEqual([]);
      expect(log.lines.some((l) => l.msg.includes("refused a publish"))).toBe(true);
    });
  });

  it("refuses and logs a forged stock event from a client; nobody else sees it", async () => {
    await withClients(port, 2, async ([forger, victim]) => {
      await subscribe(victim, { products: ["p1"] });
      const got = collect(victim, "stock.changed");
      (forger as unknown as Socket).emit("stock.changed", stockEvent("p1", 1_000_000, 0));
      await roundTrip(forger);
      await roundTrip(victim);
      expect(got).toEqual([]);
      expect(log.lines.some((l) => l.level === "warn" && l.msg.includes("refused a client event"))).toBe(true);
    });
  });

  it("disconnects a client that keeps emitting what it may not", async () => {
    const c = await client(port);
    const gone = new Promise<string>((resolve) => c.once("disconnect", resolve));
    for (let i = 0; i < 25; i++) (c as unknown as Socket).emit("price.changed", { forged: i });
    expect(await gone).toBe("io server disconnect");
  });

  it("bounds the product rooms per socket and validates subscriptions", async () => {
    await withClients(port, 1, async ([c]) => {
      const many = Array.from({ length: MAX_PRODUCT_ROOMS }, (_, i) => `p${i}`);
      expect(await subscribe(c, { products: many })).toEqual({ ok: true, rooms: MAX_PRODUCT_ROOMS });
      expect(await subscribe(c, { products: ["one-more"] })).toMatchObject({ ok: false });
      expect(await subscribe(c, { products: ["bad id with spaces"] })).toEqual({ ok: false, error: "malformed subscription" });
      expect(await new Promise((r) => c.emit("unsubscribe", { products: ["p0"] }, r))).toEqual({ ok: true, rooms: MAX_PRODUCT_ROOMS - 1 });
      expect(await subscribe(c, { products: ["one-more"] })).toEqual({ ok: true, rooms: MAX_PRODUCT_ROOMS });
    });
  });

  it("lets a socket into a store room only with a valid store token", async () => {
    await withClients(port, 1, async ([c]) => {
      const got = collect(c, "order.placed");
      const forged = signRoomToken("another-secret-another-secret-another", { rooms: ["store:store-1"], userId: "u", sid: "sid-1", exp: Date.now() + 60_000 });
      const expired = signRoomToken(SECRET, { rooms: ["store:store-1"], userId: "u", sid: "sid-2", exp: Date.now() - 1 });
      expect(await subscribe(c, { token: forged })).toMatchObject({ ok: false });
      expect(await subscribe(c, { token: expired })).toMatchObject({ ok: false });
      const order = { orderId: "o1", storeId: "store-1", itemCount: 1, totalMinor: 100, currency: "USD", placedAt: new Date().toISOString() };
      await publish({ messages: [{ event: "order.placed", rooms: ["store:store-1"], payload: order }] });
      await roundTrip(c);
      expect(got).toEqual([]);

      const valid = signRoomToken(SECRET, { rooms: ["store:store-1"], userId: "u", sid: "sid-3", exp: Date.now() + 60_000 });
      expect(await subscribe(c, { token: valid })).toEqual({ ok: true, rooms: 1 });
      const received = next(c, "order.placed");
      await publish({ messages: [{ event: "order.placed", rooms: ["store:store-1"], payload: order }] });
      expect(await received).toEqual(order);
    });
  });

  it("lets a customer's socket into their own room only with their token, and a token opens private rooms only", async () => {
    await withClients(port, 2, async ([mine, other]) => {
      const change = {
        orderId: "o1",
        userId: "cust-1",
        storeId: "store-1",
        from: "PACKED" as const,
        to: "SHIPPED" as const,
        orderStatus: "SHIPPED" as const,
        version: 4,
        at: new Date().toISOString(),
      };
      // A token naming a product room (not a private one) opens nothing beyond the private rooms it names.
      expect(await subscribe(mine, { token: signRoomToken(SECRET, { rooms: ["user:cust-1", "product:p9"], userId: "cust-1", sid: "sid-4", exp: Date.now() + 60_000 }) })).toEqual({ ok: true, rooms: 1 });
      expect(await subscribe(other, { token: signRoomToken(SECRET, { rooms: ["user:cust-2"], userId: "cust-2", sid: "sid-5", exp: Date.now() + 60_000 }) })).toEqual({ ok: true, rooms: 1 });
      const received = await receivedOnlyBy(mine, other, "order.status_changed", () =>
        publish({ messages: [{ event: "order.status_changed", rooms: ["user:cust-1"], payload: change }] }),
      );
      expect(received).toEqual(change);
    });
  });

  it("drops the sockets of a user whose sessions were revoked, and only theirs", async () => {
    await withClients(port, 2, async ([revoked, other]) => {
      await subscribe(revoked, { token: signRoomToken(SECRET, { rooms: ["user:gone-1", "store:gone-store"], userId: "gone-1", sid: "sid-6", exp: Date.now() + 60_000 }) });
      await subscribe(other, { token: signRoomToken(SECRET, { rooms: ["user:still-2"], userId: "still-2", sid: "sid-7", exp: Date.now() + 60_000 }) });
      const dropped = new Promise<string>((resolve) => revoked.once("disconnect", resolve));
      expect((await publish({ messages: [{ disconnect: true, rooms: ["user:gone-1"] }] })).status).toBe(204);
      expect(await dropped).toBe("io server disconnect");
      await roundTrip(other);
      expect(other.connected).toBe(true);
    });
  });

  it("drops the sockets of a revoked session and refuses its token from then on; the user's other sessions keep theirs", async () => {
    const token = (sid: string) => signRoomToken(SECRET, { rooms: ["user:two-devices", "store:two-store"], userId: "two-devices", sid, exp: Date.now() + 60_000 });
    const laptop = await client(port);
    const phone = await client(port);
    let again: Client | undefined;
    try {
      expect(await subscribe(laptop, { token: token("sid-laptop") })).toEqual({ ok: true, rooms: 2 });
      expect(await subscribe(phone, { token: token("sid-phone") })).toEqual({ ok: true, rooms: 2 });
      const dropped = new Promise<string>((resolve) => laptop.once("disconnect", resolve));
      expect((await publish({ messages: [{ disconnect: true, rooms: ["session:sid-laptop"] }] })).status).toBe(204);
      expect(await dropped).toBe("io server disconnect");
      await roundTrip(phone);
      expect(phone.connected).toBe(true);
      // Reconnecting with the revoked session's token (still unexpired) opens nothing.
      again = await client(port);
      expect(await subscribe(again, { token: token("sid-laptop") })).toMatchObject({ ok: false });
      const got = collect(again, "order.placed");
      const order = { orderId: "o2", storeId: "two-store", itemCount: 1, totalMinor: 100, currency: "USD", placedAt: new Date().toISOString() };
      const toPhone = next(phone, "order.placed");
      await publish({ messages: [{ event: "order.placed", rooms: ["store:two-store"], payload: order }] });
      expect(await toPhone).toEqual(order);
      await roundTrip(again);
      expect(got).toEqual([]);
      // The other session's token still opens its rooms.
      expect(await subscribe(again, { token: token("sid-phone") })).toEqual({ ok: true, rooms: 2 });
    } finally {
      laptop.close();
      phone.close();
      again?.close();
    }
  });

  it("refuses a token tied to no session", async () => {
    await withClients(port, 1, async ([c]) => {
      const legacy = signRoomToken(SECRET, { rooms: ["user:old"], userId: "old", exp: Date.now() + 60_000 } as never);
      expect(await subscribe(c, { token: legacy })).toMatchObject({ ok: false });
    });
  });

  it("refuses a publish whose payload is not what the event contract says", async () => {
    const res = await publish({ messages: [{ event: "stock.changed", rooms: ["product:p1"], payload: { productId: "p1", stock: "many" } }] });
    expect(res.status).toBe(400);
  });
});

/** Opens a socket to the sidecar on `port` with these handshake headers: the socket, or the
 * refusal. */
function handshake(port: number, headers: Record<string, string>): Promise<Client | Error> {
  const c: Client = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: headers });
  return new Promise((resolve) => {
    c.once("connect", () => resolve(c));
    c.once("connect_error", (err) => {
      c.close();
      resolve(err);
    });
  });
}

describe("sidecar admission", () => {
  const APP = "http://app.example:3000";
  let server: RealtimeServer;
  let port: number;
  beforeAll(async () => {
    server = createRealtimeServer({ corsOrigins: [APP], secret: SECRET, maxConnectionsPerAddress: 3 });
    port = await server.listen(0, "127.0.0.1");
  });
  afterAll(() => server.close());

  /** Connects as a browser page of `origin` would (undefined: a client that sends no Origin). */
  const attempt = (origin?: string) => handshake(port, origin ? { origin } : {});

  it("refuses a WebSocket handshake from a page of another origin", async () => {
    const evil = await attempt("http://evil.example");
    expect(evil).toBeInstanceOf(Error);
    const app = await attempt(APP);
    expect(app).not.toBeInstanceOf(Error);
    (app as Client).close();
  });

  it("caps the sockets one address holds open, and frees a place when one closes", async () => {
    const open: Client[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const c = await attempt(APP);
        expect(c).not.toBeInstanceOf(Error);
        open.push(c as Client);
      }
      expect(await attempt(APP)).toBeInstanceOf(Error);
      const gone = new Promise<void>((resolve) => {
        const check = () => (server.io.engine.clientsCount < 3 ? resolve() : setImmediate(check));
        check();
      });
      open.shift()!.close();
      await gone;
      const again = await attempt(APP);
      expect(again).not.toBeInstanceOf(Error);
      open.push(again as Client);
    } finally {
      for (const c of open) c.close();
    }
  });
});

describe("sidecar admission behind a reverse proxy", () => {
  const APP = "http://app.example:3000";
  const servers: RealtimeServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  async function sidecar(trustedProxies?: string): Promise<number> {
    const server = createRealtimeServer({
      corsOrigins: [APP],
      secret: SECRET,
      maxConnectionsPerAddress: 2,
      trustedProxies: trustedProxies === undefined ? undefined : parseTrustedProxies(trustedProxies),
    });
    servers.push(server);
    return server.listen(0, "127.0.0.1");
  }

  /** A socket as a proxy on this machine forwards it for `client`. */
  const via = (port: number, client: string) => handshake(port, { origin: APP, "x-forwarded-for": client });

  it("counts each client behind a trusted proxy, not the proxy", async () => {
    const port = await sidecar("127.0.0.1");
    const open: Client[] = [];
    try {
      for (const client of ["203.0.113.1", "203.0.113.1"]) open.push((await via(port, client)) as Client);
      expect(await via(port, "203.0.113.1")).toBeInstanceOf(Error);
      // Other clients of the same proxy still get in.
      const other = await via(port, "203.0.113.2");
      expect(other).not.toBeInstanceOf(Error);
      open.push(other as Client);
    } finally {
      for (const c of open) c.close?.();
    }
  });

  it("does not let a client escape the cap by rotating X-Forwarded-For when no proxy is trusted", async () => {
    const port = await sidecar();
    const open: Client[] = [];
    try {
      for (const client of ["198.51.100.1", "198.51.100.2"]) open.push((await via(port, client)) as Client);
      expect(await via(port, "198.51.100.3")).toBeInstanceOf(Error);
    } finally {
      for (const c of open) c.close?.();
    }
  });
});

describe.each(backends())("outbox relay on %s", (backend) => {
  let t: TestDb;
  let seller: { userId: string; storeId: string };
  let variant: { id: string; productId: string; stock: number; version: number };
  beforeAll(async () => {
    t = await openTestDb(backend);
    const store = await t.db.store.findFirstOrThrow({ where: { slug: "northwind" }, select: { id: true, ownerId: true } });
    seller = { userId: store.ownerId, storeId: store.id };
    variant = await t.db.variant.findFirstOrThrow({
      where: { product: { storeId: store.id, status: "ACTIVE" }, stock: { gt: 10 } },
      select: { id: true, productId: true, stock: true, version: true },
      orderBy: { sku: "asc" },
    });
    // Start from an empty outbox: the seed's events are not this test's business.
    await t.db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
  });
  afterAll(() => t.close());

  async function sidecar(): Promise<{ server: RealtimeServer; port: number }> {
    const server = createRealtimeServer({ corsOrigins: [], secret: SECRET });
    return { server, port: await server.listen(0, "127.0.0.1") };
  }
  const unpublished = () => t.db.outboxEvent.count({ where: { publishedAt: null } });

  /** A sidecar and a relay publishing to it (kicked by the test, never polling), both stopped after `body`. */
  async function withRelay(body: (port: number, relay: OutboxRelay) => Promise<void>): Promise<void> {
    const { server, port } = await sidecar();
    const relay = new OutboxRelay(t.db, createHttpPublisher({ sidecarUrl: `http://127.0.0.1:${port}`, key: internalPublishKey(SECRET) }), { pollMs: 60_000 });
    try {
      await body(port, relay);
    } finally {
      await relay.stop();
      await server.close();
    }
  }

  it("publishes a committed stock change to the product's watchers with its version", async () => {
    await withRelay((port, relay) =>
      withClients(port, 1, async ([c]) => {
        await subscribe(c, { products: [variant.productId] });
        const received = next(c, "stock.changed");
        const adjusted = await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: variant.id, delta: -2, reason: "DAMAGE", note: "dropped" }));
        await relay.kick();
        const e = await received;
        expect(e).toMatchObject({ variantId: variant.id, productId: variant.productId, stock: adjusted.stock, version: adjusted.version, delta: -2, reason: "DAMAGE" });
        expect(adjusted.version).toBeGreaterThan(variant.version);
        expect(await unpublished()).toBe(0);
      }),
    );
  });

  it("sends a draft product's stock changes to its store only, never to its product room", async () => {
    const draft = await t.db.variant.findFirstOrThrow({
      where: { product: { storeId: seller.storeId, status: "DRAFT", deletedAt: null } },
      select: { id: true, productId: true },
    });
    await withRelay((port, relay) =>
      withClients(port, 2, async ([watcher, sellerPage]) => {
        await subscribe(watcher, { products: [draft.productId] });
        await subscribe(sellerPage, { token: signRoomToken(SECRET, { rooms: [`store:${seller.storeId}`], userId: seller.userId, sid: "sid-8", exp: Date.now() + 60_000 }) });
        const leaked = collect(watcher, "stock.changed");
        const toStore = next(sellerPage, "stock.changed");
        await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: draft.id, delta: 1, reason: "RESTOCK" }));
        await relay.kick();
        expect(await toStore).toMatchObject({ variantId: draft.id });
        await roundTrip(watcher);
        expect(leaked).toEqual([]);
        expect(await unpublished()).toBe(0);
      }),
    );
  });

  it("relays a session.revoked event as dropping that user's sockets", async () => {
    await withRelay((port, relay) =>
      withClients(port, 1, async ([c]) => {
        await subscribe(c, { token: signRoomToken(SECRET, { rooms: [`user:${seller.userId}`, `store:${seller.storeId}`], userId: seller.userId, sid: "sid-9", exp: Date.now() + 60_000 }) });
        const dropped = new Promise<string>((resolve) => c.once("disconnect", resolve));
        await inTransaction(t.db, (tx) => recordEvents(tx, [outboxEvent("session.revoked", seller.userId, { userId: seller.userId })]));
        await relay.kick();
        expect(await dropped).toBe("io server disconnect");
        expect(await unpublished()).toBe(0);
      }),
    );
  });

  it("a disabled seller's store token stops at once: its sockets are dropped and the token no longer opens the store room", async () => {
    // The app's own secret: the token is minted by the realtime.token procedure.
    const server = createRealtimeServer({ corsOrigins: [], secret: getAuthSecret() });
    const port = await server.listen(0, "127.0.0.1");
    const relay = new OutboxRelay(t.db, createHttpPublisher({ sidecarUrl: `http://127.0.0.1:${port}`, key: internalPublishKey(getAuthSecret()) }), { pollMs: 60_000 });
    const owner = await t.db.user.create({ data: { email: `disabled-seller-${backend}@example.com`, name: "Soon Disabled", passwordHash: "x", role: "SELLER", totpEnabled: true } });
    const store = await t.db.store.create({ data: { ownerId: owner.id, name: "Soon closed", slug: `soon-closed-${backend}` } });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@livemarket.test" }, select: { id: true } });
    const { id: sid } = await createSession(t.db, { userId: owner.id });
    // The token as the app mints it for this session (realtime.token).
    const caller = createCaller(createContextInner({ db: t.db, session: { user: { id: owner.id, role: "SELLER", name: owner.name, email: owner.email, mfa: "verified", sid }, expires: new Date(Date.now() + 60_000).toISOString() } }));
    const { token, rooms } = await caller.realtime.token();
    expect(rooms).toContain(`store:${store.id}`);
    const c = await client(port);
    let again: Client | undefined;
    try {
      expect(await subscribe(c, { token })).toMatchObject({ ok: true });
      const dropped = new Promise<string>((resolve) => c.once("disconnect", resolve));
      await inTransaction(t.db, (tx) => setUserDisabled(tx, admin.id, { userId: owner.id, disabled: true }));
      await relay.kick();
      expect(await dropped).toBe("io server disconnect");
      again = await client(port);
      expect(await subscribe(again, { token })).toMatchObject({ ok: false });
      expect(await unpublished()).toBe(0);
    } finally {
      c.close();
      again?.close();
      await relay.stop();
      await server.close();
    }
  });

  it("keeps events while the sidecar is away, says so once, and delivers them when it is back", async () => {
    const { server, port } = await sidecar();
    await server.close(); // the port is now free and nothing listens
    const log = captureLog();
    const relay = new OutboxRelay(t.db, createHttpPublisher({ sidecarUrl: `http://127.0.0.1:${port}`, key: internalPublishKey(SECRET) }), {
      pollMs: 60_000,
      logger: log.logger,
    });
    try {
      const a = await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: variant.id, delta: 5, reason: "RESTOCK" }));
      await relay.kick();
      const expectedVersion = (await t.db.product.findUniqueOrThrow({ where: { id: variant.productId } })).version;
      const b = await inTransaction(t.db, (tx) => updateVariantPrice(tx, seller, { variantId: variant.id, priceMinor: 4321, expectedVersion }));
      (relay as unknown as { retryAt: number }).retryAt = 0; // no waiting for the backoff in a test
      await relay.kick();
      expect(await unpublished()).toBe(2);
      const kept = await t.db.outboxEvent.findMany({ where: { publishedAt: null }, select: { lastError: true, attempts: true } });
      expect(kept.every((k) => k.lastError && k.attempts >= 1)).toBe(true);
      expect(log.lines.filter((l) => l.level === "error")).toHaveLength(1);

      const back = createRealtimeServer({ corsOrigins: [], secret: SECRET });
      await back.listen(port, "127.0.0.1");
      const c = await client(port);
      try {
        await subscribe(c, { products: [variant.productId] });
        const stock = next(c, "stock.changed");
        const price = next(c, "price.changed");
        (relay as unknown as { retryAt: number }).retryAt = 0;
        await relay.kick();
        expect(await stock).toMatchObject({ stock: a.stock, version: a.version });
        expect(await price).toMatchObject({ priceMinor: 4321, version: b.version, previousPriceMinor: expect.any(Number) });
        expect(await unpublished()).toBe(0);
        expect(log.lines.some((l) => l.msg.includes("publishing again"))).toBe(true);
      } finally {
        c.close();
        await back.close();
      }
    } finally {
      await relay.stop();
    }
  });

  it("publishes a batch's events in the order they were recorded, also when a failed publish gave older ones back", async () => {
    // The sidecar is away while newer changes are recorded: the rows the failed publish gives
    // back are older than those, and the next batch holds both (bench/realtime.ts saw pages get
    // version 35 before 34 this way).
    const sent: number[] = [];
    let away = true;
    const publisher: Publisher = {
      kind: "http",
      async publish(messages) {
        if (away) {
          away = false;
          for (let i = 0; i < 3; i++) await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: variant.id, delta: 1, reason: "CORRECTION" }));
          throw new Error("sidecar away");
        }
        for (const m of messages) if (!("disconnect" in m) && m.event === "stock.changed") sent.push((m.payload as StockChanged).version);
      },
      close: async () => {},
    };
    const relay = new OutboxRelay(t.db, publisher, { pollMs: 60_000, logger: captureLog().logger });
    try {
      const first = await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: variant.id, delta: 1, reason: "CORRECTION" }));
      await relay.kick();
      expect(sent).toEqual([]);
      (relay as unknown as { retryAt: number }).retryAt = 0; // no waiting for the backoff in a test
      await relay.kick();
      expect(sent).toEqual([first.version, first.version + 1, first.version + 2, first.version + 3]);
      expect(await unpublished()).toBe(0);
    } finally {
      await relay.stop();
    }
  });

  it("publishes what a relay that died mid-batch had claimed, once its lease runs out", async () => {
    const { server, port } = await sidecar();
    const publisher = createHttpPublisher({ sidecarUrl: `http://127.0.0.1:${port}`, key: internalPublishKey(SECRET) });
    const c = await client(port);
    try {
      await inTransaction(t.db, (tx) => adjustStock(tx, seller, { variantId: variant.id, delta: 1, reason: "CORRECTION" }));
      // A relay claims the event and dies before publishing: only its lease is left behind.
      const stuck: Publisher = { kind: "http", publish: () => new Promise(() => {}), close: async () => {} };
      const dying = new OutboxRelay(t.db, stuck, { pollMs: 60_000, leaseMs: 300 });
      void dying.kick();
      await expect.poll(() => t.db.outboxEvent.count({ where: { publishedAt: null, lockedUntil: { not: null } } })).toBe(1);

      await subscribe(c, { products: [variant.productId] });
      const got = collect(c, "stock.changed");
      const successor = new OutboxRelay(t.db, publisher, { pollMs: 50 }).start();
      try {
        await expect.poll(() => got.length, { timeout: 5000 }).toBe(1);
        // The relay marks the row published once the sidecar took it: the event may arrive first.
        await expect.poll(() => unpublished()).toBe(0);
      } finally {
        await successor.stop();
      }
    } finally {
      c.close();
      await server.close();
    }
  });
});

describe.runIf(inject("redisUrl"))("with Redis: many sidecars", () => {
  it("a change published through the Redis emitter reaches a browser on another sidecar", async () => {
    const redisUrl = inject("redisUrl")!;
    const a = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl });
    const b = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl });
    const [, portB] = await Promise.all([a.listen(0, "127.0.0.1"), b.listen(0, "127.0.0.1")]);
    const publisher = createRedisPublisher({ redisUrl });
    const c = await client(portB);
    try {
      await subscribe(c, { products: ["redis-p"] });
      await expect.poll(async () => (await (await fetch(`http://127.0.0.1:${portB}/health`)).json()).redis).toBe("up");
      await expect.poll(async () => {
        const received = next(c, "stock.changed", 500).catch(() => null);
        await publisher.publish([{ event: "stock.changed", rooms: ["product:redis-p"], payload: { ...baseStock, version: 2 } }]);
        return (await received)?.version ?? null;
      }).toBe(2);
    } finally {
      c.close();
      await publisher.close();
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("a product page on a sidecar reading the stream gets only the newest of several states read together; the store room every one", async () => {
    const redisUrl = inject("redisUrl")!;
    const sc = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl });
    const port = await sc.listen(0, "127.0.0.1");
    const publisher = createRedisPublisher({ redisUrl });
    try {
      await withClients(port, 2, async ([shopper, seller]) => {
        const productId = `conflate-${Date.now()}`;
        await subscribe(shopper, { products: [productId] });
        await subscribe(seller, { token: signRoomToken(SECRET, { rooms: ["store:store-c"], userId: "u", sid: "sid-c", exp: Date.now() + 60_000 }) });
        await expect.poll(async () => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()).redis).toBe("up");
        const shown = collect(shopper, "stock.changed");
        const ledger = collect(seller, "stock.changed");
        const change = (version: number) => ({ event: "stock.changed" as const, rooms: [`product:${productId}`, "store:store-c"], payload: { ...baseStock, productId, storeId: "store-c", stock: 20 - version, version } });
        // One publish is one MULTI: the sidecar reads its entries in one go.
        await publisher.publish([change(1), change(2), change(3)]);
        await expect.poll(() => ledger.length).toBe(3);
        await roundTrip(shopper);
        expect(shown.map((e) => [e.version, e.stock])).toEqual([[3, 17]]);
        expect(ledger.map((e) => e.version)).toEqual([1, 2, 3]);
      });
    } finally {
      await publisher.close();
      await sc.close();
    }
  });

  it("a stream entry the sidecar cannot handle is logged; the entries read with it still arrive and the sidecar goes on", async () => {
    const redisUrl = inject("redisUrl")!;
    const log = captureLog();
    const sc = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl, logger: log.logger });
    const port = await sc.listen(0, "127.0.0.1");
    const redis = new Redis(redisUrl);
    try {
      await withClients(port, 1, async ([c]) => {
        const productId = `bad-entry-${Date.now()}`;
        await subscribe(c, { products: [productId] });
        const got = collect(c, "stock.changed");
        const xadd = (m: ReturnType<Redis["multi"]>, f: Record<string, string>) => m.xadd(STREAM_NAME, "*", ...Object.entries(f).flat());
        const good = (version: number) => broadcastEntry([`product:${productId}`], "stock.changed", { ...baseStock, productId, variantId: `${productId}-v${version}`, version });
        const multi = redis.multi();
        xadd(multi, good(1));
        // A broadcast without a packet: the adapter throws on it.
        xadd(multi, { uid: "emitter", nsp: "/", type: "3", data: JSON.stringify({ packet: null, opts: { rooms: [`product:${productId}`], except: [], flags: {} } }) });
        xadd(multi, good(2));
        await multi.exec();
        await expect.poll(() => got.map((e) => e.version)).toEqual([1, 2]);
        expect(log.lines.some((l) => l.level === "warn" && l.msg.includes("could not handle a stream entry"))).toBe(true);
        await redis.xadd(STREAM_NAME, "*", ...Object.entries(good(3)).flat());
        await expect.poll(() => got.map((e) => e.version)).toEqual([1, 2, 3]);
      });
    } finally {
      redis.disconnect();
      await sc.close();
    }
  });

  it("a revoked session's token is refused by every sidecar, also by one started after the revocation", async () => {
    const redisUrl = inject("redisUrl")!;
    const sid = `redis-sid-${Date.now()}`;
    const token = signRoomToken(SECRET, { rooms: ["user:redis-u"], userId: "redis-u", sid, exp: Date.now() + 60_000 });
    const a = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl });
    const b = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl });
    const [portA, portB] = await Promise.all([a.listen(0, "127.0.0.1"), b.listen(0, "127.0.0.1")]);
    const publisher = createRedisPublisher({ redisUrl });
    const onA = await client(portA);
    const onB = await client(portB);
    let late: RealtimeServer | undefined;
    let lateClient: Client | undefined;
    try {
      for (const port of [portA, portB]) await expect.poll(async () => (await (await fetch(`http://127.0.0.1:${port}/health`)).json()).redis).toBe("up");
      expect(await subscribe(onA, { token })).toEqual({ ok: true, rooms: 1 });
      const dropped = new Promise<string>((resolve) => onA.once("disconnect", resolve));
      await expect.poll(async () => {
        await publisher.publish([{ disconnect: true, rooms: [`session:${sid}`] }]);
        return onA.connected;
      }).toBe(false);
      expect(await dropped).toBe("io server disconnect");
      await expect.poll(async () => (await subscribe(onB, { token })).ok).toBe(false);
      late = createRealtimeServer({ corsOrigins: [], secret: SECRET, redisUrl });
      const portLate = await late.listen(0, "127.0.0.1");
      lateClient = await client(portLate);
      expect(await subscribe(lateClient, { token })).toMatchObject({ ok: false });
    } finally {
      onA.close();
      onB.close();
      lateClient?.close();
      await publisher.close();
      await Promise.all([a.close(), b.close(), late?.close()]);
    }
  });

  it("a Redis that cannot be reached fails the publish, so the relay keeps the events", async () => {
    const publisher = createRedisPublisher({ redisUrl: "redis://127.0.0.1:1" });
    try {
      await expect(publisher.publish([{ event: "stock.changed", rooms: ["product:x"], payload: { ...baseStock, version: 1 } }])).rejects.toThrow(/redis/);
    } finally {
      await publisher.close();
    }
  });
});

const baseStock: Omit<StockChanged, "version"> = {
  productId: "redis-p",
  variantId: "redis-v",
  storeId: "s",
  stock: 1,
  lowStockThreshold: 5,
  priceMinor: 100,
  currency: "USD",
  delta: -1,
  reason: "ORDER",
};
