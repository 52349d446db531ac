// REST API benchmark (npm run bench:api), on a throwaway PostgreSQL database:
//  1. GET /api/v1/products (limit 24) beside its tRPC equivalent GET /api/trpc/catalog.search
//     (the same service, searchProducts), and GET /api/v1/products/{slug} beside
//     catalog.bySlug, over HTTP on loopback, in interleaved rounds (the order rotates every
//     round, so background load falls on both alike). Both are served by one node:http server
//     in this process over the real handlers: the REST dispatcher the app's /api/v1 route runs
//     (createRestHandler over REST_OPERATIONS) and tRPC's fetch adapter with appRouter, on one
//     Prisma client; Next.js is not in the path (bench/catalog.ts measures its cost).
//  2. POST /api/v1/orders: orders/s with customer access tokens (one customer per worker) and a
//     fresh Idempotency-Key per order (1 unit of a random in-stock variant, cash on delivery),
//     then replays (the same key and body again: the first answer, no new order).
//   --concurrency 16   --seconds 4 (per slice)   --rounds 3   --orders 1500
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContextInner } from "@/server/api/trpc";
import { createRestHandler } from "@/server/api/rest/dispatch";
import { REST_OPERATIONS } from "@/server/api/rest/operations";
import { openDb } from "@/server/db/client";
import { createLimits } from "@/server/limits/limits";
import { createBenchDb } from "./lib/bench-db";
import { checkQuiet } from "./lib/cpu";
import { mergeLoads, runLoad, summarize, type LoadResult } from "./lib/load";
import { intFlag, machineInfo, parseFlags, printTable, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const CONCURRENCY = intFlag(flags, "concurrency", 16);
const SECONDS = intFlag(flags, "seconds", 4);
const ROUNDS = intFlag(flags, "rounds", 3);
const ORDERS = intFlag(flags, "orders", 1500);

async function main() {
  const load = await checkQuiet();
  const bench = await createBenchDb();
  const handle = await openDb({ url: bench.url }, { poolSize: CONCURRENCY });
  const db = handle.db;
  // Limits on, as in the app (in memory), raised so that the run never meets them.
  const limits = createLimits({ redis: null, multiplier: 1_000_000 });
  const rest = createRestHandler(REST_OPERATIONS, { getDb: async () => db, limits, corsOrigins: [], clientAddress: () => "127.0.0.1" });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body });
      const answer = req.url!.startsWith("/api/v1/")
        ? rest(request)
        : fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: () => createContextInner({ db, session: null, clientAddress: "127.0.0.1", limits }) });
      answer
        .then(async (response) => {
          const out: Record<string, string> = {};
          response.headers.forEach((v, k) => (out[k] = v));
          const bytes = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, out).end(bytes);
        })
        .catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path, method, agent, headers: body ? { ...headers, "content-length": Buffer.byteLength(body) } : headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      });
      req.on("error", reject);
      req.end(body);
    });

  try {
    const slugs = (await db.product.findMany({ where: { status: "ACTIVE", deletedAt: null }, select: { slug: true }, take: 200, orderBy: { id: "asc" } })).map((p) => p.slug);
    const trpcInput = (o: unknown) => encodeURIComponent(JSON.stringify({ json: o }));
    const targets: Record<string, (i: number) => string> = {
      "REST GET /products": () => "/api/v1/products?limit=24",
      "tRPC catalog.search": () => `/api/trpc/catalog.search?input=${trpcInput({ limit: 24 })}`,
      "REST GET /products/{slug}": (i) => `/api/v1/products/${slugs[i % slugs.length]}`,
      "tRPC catalog.bySlug": (i) => `/api/trpc/catalog.bySlug?input=${trpcInput({ slug: slugs[i % slugs.length] })}`,
    };
    // Both sides answer the same products (checked once, before measuring).
    const restList = JSON.parse((await call("GET", targets["REST GET /products"]!(0))).body) as { data: { id: string }[] };
    const trpcList = JSON.parse((await call("GET", targets["tRPC catalog.search"]!(0))).body) as { result: { data: { json: { items: { id: string }[] } } } };
    const sameList = JSON.stringify(restList.data.map((p) => p.id)) === JSON.stringify(trpcList.result.data.json.items.map((p) => p.id));
    if (!sameList) throw new Error("REST and tRPC list different products");

    const reads: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
    const pairs = [["REST GET /products", "tRPC catalog.search"], ["REST GET /products/{slug}", "tRPC catalog.bySlug"]] as const;
    for (const name of Object.keys(targets)) await runLoad({ concurrency: CONCURRENCY, maxOps: 200, maxMs: 2000, op: async (i) => ((await call("GET", targets[name]!(i))).status === 200 ? "ok" : "bad") }); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      for (const pair of pairs) {
        const order = round % 2 === 0 ? pair : ([pair[1], pair[0]] as const);
        for (const name of order) {
          reads[name]!.push(
            await runLoad({ concurrency: CONCURRENCY, maxOps: Number.MAX_SAFE_INTEGER, maxMs: SECONDS * 1000, op: async (i) => {
              const r = await call("GET", targets[name]!(i));
              return r.status === 200 ? "ok" : `status ${r.status}`;
            } }),
          );
        }
      }
    }
    const readRows = Object.entries(reads).map(([name, rs]) => ({ name, ...summarize(mergeLoads(rs)) }));

    // Orders: one customer (and token) per worker.
    const tokens: string[] = [];
    for (let w = 0; w < CONCURRENCY; w++) {
      const email = `bench-api-${w}@example.com`;
      const json = { "content-type": "application/json" };
      await call("POST", "/api/v1/auth/register", json, JSON.stringify({ name: `Bench ${w}`, email, password: "correct horse battery" }));
      const t = JSON.parse((await call("POST", "/api/v1/auth/token", json, JSON.stringify({ email, password: "correct horse battery" }))).body) as { accessToken: string };
      tokens.push(t.accessToken);
    }
    const variants = (await db.variant.findMany({ where: { stock: { gte: 20 }, product: { status: "ACTIVE", deletedAt: null } }, select: { id: true }, take: 500, orderBy: { id: "asc" } })).map((v) => v.id);
    const delivery = { name: "Ann Buyer", phone: "+1 555 0100", zip: "10001", city: "New York", address: "1 Main St", email: "ann@example.com", region: "" };
    const placed: { worker: number; key: string; body: string }[] = [];
    const orderBody = (i: number) => JSON.stringify({ lines: [{ variantId: variants[(i * 7919) % variants.length]!, quantity: 1 }], delivery, payment: { method: "cod" } });
    const ordersBefore = await db.order.count();
    const place = await runLoad({
      concurrency: CONCURRENCY,
      maxOps: ORDERS,
      maxMs: 20_000,
      op: async (i, w) => {
        const key = `bench-order-${i}`;
        const body = orderBody(i);
        const r = await call("POST", "/api/v1/orders", { authorization: `Bearer ${tokens[w]}`, "content-type": "application/json", "idempotency-key": key }, body);
        if (r.status !== 201) return `status ${r.status} ${(JSON.parse(r.body) as { appCode?: string }).appCode ?? ""}`;
        placed.push({ worker: w, key, body });
        return "ok";
      },
    });
    const ordersMade = (await db.order.count()) - ordersBefore;
    const replay = await runLoad({
      concurrency: CONCURRENCY,
      maxOps: placed.length,
      maxMs: 20_000,
      op: async (i) => {
        const p = placed[i]!;
        const r = await call("POST", "/api/v1/orders", { authorization: `Bearer ${tokens[p.worker]}`, "content-type": "application/json", "idempotency-key": p.key }, p.body);
        return r.status === 201 ? "ok" : `status ${r.status}`;
      },
    });
    const ordersAfterReplay = (await db.order.count()) - ordersBefore;
    const orderRows = [
      { name: "REST POST /orders (new key)", ...summarize(place) },
      { name: "REST POST /orders (replay)", ...summarize(replay) },
    ];
    const checks = { sameList, ordersMade, successfulCalls: place.ok, replayMadeNoOrder: ordersAfterReplay === ordersMade, ordersMatchCalls: ordersMade === place.ok };

    printTable(
      ["target", "req/s", "p50 ms", "p99 ms", "ok", "other outcomes"],
      [...readRows, ...orderRows].map((r) => [r.name, r.perSecond, r.p50Ms, r.p99Ms, r.ok, JSON.stringify(r.outcomes)]),
    );
    for (const [a, b] of pairs) {
      const ra = readRows.find((r) => r.name === a)!;
      const rb = readRows.find((r) => r.name === b)!;
      console.log(`${a} / ${b}: ${(ra.perSecond / rb.perSecond).toFixed(2)}× the requests/s`);
    }
    console.log("checks", checks);
    const file = writeResults("api", {
      machine: machineInfo(),
      backgroundLoadPercent: load,
      settings: { concurrency: CONCURRENCY, secondsPerSlice: SECONDS, rounds: ROUNDS, orders: ORDERS },
      reads: readRows,
      orders: orderRows,
      checks,
    });
    console.log(`wrote ${file}`);
    if (!checks.replayMadeNoOrder || !checks.ordersMatchCalls) process.exitCode = 1;
  } finally {
    agent.destroy();
    server.close();
    await handle.close();
    await bench.drop();
  }
}

await main();
