// The catalogue fast lane (server/http/catalog-lane.ts) on both backends, over real HTTP: a server
// that asks the lane first and otherwise runs the app's own tRPC handler (server/api/http.ts) on
// the same database, as scripts/app-server.ts does with Next.js. What a client sees must not
// depend on who answered: same status, body, ETag and caching headers; a change committed before
// the request is never hidden by the lane; and whatever the lane is not sure of goes to tRPC.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { trpcHttpHandler } from "@/server/api/http";
import { createContextInner } from "@/server/api/trpc";
import { inTransaction } from "@/server/db/transaction";
import { createLimits } from "@/server/limits/limits";
import { metrics } from "@/server/observability/metrics";
import { CatalogCache, setCatalogCacheFor } from "@/server/services/catalog/catalog-cache";
import { changePrice } from "@/server/services/inventory/variant-change";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { createCatalogLane, laneRequest } from "./catalog-lane";

const ANSWERED_BY = "x-test-answered-by";
const procedureCalls = async (name: string) =>
  (await metrics.procedureCalls.get()).values.find((v) => v.labels.api === "trpc" && v.labels.name === name && v.labels.outcome === "ok")?.value ?? 0;

describe("which requests the lane may answer", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => laneRequest({ method, url, headers } as IncomingMessage);
  const input = (v: unknown) => encodeURIComponent(JSON.stringify({ json: v }));

  it("a single catalogue read over GET, with its input as tRPC decodes it", () => {
    expect(req(`/api/trpc/catalog.list?input=${input({ limit: 20 })}`)).toEqual({ read: "list", raw: { limit: 20 } });
    expect(req("/api/trpc/catalog.categories")).toEqual({ read: "categories", raw: undefined });
    expect(req(`/api/trpc/catalog.search?input=${input({ q: "coat" })}`)).toEqual({ read: "search", raw: { q: "coat" } });
  });

  it("nothing else: other procedures, batches, other methods, streamed answers, malformed input, a signed-in search", () => {
    expect(req(`/api/trpc/cart.get`)).toBeNull();
    expect(req(`/api/trpc/catalog.nope`)).toBeNull();
    expect(req(`/api/trpc/catalog.list,catalog.categories?batch=1&input=%7B%7D`)).toBeNull();
    expect(req(`/api/trpc/catalog.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: {} } }))}`)).toBeNull();
    expect(req(`/api/trpc/catalog.list?input=${input({})}&input=${input({})}`)).toBeNull();
    expect(req(`/api/trpc/catalog.list?input=${input({})}`, {}, "POST")).toBeNull();
    expect(req(`/api/trpc/catalog.list?input=${input({})}`, {}, "HEAD")).toBeNull();
    expect(req(`/api/trpc/catalog.list?input=${input({})}`, { "trpc-accept": "application/jsonl" })).toBeNull();
    expect(req(`/api/trpc/catalog.list?input=${input({})}`, { accept: "application/jsonl" })).toBeNull();
    expect(req(`/api/trpc/catalog.list?input=%7Bnot-json`)).toBeNull();
    expect(req(`/api/trpc/catalog.search?input=${input({})}`, { cookie: "next-auth.session-token=abc" })).toBeNull();
    // A signed-in shopper's list is the same as anyone's: no per-user limit there.
    expect(req(`/api/trpc/catalog.list?input=${input({})}`, { cookie: "next-auth.session-token=abc" })).not.toBeNull();
  });
});

