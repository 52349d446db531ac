// Webhooks end to end on both backends: services commit into a real database, the outbox is
// fanned out by the worker, and deliveries go over real HTTP to a receiver on loopback that
// verifies every signature. Time is the worker's injected clock (no sleeps): "down for a while"
// is the clock moved on, each step no longer than the longest backoff.
import { createDefaultShipping } from "@/server/services/shipping/manage";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import type { Db } from "@/server/db/client";
import { adjustStock } from "@/server/services/inventory/adjust-stock";
import { setProductStatus } from "@/server/services/product-editor/save-product";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { checkout } from "@/server/services/orders/checkout";
import { TEST_CARDS } from "@/server/services/payments/test-card";
import { createWebhookEndpoint, enableWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, redeliverWebhook, deleteWebhookEndpoint } from "@/server/services/webhooks";
import { appErrorOf } from "@/test/errors";
import type { WebhookEventType } from "@/shared/api-scopes";
import { openWebhookSecret } from "./secret";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from "./signature";
import { isPublicAddress, webhookUrlProblem } from "./url-guard";
import { DISABLE_AFTER_MS, WebhookWorker } from "./worker";
import { metrics } from "@/server/observability/metrics";

const HOUR = 60 * 60_000;
const delivery = { name: "Hook Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "hook@example.com" };
const card = { method: "card" as const, cardNumber: TEST_CARDS.success, expiry: "12/39", cvc: "123" };
const tag = () => randomBytes(4).toString("hex");

interface Received {
  eventId: string | undefined;
  requestId: string | undefined;
  body: string;
  parsed: { id: string; type: string; created: string; data: Record<string, unknown> };
  verified: boolean;
}

/** A webhook receiver on loopback: answers 200 when up, 503 when down, nothing when hanging;
 * checks each signature with the endpoint's secret at the worker's clock. */
class Receiver {
  mode: "up" | "down" | "hang" = "up";
  secret = "";
  readonly got: Received[] = [];
  private readonly hanging: ServerResponse[] = [];
  private waiters: { done: () => boolean; resolve: () => void }[] = [];
  private server!: Server;
  constructor(private readonly clock: () => number) {}

  async start(): Promise<this> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if (this.mode === "hang") {
          this.hanging.push(res);
          this.notify();
          return;
        }
        const verified = verifyWebhookSignature({ secret: this.secret, body, header: req.headers[SIGNATURE_HEADER.toLowerCase()] as string, now: this.clock() });
        this.got.push({ eventId: req.headers[EVENT_ID_HEADER.toLowerCase()] as string | undefined, requestId: req.headers["x-request-id"] as string | undefined, body, parsed: JSON.parse(body) as Received["parsed"], verified });
        this.notify();
        if (this.mode === "down") res.writeHead(503).end("maintenance");
        else res.writeHead(verified ? 200 : 400, { "content-type": "text/plain" }).end(verified ? "ok" : "bad signature");
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return this;
  }

  get url() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  get hangingCount() {
    return this.hanging.length;
  }

  /** Resolves once `n` requests (answered or hanging) have arrived in total. */
  requests(n: number): Promise<void> {
    return this.until(() => this.got.length + this.hanging.length >= n);
  }

  /** Resolves once `done()` holds after a request arrived. */
  until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ done, resolve });
      this.notify();
    });
  }

  private notify() {
    this.waiters = this.waiters.filter((w) => (w.done() ? (w.resolve(), false) : true));
  }

  release() {
    for (const res of this.hanging.splice(0)) res.writeHead(200).end("late");
  }

  async close() {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe("signatures and addresses", () => {
  it("verifies only the exact body, with the secret, inside the tolerance", () => {
    const secret = "whsec_test";
    const body = JSON.stringify({ id: "evt_1", type: "stock.changed", created: new Date().toISOString(), data: {} });
    const now = 1_800_000_000_000;
    const t = Math.floor(now / 1000);
    const header = `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
    expect(verifyWebhookSignature({ secret, body, header, now })).toBe(true);
    expect(verifyWebhookSignature({ secret, body: body + " ", header, now })).toBe(false);
    expect(verifyWebhookSignature({ secret: "whsec_other", body, header, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header, now: now + 301_000 })).toBe(false);
    // One hex digit of the signature changed (to another digit, whatever it was).
    const tampered = header.replace(/v1=(.)/, (_m, c: string) => `v1=${c === "0" ? "1" : "0"}`);
    expect(verifyWebhookSignature({ secret, body, header: tampered, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header: `t=${t}`, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, header: undefined, now })).toBe(false);
  });

  it("tells public addresses from private, loopback, link-local and reserved ones", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ["127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::a9fe:a9fe", "224.0.0.1", "255.255.255.255", "not-an-ip"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("refuses URLs that are not http(s), carry credentials or name a local host (attack)", () => {
    const refused = [
      "ftp://example.com/hook",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "gopher://example.com:6379/_FLUSHALL",
      "http://user:pass@example.com/hook",
      "http://127.0.0.1:6379/",
      "http://localhost:3000/api",
      "http://LOCALHOST./api",
      "http://app.localhost/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.1/",
      "http://0x7f000001/",
      "http://2130706433/",
      "http://0177.0.0.1/",
      "http://127.1/",
      "http://metadata.google.internal/",
      "http://redis/",
      "not a url",
    ];
    for (const url of refused) expect(webhookUrlProblem(url, false), url).not.toBeNull();
    expect(webhookUrlProblem("https://hooks.example.com/livemarket", false)).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:4000/hook", true)).toBeNull();
    expect(webhookUrlProblem("file:///etc/passwd", true)).not.toBeNull();
  });
});

describe.each(backends())("webhooks on %s", (backend) => {
  let t: TestDb;
  let now = Date.now();
  const clock = () => now;
  const receivers: Receiver[] = [];
  const workers: WebhookWorker[] = [];
  let admin: { id: string; role: string };
  let customerId: string;
  const stores: Record<"a" | "b", { id: string; sellerId: string; variantId: string }> = {} as never;

  async function makeStore(name: string) {
    const id = tag();
    const seller = await t.db.user.create({
      data: { email: `hook-${name}-${id}@example.com`, name, passwordHash: "x", role: "SELLER", store: { create: { name: `Hook ${name} ${id}`, slug: `hook-${name}-${id}` } } },
      select: { id: true, store: { select: { id: true } } },
    });
    // Like a store made by promoting a seller: it ships everywhere at the starting prices.
    await inTransaction(t.db, (tx) => createDefaultShipping(tx, seller.store!.id));
    const category = await t.db.category.findFirstOrThrow({ select: { id: true } });
    const p = await t.db.product.create({
      data: { storeId: seller.store!.id, categoryId: category.id, slug: `hook-${name}-${id}`, title: `Hook ${name}`, status: "ACTIVE", variants: { create: { sku: `HK-${name}-${id}`.toUpperCase(), title: "One", priceMinor: 1000, stock: 1000, currency: "USD" } } },
      select: { variants: { select: { id: true } } },
    });
    const variantId = p.variants[0]!.id;
    await t.db.inventoryMovement.create({ data: { variantId, delta: 1000, stockAfter: 1000, reason: "RESTOCK" } });
    return { id: seller.store!.id, sellerId: seller.id, variantId };
  }

  function worker(opts: Partial<ConstructorParameters<typeof WebhookWorker>[1]> = {}, db: Db = t.db) {
    const w = new WebhookWorker(db, { clock, random: () => 0.5, allowPrivate: true, timeoutMs: 30_000, logger: { info() {}, warn() {}, error() {} }, ...opts });
    workers.push(w);
    return w;
  }

  async function receiver() {
    const r = await new Receiver(clock).start();
    receivers.push(r);
    return r;
  }

  async function endpoint(r: Receiver, storeId: string | null, events: WebhookEventType[] = ["stock.changed"]) {
    const actor = storeId === null ? admin : { id: storeId === stores.a.id ? stores.a.sellerId : stores.b.sellerId, role: "SELLER" };
    const made = await inTransaction(t.db, (tx) => createWebhookEndpoint(tx, { actor, storeId, url: r.url, events }));
    r.secret = made.secret;
    return made.endpoint;
  }

  const adjust = (store: "a" | "b", delta = 1) =>
    inTransaction(t.db, (tx) => adjustStock(tx, { userId: stores[store].sellerId, storeId: stores[store].id }, { variantId: stores[store].variantId, delta, reason: "RESTOCK" }));

  const order = (lines: { variantId: string; quantity: number }[]) =>
    checkout(t.db, customerId, { idempotencyKey: `hook-${tag()}`, lines, delivery, payment: card });

  /** Drains every worker's pending work: new outbox rows first, so earlier tests' events are no
   * one's business here. */
  async function quiesce() {
    await worker().settle();
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    const a = await t.db.user.create({ data: { email: `hook-admin-${tag()}@example.com`, name: "Admin", passwordHash: "x", role: "ADMIN" }, select: { id: true, role: true } });
    admin = a;
    customerId = (await t.db.user.create({ data: { email: `hook-buyer-${tag()}@example.com`, name: "Buyer", passwordHash: "x" }, select: { id: true } })).id;
    stores.a = await makeStore("a");
    stores.b = await makeStore("b");
  });

  afterAll(async () => {
    for (const w of workers) await w.stop();
    for (const r of receivers) await r.close();
    await t?.close();
  });

  it("delivers a signed event with its id in a header, and logs it", async () => {
    await quiesce();
    const r = await receiver();
    const ep = await endpoint(r, stores.a.id);
    const delivered = async () => (await metrics.webhookDeliveries.get()).values.find((v) => v.labels.result === "delivered")?.value ?? 0;
    const before = await delivered();
    await adjust("a", 2);
    await worker().settle();
    expect(r.got).toHaveLength(1);
    const [g] = r.got;
    expect(g!.verified).toBe(true);
    expect(g!.eventId).toBe(g!.parsed.id);
    // The attempt is named for the logs (X-Request-Id) and counted (livemarket_webhook_deliveries_total).
    expect(g!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await delivered()).toBe(before + 1);
    expect(g!.parsed).toMatchObject({ type: "stock.changed", data: { variantId: stores.a.variantId, storeId: stores.a.id, delta: 2, reason: "RESTOCK" } });
    expect(Object.keys(g!.parsed).sort()).toEqual(["created", "data", "id", "type"]);
    const log = await listWebhookDeliveries(t.db, { storeId: stores.a.id, endpointId: ep.id });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ eventId: g!.parsed.id, eventType: "stock.changed", status: "DELIVERED", attempts: 1, lastStatus: 200, lastResponse: "ok", nextAttemptAt: null });
    expect(log.items[0]!.lastLatencyMs).toBeGreaterThanOrEqual(0);
    // The secret is stored encrypted, bound to its endpoint.
    const row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id }, select: { secret: true } });
    expect(row.secret).not.toContain(r.secret.slice(6));
    expect(openWebhookSecret(row.secret, ep.id)).toBe(r.secret);
    expect(openWebhookSecret(row.secret, "another-endpoint")).toBeNull();
    await inTransaction(t.db, (tx) => deleteWebhookEndpoint(tx, { actor: { id: stores.a.sellerId, role: "SELLER" }, storeId: stores.a.id, id: ep.id }));
  });

  it("retries while the receiver is down and delivers every event once it is up, with the same id and body", async () => {
    await quiesce();
    const r = await receiver();
    r.mode = "down";
    const ep = await endpoint(r, stores.a.id);
    for (let i = 0; i < 3; i++) await adjust("a", 1);
    const w = worker();
    // Down for 6 hours: a pass each simulated 30 minutes.
    for (let step = 0; step < 12; step++) {
      await w.settle();
      now += HOUR / 2;
    }
    const failedAttempts = r.got.length;
    expect(failedAttempts).toBeGreaterThanOrEqual(3 * 5);
    r.mode = "up";
    now += 3 * HOUR;
    await w.settle();
    const all = await t.db.webhookDelivery.findMany({ where: { endpointId: ep.id }, select: { eventId: true, body: true, status: true, attempts: true } });
    expect(all).toHaveLength(3);
    expect(all.every((d) => d.status === "DELIVERED" && d.attempts > 1)).toBe(true);
    const answered = r.got.slice(failedAttempts);
    expect(new Set(answered.map((g) => g.parsed.id))).toEqual(new Set(all.map((d) => d.eventId)));
    // Every attempt of an event carried the same id, header and body, each signed validly.
    for (const d of all) {
      const attempts = r.got.filter((g) => g.parsed.id === d.eventId);
      expect(attempts.length).toBeGreaterThan(1);
      for (const a of attempts) {
        expect(a.eventId).toBe(d.eventId);
        expect(a.body).toBe(d.body);
        expect(a.verified).toBe(true);
      }
    }
    const listed = await listWebhookEndpoints(t.db, { storeId: stores.a.id });
    expect(listed.find((e) => e.id === ep.id)).toMatchObject({ state: "active", failingSince: null });
  });

  it("gives up on a delivery 24 hours after its event", async () => {
    await quiesce();
    const r = await receiver();
    r.mode = "down";
    const ep = await endpoint(r, stores.b.id);
    await adjust("b");
    const w = worker();
    for (let step = 0; step < 14; step++) {
      await w.settle();
      now += 2 * HOUR;
    }
    await w.settle();
    const [d] = await t.db.webhookDelivery.findMany({ where: { endpointId: ep.id }, select: { status: true, attempts: true, lastStatus: true, lastResponse: true } });
    expect(d).toMatchObject({ status: "FAILED", lastStatus: 503, lastResponse: "maintenance" });
    const attempts = r.got.length;
    now += 10 * HOUR;
    await w.settle();
    expect(r.got.length).toBe(attempts);
  });

  it("disables an endpoint that has failed for 3 days, says why, and sends it nothing more", async () => {
    await quiesce();
    const r = await receiver();
    r.mode = "down";
    const ep = await endpoint(r, stores.b.id);
    const w = worker();
    const start = now;
    // New events keep coming every 12 hours; every attempt fails.
    while (now - start <= DISABLE_AFTER_MS + 2 * HOUR) {
      await adjust("b");
      for (let i = 0; i < 6; i++) {
        await w.settle();
        now += 2 * HOUR;
      }
    }
    await w.settle();
    const [view] = (await listWebhookEndpoints(t.db, { storeId: stores.b.id })).filter((e) => e.id === ep.id);
    expect(view).toMatchObject({ state: "disabled" });
    expect(view!.disabledReason).toMatch(/failed for 3 days.*Last error: receiver answered 503/);
    const seen = r.got.length;
    r.mode = "up";
    await adjust("b");
    now += 3 * HOUR;
    await w.settle();
    expect(r.got.length).toBe(seen);
    // Redelivering to a disabled endpoint is refused; enabling it sends what was pending.
    const [pending] = await t.db.webhookDelivery.findMany({ where: { endpointId: ep.id }, take: 1, select: { id: true } });
    const sellerB = { id: stores.b.sellerId, role: "SELLER" };
    expect((await appErrorOf(inTransaction(t.db, (tx) => redeliverWebhook(tx, { actor: sellerB, storeId: stores.b.id, deliveryId: pending!.id })))).code).toBe("CONFLICT");
    const enabled = await inTransaction(t.db, (tx) => enableWebhookEndpoint(tx, { actor: sellerB, storeId: stores.b.id, id: ep.id }));
    expect(enabled.state).toBe("active");
  });

  it("gives a store's endpoint its store's events only, and platform endpoints all of them", async () => {
    await quiesce();
    const [ra, rb, rp] = [await receiver(), await receiver(), await receiver()];
    const all: WebhookEventType[] = ["order.placed", "stock.changed", "order.status_changed", "order.cancelled", "price.changed", "product.updated"];
    await endpoint(ra, stores.a.id, all);
    await endpoint(rb, stores.b.id, all);
    await endpoint(rp, null, ["order.placed", "stock.changed"]);
    await order([{ variantId: stores.a.variantId, quantity: 1 }]);
    await adjust("b", 5);
    const mixed = await order([
      { variantId: stores.a.variantId, quantity: 1 },
      { variantId: stores.b.variantId, quantity: 2 },
    ]);
    await worker().settle();
    const stores_ = (r: Receiver) => new Set(r.got.map((g) => String(g.parsed.data.storeId ?? "platform")));
    // Store a: its two orders' shares and its stock changes, nothing of store b.
    expect(stores_(ra)).toEqual(new Set([stores.a.id]));
    expect(ra.got.filter((g) => g.parsed.type === "order.placed")).toHaveLength(2);
    expect(stores_(rb)).toEqual(new Set([stores.b.id]));
    expect(JSON.stringify(rb.got)).not.toContain(stores.a.id);
    const share = rb.got.find((g) => g.parsed.type === "order.placed")!.parsed.data;
    expect(share).toMatchObject({ orderId: mixed.id, storeId: stores.b.id, itemCount: 2 });
    // The platform: both whole orders (with every store's share) and every stock change.
    const placed = rp.got.filter((g) => g.parsed.type === "order.placed");
    expect(placed).toHaveLength(2);
    expect((placed.find((g) => g.parsed.data.orderId === mixed.id)!.parsed.data.stores as unknown[]).length).toBe(2);
    expect(rp.got.filter((g) => g.parsed.type === "stock.changed").length).toBe(ra.got.filter((g) => g.parsed.type === "stock.changed").length + rb.got.filter((g) => g.parsed.type === "stock.changed").length);
    expect([...ra.got, ...rb.got, ...rp.got].every((g) => g.verified)).toBe(true);
  });

  it("sends product.updated when a seller changes a product, and order.cancelled beside the status change", async () => {
    await quiesce();
    const r = await receiver();
    await endpoint(r, stores.b.id, ["product.updated"]);
    const product = await t.db.product.findFirstOrThrow({ where: { storeId: stores.b.id }, select: { id: true, version: true } });
    const actor = { userId: stores.b.sellerId, storeId: stores.b.id };
    await inTransaction(t.db, (tx) => setProductStatus(tx, actor, { id: product.id, status: "DRAFT", expectedVersion: product.version }));
    await inTransaction(t.db, (tx) => setProductStatus(tx, actor, { id: product.id, status: "ACTIVE", expectedVersion: product.version + 1 }));
    await worker().settle();
    // Sent concurrently: in any order (the version orders them).
    const seen = r.got.map((g) => [g.parsed.type, g.parsed.data.status, g.parsed.data.version, g.parsed.data.change] as const);
    expect(seen.sort((x, y) => Number(x[2]) - Number(y[2]))).toEqual([
      ["product.updated", "DRAFT", product.version + 1, "status"],
      ["product.updated", "ACTIVE", product.version + 2, "status"],
    ]);
    const rc = await receiver();
    await endpoint(rc, stores.a.id, ["order.status_changed", "order.cancelled"]);
    const placed = await order([{ variantId: stores.a.variantId, quantity: 1 }]);
    await inTransaction(t.db, (tx) => cancelMyOrder(tx, customerId, placed.id));
    await worker().settle();
    const got = rc.got.map((g) => g.parsed);
    expect(got.map((g) => g.type).sort()).toEqual(["order.cancelled", "order.status_changed"]);
    expect(got.every((g) => g.data.orderId === placed.id && g.data.to === "CANCELLED")).toBe(true);
    expect(got[0]!.id).not.toBe(got[1]!.id);
  });

  it("redelivers a delivery with the same event id, for its owner only", async () => {
    await quiesce();
    const r = await receiver();
    const ep = await endpoint(r, stores.a.id);
    await adjust("a");
    const w = worker();
    await w.settle();
    const [d] = (await listWebhookDeliveries(t.db, { storeId: stores.a.id, endpointId: ep.id })).items;
    const sellerA = { id: stores.a.sellerId, role: "SELLER" };
    // Store b names store a's delivery and endpoint: not found, nothing queued.
    const sellerB = { id: stores.b.sellerId, role: "SELLER" };
    expect((await appErrorOf(inTransaction(t.db, (tx) => redeliverWebhook(tx, { actor: sellerB, storeId: stores.b.id, deliveryId: d!.id })))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(listWebhookDeliveries(t.db, { storeId: stores.b.id, endpointId: ep.id }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(inTransaction(t.db, (tx) => deleteWebhookEndpoint(tx, { actor: sellerB, storeId: stores.b.id, id: ep.id })))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(inTransaction(t.db, (tx) => redeliverWebhook(tx, { actor: sellerA, storeId: null, deliveryId: d!.id })))).code).toBe("FORBIDDEN");
    await w.settle();
    expect(r.got).toHaveLength(1);
    await inTransaction(t.db, (tx) => redeliverWebhook(tx, { actor: sellerA, storeId: stores.a.id, deliveryId: d!.id }));
    await w.settle();
    expect(r.got).toHaveLength(2);
    expect(r.got[1]!.parsed.id).toBe(r.got[0]!.parsed.id);
    expect(r.got[1]!.body).toBe(r.got[0]!.body);
    const [after] = (await listWebhookDeliveries(t.db, { storeId: stores.a.id, endpointId: ep.id })).items;
    expect(after).toMatchObject({ status: "DELIVERED", attempts: 2 });
  });

  it("a hanging receiver holds only its own deliveries: others are delivered and orders are placed meanwhile", async () => {
    await quiesce();
    const hang = await receiver();
    hang.mode = "hang";
    const ok = await receiver();
    await endpoint(hang, stores.a.id, ["order.placed", "stock.changed"]);
    await endpoint(ok, stores.b.id, ["order.placed", "stock.changed"]);
    const w = worker({ concurrency: 4, perEndpoint: 2, pollMs: 60_000 });
    for (let i = 0; i < 6; i++) await adjust("a");
    await adjust("b");
    void w.kick();
    await hang.requests(2);
    await ok.requests(1);
    expect(ok.got[0]!.verified).toBe(true);
    // While two attempts hang, an order commits and its events reach the other endpoint.
    const placed = await order([{ variantId: stores.b.variantId, quantity: 1 }]);
    void w.kick();
    await ok.until(() => ok.got.some((g) => g.parsed.type === "order.placed" && g.parsed.data.orderId === placed.id));
    expect(hang.hangingCount).toBe(2);
    hang.mode = "up";
    hang.release();
    await w.settle();
  });

  it("refuses private and local URLs when they are not allowed, and writes nothing (attack)", async () => {
    const before = await t.db.webhookEndpoint.count();
    for (const url of ["http://127.0.0.1:6379/", "http://localhost/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:80/", "file:///etc/passwd", "http://0x7f000001/"]) {
      const err = await appErrorOf(inTransaction(t.db, (tx) => createWebhookEndpoint(tx, { actor: admin, storeId: null, url, events: ["order.placed"] }, { allowPrivate: false })));
      expect(err.code, url).toBe("VALIDATION");
      expect(err.fieldErrors?.url, url).toBeDefined();
    }
    // A seller cannot make a platform endpoint.
    const seller = { id: stores.a.sellerId, role: "SELLER" };
    expect((await appErrorOf(inTransaction(t.db, (tx) => createWebhookEndpoint(tx, { actor: seller, storeId: null, url: "https://example.com/x", events: ["order.placed"] })))).code).toBe("FORBIDDEN");
    expect(await t.db.webhookEndpoint.count()).toBe(before);
  });

  it("checks the address each delivery connects to: a name that resolves to loopback is refused (DNS rebinding)", async () => {
    await quiesce();
    const r = await receiver();
    // Saved while private addresses were allowed (or while the name resolved elsewhere)…
    const ep = await endpoint(r, stores.a.id);
    await t.db.webhookEndpoint.update({ where: { id: ep.id }, data: { url: r.url.replace("127.0.0.1", "localhost") } });
    const literal = await endpoint(await receiver(), stores.a.id);
    await adjust("a");
    // …delivered by a worker that does not allow them.
    await worker({ allowPrivate: false }).settle();
    expect(r.got).toHaveLength(0);
    const rows = await t.db.webhookDelivery.findMany({ where: { endpointId: { in: [ep.id, literal.id] } }, select: { lastError: true, status: true } });
    expect(rows).toHaveLength(2);
    for (const d of rows) expect(d).toMatchObject({ status: "PENDING", lastError: expect.stringMatching(/^refused/) });
  });

  it("two workers on one database send each event once", async () => {
    await quiesce();
    const r = await receiver();
    await endpoint(r, stores.a.id);
    for (let i = 0; i < 20; i++) await adjust("a");
    let second: TestDb | null = null;
    let otherDb = t.db;
    if (backend === "postgres") {
      const { openDb } = await import("@/server/db/client");
      const h = await openDb({ url: t.url! }, { poolSize: 5 });
      otherDb = h.db;
      second = { backend, db: h.db, close: () => h.close() };
    }
    await Promise.all([worker({}, t.db).settle(), worker({}, otherDb).settle()]);
    expect(r.got).toHaveLength(20);
    expect(new Set(r.got.map((g) => g.parsed.id)).size).toBe(20);
    await second?.close();
  });
});
