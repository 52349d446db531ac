// Recommendations benchmark (npm run bench:recs), on a throwaway seeded PGlite folder and, when
// 127.0.0.1:5432 answers, a throwaway seeded PostgreSQL database (bench/lib/bench-db.ts):
//  1. The incremental update: ORDERS orders of 1-4 lines placed (checkout, cash on delivery), then
//     the worker applies their outbox events as one backlog: ms and statements per order, beside
//     the baseline of the same run, the checkout itself (ms per order). Then SINGLES orders with
//     the worker kicked after each (as the app does: batches of one). Then CANCELS of the first
//     orders cancelled and applied.
//     The full rebuild's time, for scale.
//  2. The reads, each READS times over the seeded products, interleaved: p50/p99 of "frequently
//     bought together" (one product; a cart of 3), "similar products", "for you" (the demo
//     shoppers), beside the baseline of the same run: the product page's own read
//     (getProductBySlug, uncached).
// Stock is checked at read time and nothing is cached (decision 179): these are the real costs.
//   --orders 100 --singles 30 --cancels 30 --reads 100 --no-postgres
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type DbHandle } from "@/server/db/client";
import { migrateTarget } from "@/server/db/setup";
import { inTransaction } from "@/server/db/transaction";
import { DEMO_ACCOUNTS, seedDatabase } from "@/prisma/seed/seed";
import { getProductBySlug } from "@/server/services/catalog/get-product";
import { checkout } from "@/server/services/orders/checkout";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { rebuildRecommendations } from "@/server/services/recommendations/pairs";
import { forYou, frequentlyBoughtTogether, similarProducts } from "@/server/services/recommendations/reads";
import { RecsWorker } from "@/server/services/recommendations/worker";
import { countingDb } from "@/test/db-helpers";
import { createBenchDb } from "./lib/bench-db";
import { percentile, rng, round } from "./lib/load";
import { boolFlag, intFlag, machineInfo, parseFlags, printTable, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const ORDERS = intFlag(flags, "orders", 100);
const CANCELS = intFlag(flags, "cancels", 30);
const READS = intFlag(flags, "reads", 100);
const SINGLES = intFlag(flags, "singles", 30);
const POSTGRES = boolFlag(flags, "postgres", true);

const delivery = { name: "Bench Buyer", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "bench@example.com" };

interface Result {
  backend: string;
  orders: number;
  checkoutMsPerOrder: number;
  applyMsPerOrder: number;
  applyStatementsPerOrder: number;
  singles: number;
  singleApplyMsPerOrder: number;
  singleApplyStatementsPerOrder: number;
  cancels: number;
  cancelApplyMsPerOrder: number;
  cancelApplyStatementsPerOrder: number;
  rebuildMs: number;
  pairs: number;
  reads: Record<string, { p50: number; p99: number; n: number; avgCards: number }>;
}

async function run(backend: string, handle: DbHandle): Promise<Result> {
  const db = handle.db;
  const r = rng(42);
  const products = await db.product.findMany({
    where: { status: "ACTIVE", deletedAt: null, variants: { some: { stock: { gt: 20 } } } },
    select: { id: true, slug: true, variants: { where: { stock: { gt: 20 } }, select: { id: true }, take: 1 } },
    orderBy: { id: "asc" },
  });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.customer.email }, select: { id: true } });
  const pick = () => products[Math.floor(r() * products.length)]!;

  // 1. Orders, then the worker's pass over their events.
  const placed: string[] = [];
  let t0 = performance.now();
  for (let i = 0; i < ORDERS; i++) {
    const lines = new Map<string, number>();
    for (let k = 1 + Math.floor(r() * 4); k > 0; k--) lines.set(pick().variants[0]!.id, 1);
    const o = await checkout(db, buyer.id, {
      idempotencyKey: `bench-recs-${Date.now()}-${i}`,
      lines: [...lines.keys()].map((variantId) => ({ variantId, quantity: 1 })),
      delivery,
      payment: { method: "cod" },
    });
    placed.push(o.id);
  }
  const checkoutMs = performance.now() - t0;
  const counted = countingDb(db);
  const worker = new RecsWorker(counted.db, { batchSize: 100 });
  t0 = performance.now();
  await worker.kick();
  const applyMs = performance.now() - t0;
  const applyQueries = counted.queries();

  // As the app runs it: the worker kicked after each order's commit, so a batch of one.
  let singleMs = 0;
  const singleBefore = counted.queries();
  for (let i = 0; i < SINGLES; i++) {
    await checkout(db, buyer.id, {
      idempotencyKey: `bench-recs-single-${Date.now()}-${i}`,
      lines: [pick(), pick()].map((p) => ({ variantId: p.variants[0]!.id, quantity: 1 })).filter((l, j, all) => all.findIndex((x) => x.variantId === l.variantId) === j),
      delivery,
      payment: { method: "cod" },
    });
    const s = performance.now();
    await worker.kick();
    singleMs += performance.now() - s;
  }
  const singleQueries = counted.queries() - singleBefore;

  for (const id of placed.slice(0, CANCELS)) await inTransaction(db, (tx) => cancelMyOrder(tx, buyer.id, id));
  const before = counted.queries();
  t0 = performance.now();
  await worker.kick();
  const cancelMs = performance.now() - t0;
  const cancelQueries = counted.queries() - before;

  t0 = performance.now();
  const rebuilt = await inTransaction(db, (tx) => rebuildRecommendations(tx), { timeout: 120_000 });
  const rebuildMs = performance.now() - t0;

  // 2. Reads, interleaved so background load falls on all alike.
  const shoppers = await db.user.findMany({ where: { orders: { some: {} } }, select: { id: true }, take: 6 });
  const reads: Record<string, (i: number) => Promise<unknown>> = {
    "baseline: product by slug": (i) => getProductBySlug(db, { slug: products[i % products.length]!.slug }),
    "together (product)": (i) => frequentlyBoughtTogether(db, { productIds: [products[i % products.length]!.id] }),
    "together (cart of 3)": (i) => frequentlyBoughtTogether(db, { productIds: [0, 7, 13].map((d) => products[(i + d) % products.length]!.id) }),
    similar: (i) => similarProducts(db, { productId: products[i % products.length]!.id }),
    "for you": (i) => forYou(db, shoppers[i % shoppers.length]!.id),
  };
  const times: Record<string, number[]> = {};
  const cards: Record<string, number> = {};
  for (const name of Object.keys(reads)) await reads[name]!(0); // warm
  for (let i = 0; i < READS; i++) {
    for (const [name, fn] of Object.entries(reads)) {
      const s = performance.now();
      const out = await fn(i);
      (times[name] ??= []).push(performance.now() - s);
      if (Array.isArray(out)) cards[name] = (cards[name] ?? 0) + out.length;
    }
  }
  return {
    backend,
    orders: ORDERS,
    checkoutMsPerOrder: round(checkoutMs / ORDERS),
    applyMsPerOrder: round(applyMs / ORDERS),
    applyStatementsPerOrder: round(applyQueries / ORDERS),
    singles: SINGLES,
    singleApplyMsPerOrder: round(singleMs / Math.max(1, SINGLES)),
    singleApplyStatementsPerOrder: round(singleQueries / Math.max(1, SINGLES)),
    cancels: CANCELS,
    cancelApplyMsPerOrder: round(cancelMs / Math.max(1, CANCELS)),
    cancelApplyStatementsPerOrder: round(cancelQueries / Math.max(1, CANCELS)),
    rebuildMs: round(rebuildMs),
    pairs: rebuilt.pairs,
    reads: Object.fromEntries(
      Object.entries(times).map(([k, v]) => [k, { p50: round(percentile(v, 50)), p99: round(percentile(v, 99)), n: v.length, avgCards: round((cards[k] ?? 0) / v.length, 1) }]),
    ),
  };
}