describe.each(backends())("the catalogue lane on %s", (backend) => {
  let t: TestDb;
  let server: Server;
  let base: string;
  let limits = createLimits({ redis: null });
  let slug: string;
  let variant: { id: string };
  let seller: { userId: string };

  const trpc = trpcHttpHandler(async () => createContextInner({ db: t.db, clientAddress: "198.51.100.7", limits }));

  /** What the app server does: the lane, else tRPC (standing in for Next.js's route). */
  async function answer(req: IncomingMessage, res: ServerResponse) {
    if (await lane.serve(req, res)) return;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const r = await trpc(new Request(new URL(req.url!, base), { method: req.method, headers }));
    const out: Record<string, string> = { [ANSWERED_BY]: "trpc" };
    r.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(r.status, out).end(Buffer.from(await r.arrayBuffer()));
  }
  const lane = createCatalogLane({ db: () => Promise.resolve(t.db), limits: () => limits, clientAddress: () => "198.51.100.7" });

  const get = async (proc: string, input?: unknown, headers: Record<string, string> = {}) => {
    const url = `${base}/api/trpc/${proc}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
    const res = await fetch(url, { headers });
    return { status: res.status, by: res.headers.get(ANSWERED_BY) ?? "lane", headers: res.headers, body: await res.text() };
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    server = createServer((req, res) => void answer(req, res));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const p = await t.db.product.findFirstOrThrow({
      where: { status: "ACTIVE", deletedAt: null, variants: { some: { stock: { gt: 0 } } } },
      select: { slug: true, store: { select: { ownerId: true } }, variants: { select: { id: true }, take: 1 } },
    });
    slug = p.slug;
    variant = p.variants[0]!;
    seller = { userId: p.store.ownerId };
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    setCatalogCacheFor(t.db, null);
    await t?.close();
  });
  beforeEach(() => {
    setCatalogCacheFor(t.db, new CatalogCache({ maxEntries: 1000 }));
    limits = createLimits({ redis: null });
  });

  it("a cached read is answered by the lane with the same status, body, ETag and caching headers tRPC sent", async () => {
    for (const [proc, input] of [
      ["catalog.list", { limit: 5 }],
      ["catalog.search", { limit: 5 }],
      ["catalog.search", { q: "coat", limit: 5 }],
      ["catalog.bySlug", { slug }],
      ["catalog.featured", {}],
      ["catalog.categories", undefined],
    ] as const) {
      const first = await get(proc, input);
      expect([proc, first.status, first.by]).toEqual([proc, 200, "trpc"]);
      const calls = await procedureCalls(proc);
      const again = await get(proc, input);
      expect([proc, again.status, again.by]).toEqual([proc, 200, "lane"]);
      expect(again.body, proc).toBe(first.body);
      for (const h of ["etag", "cache-control", "content-type"]) expect([proc, h, again.headers.get(h)]).toEqual([proc, h, first.headers.get(h)]);
      // Counted as the procedure it answers for (dashboards see one series either way).
      expect(await procedureCalls(proc)).toBe(calls + 1);
      // The security headers proxy.ts gives every response, with a nonce of its own.
      expect(again.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
      expect(again.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("the same input asked differently is the same answer (null cursor, defaults)", async () => {
    await get("catalog.list", { limit: 24 });
    const same = await get("catalog.list", { cursor: null });
    expect(same.by).toBe("lane");
  });

  it("If-None-Match with the current ETag is a 304 without a body; a stale one gets the body", async () => {
    const first = await get("catalog.bySlug", { slug });
    const etag = first.headers.get("etag")!;
    const revalidated = await get("catalog.bySlug", { slug }, { "if-none-match": etag });
    expect([revalidated.status, revalidated.by, revalidated.body]).toEqual([304, "lane", ""]);
    expect(revalidated.headers.get("etag")).toBe(etag);
    const stale = await get("catalog.bySlug", { slug }, { "if-none-match": '"old"' });
    expect([stale.status, stale.body]).toEqual([200, first.body]);
  });

  it("a price committed before the request is never hidden: the lane steps aside and the new price is served", async () => {
    const before = await get("catalog.bySlug", { slug });
    expect((await get("catalog.bySlug", { slug })).by).toBe("lane");
    const current = await t.db.variant.findUniqueOrThrow({ where: { id: variant.id }, select: { priceMinor: true } });
    const next = current.priceMinor + 101;
    await inTransaction(t.db, (tx) => changePrice(tx, { variantId: variant.id, priceMinor: next }, { actorId: seller.userId }));
    const after = await get("catalog.bySlug", { slug });
    expect(after.by).toBe("trpc");
    expect(after.body).not.toBe(before.body);
    expect(after.body).toContain(`"priceMinor":${next}`);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    // ...and is then cached again, by the lane.
    const cached = await get("catalog.bySlug", { slug });
    expect([cached.by, cached.body]).toEqual(["lane", after.body]);
  });

  it("invalid input, an unknown product, a batch: tRPC answers (with its 4xx), nothing is cached", async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await get("catalog.list", { limit: 0 });
      expect([bad.status, bad.by]).toEqual([400, "trpc"]);
      const missing = await get("catalog.bySlug", { slug: "no-such-product" });
      expect([missing.status, missing.by]).toEqual([404, "trpc"]);
    }
  });

  it("the search limit counts the lane's answers: past it, tRPC answers 429 with Retry-After", async () => {
    limits = createLimits({ redis: null, rules: { "search.ip": { points: 3, duration: 60 } } });
    const statuses: [number, string][] = [];
    for (let i = 0; i < 5; i++) {
      const r = await get("catalog.search", { limit: 3 });
      statuses.push([r.status, r.by]);
      if (r.status === 429) expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([
      [200, "trpc"],
      [200, "lane"],
      [200, "lane"],
      [429, "trpc"],
      [429, "trpc"],
    ]);
  });
});
