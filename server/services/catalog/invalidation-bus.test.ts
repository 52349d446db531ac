// Several app instances over one Redis (decisions.md 126), on both backends: two catalogue caches
// in this process stand for two instances, each with its own Redis subscriber; B hears of
// changes only through Redis. Once a writer on A has returned (its commit published), B never
// serves the older price; a change B could not hear of (its feed down, or a writer without the
// bus) is never served stale either: B reads through while its feed is down and starts empty
// when it is back, and the relay publishes every outbox batch's tags again.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inTransaction } from "@/server/db/transaction";
import { backends, openTestDb, type TestDb } from "@/test/backends";
import { countingDb, deferred } from "@/test/db-helpers";
import { createCaller } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { metrics } from "@/server/observability/metrics";
import { OutboxRelay } from "@/server/realtime/relay";
import { changePrice } from "@/server/services/inventory/variant-change";
import { createProduct } from "@/server/services/product-editor/save-product";
import { CatalogCache, setCatalogCacheFor } from "./catalog-cache";
import { setCatalogInvalidationBus } from "./catalog-invalidation";
import { createRedisBus, localBus, type CatalogInvalidationBus, type RedisBus } from "./invalidation-bus";

const redisUrl = inject("redisUrl");



describe.runIf(redisUrl).each(backends())("catalogue cache across instances over Redis on %s", (backend) => {
  let t: TestDb;
  let busA: RedisBus;
  let busB: RedisBus;
  let previousBus: CatalogInvalidationBus | null;
  let a: ReturnType<typeof countingDb>;
  let b: ReturnType<typeof countingDb>;
  let onA: ReturnType<typeof createCaller>;
  let onB: ReturnType<typeof createCaller>;
  let seller: { userId: string; storeId: string };
  let categoryId: string;
  let seq = 0;
  const channel = `livemarket:catalog:test:${randomUUID()}`;

  beforeAll(async () => {
    t = await openTestDb(backend);
    busA = createRedisBus({ redisUrl: redisUrl!, channel });
    busB = createRedisBus({ redisUrl: redisUrl!, channel });
    // This process's writers publish on A's bus, as an instance's would.
    previousBus = setCatalogInvalidationBus(busA);
    a = countingDb(t.db);
    b = countingDb(t.db);
    setCatalogCacheFor(a.db, new CatalogCache({ bus: busA, maxEntries: 1000 }));
    // B stands for another process: it does not hear this process's commits directly.
    setCatalogCacheFor(b.db, new CatalogCache({ bus: busB, joinProcess: false, maxEntries: 1000 }));
    onA = createCaller(createContextInner({ db: a.db }));
    onB = createCaller(createContextInner({ db: b.db }));
    const u = await t.db.user.findUniqueOrThrow({ where: { email: "seller1@livemarket.test" }, select: { id: true, store: { select: { id: true } } } });
    seller = { userId: u.id, storeId: u.store!.id };
    categoryId = (await t.db.category.findFirstOrThrow({ where: { parentId: { not: null } }, select: { id: true } })).id;
    await Promise.all([busA.ready(), busB.ready()]);
  });
  afterAll(async () => {
    setCatalogInvalidationBus(previousBus);
    setCatalogCacheFor(a.db, null);
    setCatalogCacheFor(b.db, null);
    await Promise.all([busA?.close(), busB?.close()]);
    await t?.close();
  });

  async function newProduct() {
    const tag = `${backend}-bus-${++seq}`;
    return inTransaction(t.db, (tx) =>
      createProduct(tx, seller, {
        title: `Busline Kettle ${tag}`,
        slug: `busline-kettle-${tag}`,
        description: "A kettle.",
        brand: "Busline",
        categoryId,
        images: ["/images/placeholder.svg"],
        status: "ACTIVE",
        variants: [{ sku: `BK-${tag}`, title: "Steel", options: [{ name: "finish", value: "steel" }], priceMinor: 3000, lowStockThreshold: 1, initialStock: 5 }],
      }),
    );
  }
  const setPrice = (variantId: string, priceMinor: number) => inTransaction(t.db, (tx) => changePrice(tx, { variantId, priceMinor }, { actorId: null }));
  const priceOn = async (caller: typeof onB, slug: string) => (await caller.catalog.bySlug({ slug })).variants[0]!;

  /** Reads on B twice; the second must come from B's memory. */
  async function cachedOnB(slug: string) {
    await priceOn(onB, slug);
    const before = b.queries();
    const v = await priceOn(onB, slug);
    expect(b.queries()).toBe(before);
    return v;
  }

  it("once a writer has returned, the other instance never serves the older price", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    for (let i = 1; i <= 8; i++) {
      expect((await cachedOnB(p.slug)).priceMinor).toBe(i === 1 ? 3000 : 3000 + i - 1);
      await priceOn(onA, p.slug);
      await setPrice(v.id, 3000 + i); // returns after its invalidation was published
      expect((await priceOn(onB, p.slug)).priceMinor).toBe(3000 + i);
      expect((await priceOn(onA, p.slug)).priceMinor).toBe(3000 + i);
    }
  });

  it("a change B may have missed while its subscriber was cut off is never served: it reads through, then starts empty", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    expect((await cachedOnB(p.slug)).priceMinor).toBe(3000);
    const admin = new Redis(redisUrl!);
    try {
      const line = String(await admin.client("LIST")).split("\n").find((l: string) => l.includes(`name=${busB.connectionName}`));
      expect(line).toBeDefined();
      await admin.client("KILL", "ID", /\bid=(\d+)/.exec(line!)![1]!);
    } finally {
      admin.disconnect();
    }
    // Published while B's feed is down (or coming back): B cannot have heard of it.
    await setPrice(v.id, 3333);
    expect((await priceOn(onB, p.slug)).priceMinor).toBe(3333);
    await busB.ready();
    expect((await cachedOnB(p.slug)).priceMinor).toBe(3333);
  });

  it("without a feed at all (Redis unreachable) every read goes to the database and nothing is kept", async () => {
    const p = await newProduct();
    const down = createRedisBus({ redisUrl: "redis://127.0.0.1:1", channel });
    const c = countingDb(t.db);
    setCatalogCacheFor(c.db, new CatalogCache({ bus: down, joinProcess: false, maxEntries: 1000 }));
    const onC = createCaller(createContextInner({ db: c.db }));
    const bypassed = async () => (await metrics.catalogCacheLookups.get()).values.find((x) => x.labels.read === "bySlug" && x.labels.result === "bypass")?.value ?? 0;
    try {
      const before = await bypassed();
      for (let i = 0; i < 3; i++) {
        const q = c.queries();
        await priceOn(onC, p.slug);
        expect(c.queries()).toBeGreaterThan(q);
      }
      expect(await bypassed()).toBe(before + 3);
    } finally {
      setCatalogCacheFor(c.db, null);
      await down.close();
    }
  });

  it("a writer that could not publish (another process without the bus) is caught up by the relay's pass over its outbox rows", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    expect((await cachedOnB(p.slug)).priceMinor).toBe(3000);
    // Stands for the CLI on another machine without REDIS_URL: it commits, tells nobody.
    setCatalogInvalidationBus(localBus);
    try {
      await setPrice(v.id, 3777);
    } finally {
      setCatalogInvalidationBus(busA);
    }
    expect((await priceOn(onB, p.slug)).priceMinor).toBe(3000); // the gap the relay closes
    const relay = new OutboxRelay(t.db, { kind: "http", publish: () => Promise.resolve(), close: () => Promise.resolve() }, { pollMs: 60_000 });
    await relay.kick();
    await relay.stop();
    expect((await priceOn(onB, p.slug)).priceMinor).toBe(3777);
  });

  it("under concurrent price changes on A, every read on B that began after a change returned shows it or a newer one", async () => {
    const p = await newProduct();
    const v = p.variants[0]!;
    const WRITES = 25;
    const base = (await t.db.variant.findUniqueOrThrow({ where: { id: v.id }, select: { version: true } })).version;
    let committed = base;
    let writing = true;
    let reads = 0;
    let stale = 0;
    let readAfterWrite = deferred();
    const writer = (async () => {
      try {
        for (let i = 1; i <= WRITES; i++) {
          const row = await setPrice(v.id, 3000 + i);
          committed = Math.max(committed, row!.version);
          await readAfterWrite.promise;
          readAfterWrite = deferred();
        }
      } finally {
        writing = false;
      }
    })();
    const reader = async () => {
      while (writing) {
        await new Promise(setImmediate);
        const floor = committed;
        const seen = await priceOn(onB, p.slug);
        reads++;
        if (seen.version < floor) stale++;
        expect(seen.priceMinor).toBe(3000 + seen.version - base);
        if (floor === committed) readAfterWrite.resolve();
      }
    };
    await Promise.all([writer, reader(), reader(), reader()]);
    expect(reads).toBeGreaterThanOrEqual(WRITES);
    expect(stale).toBe(0);
  });
});