async function main() {
  const load = os.loadavg()[0]!;
  console.log(`machine: ${os.cpus().length} cpus, load ${load.toFixed(2)}`);
  const results: Result[] = [];

  const dir = mkdtempSync(path.join(os.tmpdir(), "lm-bench-recs-"));
  try {
    const target = { pgliteDir: path.join(dir, "pglite") };
    const handle = await openDb(target);
    try {
      await migrateTarget(target, handle);
      await seedDatabase(handle.db);
      results.push(await run("pglite", handle));
    } finally {
      await handle.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (POSTGRES) {
    let bench: Awaited<ReturnType<typeof createBenchDb>> | null = null;
    try {
      bench = await createBenchDb();
    } catch (err) {
      console.log(`PostgreSQL not available (${err instanceof Error ? err.message : String(err)}): PGlite only`);
    }
    if (bench) {
      const handle = await openDb({ url: bench.url }, { poolSize: 4 });
      try {
        results.push(await run("postgres", handle));
      } finally {
        await handle.close();
        await bench.drop();
      }
    }
  }

  printTable(
    ["backend", "checkout ms/order (baseline)", "backlog apply ms/order", "backlog stmts/order", "one-by-one apply ms/order", "one-by-one stmts/order", "cancel apply ms/order", "cancel stmts/order", "rebuild ms", "pairs"],
    results.map((x) => [x.backend, x.checkoutMsPerOrder, x.applyMsPerOrder, x.applyStatementsPerOrder, x.singleApplyMsPerOrder, x.singleApplyStatementsPerOrder, x.cancelApplyMsPerOrder, x.cancelApplyStatementsPerOrder, x.rebuildMs, x.pairs]),
  );
  printTable(
    ["read", ...results.flatMap((x) => [`${x.backend} p50 ms`, `${x.backend} p99 ms`]), "cards"],
    Object.keys(results[0]!.reads).map((k) => [k, ...results.flatMap((x) => [x.reads[k]!.p50, x.reads[k]!.p99]), results[0]!.reads[k]!.avgCards]),
  );
  const file = writeResults("recommendations", { machine: { ...machineInfo(), loadAvg1: load }, config: { ORDERS, SINGLES, CANCELS, READS }, results });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
