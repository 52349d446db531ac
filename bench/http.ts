// The app through HTTP (issue 13): `npm start` (NODE_ENV=production, a prepared build) on a fresh
// PostgreSQL database holding 1,000 active products, driven over loopback by a closed-loop load
// generator at 10 keep-alive connections, beside two ceilings measured in the same run:
//   next.list    catalog.list as a batch of one: answered by Next.js and tRPC from the catalogue
//                cache (the catalogue lane, server/http/catalog-lane.ts, answers single reads only)
//   next.health  the app's cheapest Next.js route handler, GET /health (constant JSON: ok, pid,
//                uptime), through the same app server: what Next.js alone costs a request
//   pg.list      a bare node:http + pg.Pool server answering catalog.list (limit 20) with the
//                service's own statement and the same tRPC/superjson body (bench/catalog.ts's
//                baseline server mode, spawned as is)
// Scenarios: catalog.list (20), catalog.search first page with facets (no text, and with text),
// catalog.bySlug (random of the 1,000), the product page HTML, and checkout of 1 unit
// (cart.add + orders.place, signed in through next-auth's credentials flow as the e2e fixtures
// do, one customer per connection). Every response is checked (status and shape); after the
// order runs stock must equal the ledger, and a 20-unit item with 60 attempts must sell 20.
// Also: spawn to first successful request, RSS of the whole process tree at rest and after.
//
//   npm run bench:http [-- --seconds 15 --warmup 5 --rounds 3 --concurrency 10]
//   npm run bench:http -- --seconds 3 --warmup 1 --rounds 1     (quick run)
//   npm run bench:http -- --web-concurrency 2                    (two app processes, with Redis)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { buildIsCurrent } from "../scripts/build";
import { createBenchDb, DEFAULT_ADMIN_URL, type BenchDb } from "./lib/bench-db";
import { addCpu, checkQuiet, cpuDelta, cpuSnapshot, cpuUse, NO_CPU, type CpuDelta, type CpuUse } from "./lib/cpu";
import { percentile, rng, round, runLoad, type LoadResult } from "./lib/load";
import { stopGroup } from "./lib/process-group";
import { treeMemory, type TreeMem } from "./lib/proc-mem";
import { boolFlag, intFlag, machineInfo, parseFlags, printTable, strFlag, writeResults } from "./lib/report";

const ROOT = path.resolve(import.meta.dirname, "..");
const flags = parseFlags(process.argv.slice(2));
const CONCURRENCY = Math.max(1, intFlag(flags, "concurrency", 10));
const SECONDS = Math.max(1, intFlag(flags, "seconds", 15));
const WARMUP = intFlag(flags, "warmup", 5);
const ROUNDS = Math.max(1, intFlag(flags, "rounds", 3));
const PRODUCTS = Math.max(1, intFlag(flags, "products", 1000));
const PORT = intFlag(flags, "port", 3600); // app; sidecar PORT+1, pg ceiling PORT+2
const ADMIN_URL = strFlag(flags, "admin-url", DEFAULT_ADMIN_URL);
const OVERSELL_STOCK = intFlag(flags, "oversell-stock", 20);
const OVERSELL_ATTEMPTS = intFlag(flags, "oversell-attempts", 60);
const SEARCH_TEXT = strFlag(flags, "q", "");
// --web-concurrency N: N app processes behind the port (WEB_CONCURRENCY), which needs Redis.
const WEB_CONCURRENCY = Math.max(1, intFlag(flags, "web-concurrency", 1));
const REDIS_URL = strFlag(flags, "redis-url", "redis://127.0.0.1:6379");
const ALL = ["catalog.list", "catalog.search", "catalog.search+text", "catalog.bySlug", "page /products/{slug}", "checkout", "next.list", "next.health", "pg.list"] as const;
type Scenario = (typeof ALL)[number];
const SCENARIOS = strFlag(flags, "scenarios", ALL.join(",")).split(",").filter(Boolean) as Scenario[];
for (const s of SCENARIOS) if (!ALL.includes(s)) throw new Error(`unknown scenario ${s} (known: ${ALL.join(", ")})`);

const SIDECAR_PORT = PORT + 1;
const PG_PORT = PORT + 2;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const LIST_PATH = `/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;
// The same read as a batch of one: the catalogue lane steps aside, Next.js and tRPC answer it
// from the catalogue cache (the path every cached read took before the lane).
const LIST_BATCH_PATH = `/api/trpc/catalog.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { limit: 20 } } }))}`;
const trpcGet = (proc: string, input: unknown) => `/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

// ----------------------------------------------------------------------------- HTTP client

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(agent: http.Agent | false, port: number, method: string, p: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined) h["content-length"] = Buffer.byteLength(body);
    const req = http.request({ host: "127.0.0.1", port, path: p, method, agent, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}

/** A customer's cookies (next-auth's CSRF and session cookies). */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Res): void {
    for (const c of res.headers["set-cookie"] ?? []) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

type TrpcBody = { result?: { data: { json: unknown } }; error?: { json: { message: string; data?: { appCode?: string; code?: string } } } };
function trpcData<T>(r: Res): T | null {
  if (r.status !== 200) return null;
  const b = JSON.parse(r.body) as TrpcBody;
  return (b.result?.data.json as T) ?? null;
}
function trpcError(r: Res): string {
  try {
    const e = (JSON.parse(r.body) as TrpcBody).error?.json;
    return `HTTP ${r.status} ${e?.data?.appCode ?? e?.data?.code ?? ""}`.trim();
  } catch {
    return `HTTP ${r.status}`;
  }
}

// ----------------------------------------------------------------------------- database

/** Adds active products (copies of the seed's active products: same store, category, brand,
 * description and images; new ids, slugs, SKUs; 1,000 units a variant with its opening-stock
 * ledger row) until `target` products are active. Raw SQL in one transaction, consistent with
 * the schema (ids, the generated search vector, stock = sum of movements). */
async function fillCatalog(url: string, target: number): Promise<{ added: number; active: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const active = Number((await c.query(`SELECT count(*) FROM "Product" WHERE status = 'ACTIVE' AND "deletedAt" IS NULL`)).rows[0].count);
    const extra = Math.max(0, target - active);
    if (extra === 0) return { added: 0, active };
    await c.query("BEGIN");
    await c.query(
      `CREATE TEMP TABLE bench_copy ON COMMIT DROP AS
       SELECT g, s.id AS src, s.id || '-x' || g AS id
       FROM generate_series(0, $1 - 1) g
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM "Product" WHERE status = 'ACTIVE' AND "deletedAt" IS NULL) s
         ON s.rn = g % $2`,
      [extra, active],
    );
    await c.query(
      `INSERT INTO "Product" (id, "storeId", "categoryId", slug, title, description, brand, images, status, "createdAt", "updatedAt")
       SELECT b.id, p."storeId", p."categoryId", p.slug || '-x' || b.g, p.title || ' No. ' || (b.g + 2), p.description, p.brand, p.images, 'ACTIVE',
              p."createdAt" - make_interval(secs => b.g + 1), now()
       FROM bench_copy b JOIN "Product" p ON p.id = b.src`,
    );
    await c.query(
      `INSERT INTO "Variant" (id, "productId", sku, title, options, "priceMinor", currency, stock, "lowStockThreshold", position, "createdAt", "updatedAt")
       SELECT v.id || '-x' || b.g, b.id, v.sku || '-X' || b.g, v.title, v.options, v."priceMinor", v.currency, 1000, v."lowStockThreshold", v.position, now(), now()
       FROM bench_copy b JOIN "Variant" v ON v."productId" = b.src`,
    );
    await c.query(
      `INSERT INTO "InventoryMovement" (id, "variantId", delta, "stockAfter", reason, note)
       SELECT 'mov-' || v.id, v.id, v.stock, v.stock, 'IMPORT', 'Opening stock (bench:http)'
       FROM "Variant" v JOIN bench_copy b ON v."productId" = b.id`,
    );
    await c.query("COMMIT");
    const now = Number((await c.query(`SELECT count(*) FROM "Product" WHERE status = 'ACTIVE' AND "deletedAt" IS NULL`)).rows[0].count);
    return { added: extra, active: now };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await c.end();
  }
}

// ----------------------------------------------------------------------------- processes

async function portFree(port: number): Promise<boolean> {
  try {
    await request(false, port, "GET", "/");
    return false;
  } catch {
    return true;
  }
}

/** `npm start` as an operator runs it; returns when catalog.list first answers 200. */
async function startApp(url: string): Promise<{ proc: ChildProcess; spawnToFirstMs: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    PORT: String(PORT),
    SIDECAR_PORT: String(SIDECAR_PORT),
    DATA_DIR: path.join(ROOT, ".data/bench-http"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: ORIGIN,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    // The limits stay on (their cost is part of a request) but are raised so the run never meets them.
    RATE_LIMIT_MULTIPLIER: "100000",
  };
  if (WEB_CONCURRENCY > 1) {
    // Several processes share their limits and cache invalidations through Redis.
    env.WEB_CONCURRENCY = String(WEB_CONCURRENCY);
    env.REDIS_URL = REDIS_URL;
  } else {
    delete env.REDIS_URL; // one instance: in-process limits and events, as `npm start` on one machine
    delete env.WEB_CONCURRENCY;
  }
  const t0 = performance.now();
  const proc = spawn("npm", ["start"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`npm start exited (${proc.exitCode}) before answering`);
    try {
      const r = await request(false, PORT, "GET", LIST_PATH);
      if (r.status === 200) return { proc, spawnToFirstMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await stopGroup(proc);
  throw new Error("the app did not answer catalog.list within 120 s");
}

function startPgCeiling(url: string): Promise<ChildProcess> {
  // bench/catalog.ts's baseline server, unchanged: same statement as the service, same body.
  const proc = spawn(process.execPath, [...process.execArgv, path.join(ROOT, "bench/catalog.ts"), "--serve", "baseline", "--port", String(PG_PORT), "--url", url, "--pool", "10"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("READY")) resolve(proc);
    });
    proc.once("exit", (code) => reject(new Error(`pg ceiling server exited (${code})`)));
  });
}

// ----------------------------------------------------------------------------- scenarios

interface Card {
  id: string;
  slug: string;
  variants: { id: string; priceMinor: number; stock: number }[];
}
interface SearchResult {
  items: Card[];
  facets: { total: number; brands: { brand: string; count: number }[] } | null;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
const cardsOk = (items: Card[] | undefined, n: number) =>
  Array.isArray(items) && items.length === n && items.every((c) => typeof c.slug === "string" && c.variants.length > 0 && c.variants.every((v) => Number.isInteger(v.priceMinor) && Number.isInteger(v.stock)));

interface Target {
  name: Scenario;
  what: string;
  /** The process tree whose CPU counts as the server's. */
  serverPid: () => number;
  op: (i: number, w: number) => Promise<string>;
  loads: LoadResult[];
  cpu: CpuDelta;
}

const DELIVERY = { name: "Bench Buyer", phone: "+1 555 0100", zip: "10001", city: "New York", address: "1 Main St", email: "bench@example.com", region: "" };
const CARD = { method: "card", cardNumber: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" };

/** Orders the app confirmed (warm-up, measured runs and the oversell check). */
const placed = { n: 0 };

async function checkout(agent: http.Agent, jar: Jar, variantId: string, key: string): Promise<string> {
  const headers = () => ({ "content-type": "application/json", origin: ORIGIN, cookie: jar.header() });
  const add = await request(agent, PORT, "POST", "/api/trpc/cart.add", headers(), JSON.stringify({ json: { variantId, quantity: 1 } }));
  jar.take(add);
  if (add.status !== 200) return `cart.add ${trpcError(add)}`;
  const place = await request(agent, PORT, "POST", "/api/trpc/orders.place", headers(), JSON.stringify({ json: { idempotencyKey: key, delivery: DELIVERY, payment: CARD } }));
  jar.take(place);
  const order = trpcData<{ id: string; status: string }>(place);
  if (order && order.status === "PAID") {
    placed.n++;
    return "ok";
  }
  // A refused order leaves the line in the cart: take it out, so the next attempt is 1 unit again.
  await request(agent, PORT, "POST", "/api/trpc/cart.remove", headers(), JSON.stringify({ json: { variantId } }));
  return order ? `orders.place status ${order.status}` : `orders.place ${trpcError(place)}`;
}

async function signInCustomer(n: number): Promise<{ jar: Jar; email: string }> {
  const email = `bench-http-${n}@example.com`;
  const password = "bench http customer password";
  const jar = new Jar();
  const json = { "content-type": "application/json", origin: ORIGIN };
  const reg = await request(false, PORT, "POST", "/api/trpc/auth.register", json, JSON.stringify({ json: { name: `Bench Customer ${n}`, email, password } }));
  if (reg.status !== 200) throw new Error(`register ${email}: ${trpcError(reg)}`);
  // next-auth's credentials flow, as e2e/api.ts signInWithApi (the sign-in form's signIn()).
  const csrf = await request(false, PORT, "GET", "/api/auth/csrf");
  jar.take(csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
  const cb = await request(false, PORT, "POST", "/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, cookie: jar.header() }, form);
  jar.take(cb);
  const session = await request(false, PORT, "GET", "/api/auth/session", { cookie: jar.header() });
  const who = (JSON.parse(session.body) as { user?: { email?: string } }).user?.email;
  if (who !== email) throw new Error(`signing in as ${email}: the session says ${who ?? "nobody"}`);
  return { jar, email };
}

// ----------------------------------------------------------------------------- main

interface Row {
  scenario: Scenario;
  what: string;
  /** Median of the rounds' requests/s. */
  perSecond: number;
  perSecondRounds: number[];
  p50Ms: number;
  p99Ms: number;
  ok: number;
  failures: Record<string, number>;
  cpu: CpuUse;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`http benchmark: ${CONCURRENCY} keep-alive connections, ${WARMUP} s warm-up, ${ROUNDS} x ${SECONDS} s per scenario (median), ${PRODUCTS} active products, ${WEB_CONCURRENCY} app process${WEB_CONCURRENCY > 1 ? "es (with Redis)" : ""}`);
  const backgroundLoadPct = await checkQuiet();
  const loadAvg = (await import("node:os")).loadavg().map((x) => round(x, 2));
  for (const p of [PORT, SIDECAR_PORT, PG_PORT]) if (!(await portFree(p))) throw new Error(`port ${p} is in use`);
  const notes: string[] = [];
  if (!buildIsCurrent()) {
    console.log("no current build: npm run build");
    const b = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (b.status !== 0) throw new Error("npm run build failed");
    notes.push("built before the run (npm run build)");
  }

  let bench: BenchDb | null = null;
  const procs: ChildProcess[] = [];
  process.once("exit", () => {
    for (const p of procs) {
      try {
        process.kill(-p.pid!, "SIGTERM");
      } catch {
        // gone
      }
    }
  });
  const failures: string[] = [];
  try {
    bench = await createBenchDb(ADMIN_URL);
    const filled = await fillCatalog(bench.url, PRODUCTS);
    console.log(`database ${bench.name}: seed ${bench.seed.products} products, +${filled.added} copies: ${filled.active} active`);
    const db = new pg.Pool({ connectionString: bench.url, max: 2 });
    db.on("error", () => {});

    // The 20-unit item of the oversell check: one product's variant, taken out of the random
    // checkout set, its stock brought to 20 through a ledger row.
    const hot = (await db.query(`SELECT v.id, v.stock FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p.id LIKE '%-x%' ORDER BY v.id LIMIT 1`)).rows[0] as { id: string; stock: number };
    await db.query(
      `WITH u AS (UPDATE "Variant" SET stock = $2, version = version + 1 WHERE id = $1 RETURNING id)
       INSERT INTO "InventoryMovement" (id, "variantId", delta, "stockAfter", reason, note) SELECT 'mov-hot-' || id, id, $2 - $3, $2, 'CORRECTION', 'bench:http oversell item' FROM u`,
      [hot.id, OVERSELL_STOCK, hot.stock],
    );
    const products = (await db.query(`SELECT slug, title FROM "Product" WHERE status = 'ACTIVE' AND "deletedAt" IS NULL ORDER BY id`)).rows as { slug: string; title: string }[];
    const buyable = ((await db.query(`SELECT v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.stock >= 500 AND v.id <> $1 ORDER BY v.id`, [hot.id])).rows as { id: string }[]).map((r) => r.id);
    const query = SEARCH_TEXT || (((await db.query(`SELECT brand FROM "Product" WHERE status = 'ACTIVE' AND brand <> '' GROUP BY brand ORDER BY count(*) DESC, brand LIMIT 1`)).rows[0] as { brand: string }).brand);

    console.log(`starting the app: npm start on port ${PORT} (sidecar ${SIDECAR_PORT})`);
    const app = await startApp(bench.url);
    procs.push(app.proc);
    console.log(`  first successful request (catalog.list) ${round(app.spawnToFirstMs / 1000, 2)} s after spawn`);
    const pgCeiling = SCENARIOS.includes("pg.list") ? await startPgCeiling(bench.url) : null;
    if (pgCeiling) procs.push(pgCeiling);

    // At rest: started, one request answered, then idle for 3 s.
    await new Promise((r) => setTimeout(r, 3000));
    const memAtRest = treeMemory(app.proc.pid!);

    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const customers = SCENARIOS.includes("checkout") || OVERSELL_ATTEMPTS > 0 ? await Promise.all(Array.from({ length: CONCURRENCY }, (_, n) => signInCustomer(n))) : [];
    if (customers.length) console.log(`  ${customers.length} customers registered and signed in (next-auth credentials flow)`);

    // Reference bodies: the pg ceiling must answer exactly what the app answers.
    const appList = await request(agent, PORT, "GET", LIST_PATH);
    const firstSearch = trpcData<SearchResult>(await request(agent, PORT, "GET", trpcGet("catalog.search", { limit: 20 })));
    const firstText = trpcData<SearchResult>(await request(agent, PORT, "GET", trpcGet("catalog.search", { q: query, limit: 20 })));
    const textTotal = firstText?.facets?.total ?? -1;
    if (textTotal <= 0) throw new Error(`search for "${query}" found nothing`);
    let samePgBody: boolean | null = null;
    if (pgCeiling) {
      const pgList = await request(agent, PG_PORT, "GET", LIST_PATH);
      samePgBody = isDeepStrictEqual(JSON.parse(pgList.body), JSON.parse(appList.body));
      if (!samePgBody) failures.push("the pg ceiling's catalog.list body differs from the app's");
    }
    if (firstSearch?.facets?.total !== filled.active) failures.push(`search facets total ${firstSearch?.facets?.total} != ${filled.active} active products`);

    const appPid = () => app.proc.pid!;
    const random = rng(13);
    const bySlugPick = () => products[Math.floor(random() * products.length)]!;
    let orderKey = 0;
    const runId = Date.now().toString(36);
    const targets: Target[] = [];
    const add = (name: Scenario, what: string, op: Target["op"], serverPid = appPid) => {
      if (SCENARIOS.includes(name)) targets.push({ name, what, op, serverPid, loads: [], cpu: NO_CPU });
    };
    add("catalog.list", "GET /api/trpc/catalog.list {limit:20}", async () => {
      const r = await request(agent, PORT, "GET", LIST_PATH);
      const d = trpcData<{ items: Card[] }>(r);
      return d && cardsOk(d.items, 20) ? "ok" : `bad ${r.status}`;
    });
    add("catalog.search", "GET /api/trpc/catalog.search {limit:20}: first page, brand facets, no text", async () => {
      const r = await request(agent, PORT, "GET", trpcGet("catalog.search", { limit: 20 }));
      const d = trpcData<SearchResult>(r);
      return d && cardsOk(d.items, 20) && d.facets?.total === filled.active ? "ok" : `bad ${r.status}`;
    });
    add("catalog.search+text", `GET /api/trpc/catalog.search {q:"${query}",limit:20} (${textTotal} matches)`, async () => {
      const r = await request(agent, PORT, "GET", trpcGet("catalog.search", { q: query, limit: 20 }));
      const d = trpcData<SearchResult>(r);
      return d && cardsOk(d.items, Math.min(20, textTotal)) && d.facets?.total === textTotal ? "ok" : `bad ${r.status}`;
    });
    add("catalog.bySlug", `GET /api/trpc/catalog.bySlug {slug}, random of ${products.length}`, async () => {
      const p = bySlugPick();
      const r = await request(agent, PORT, "GET", trpcGet("catalog.bySlug", { slug: p.slug }));
      const d = trpcData<Card & { title: string }>(r);
      return d && d.slug === p.slug && d.title === p.title && d.variants.length > 0 ? "ok" : `bad ${r.status}`;
    });
    add("page /products/{slug}", `GET /products/{slug} HTML, random of ${products.length}`, async () => {
      const p = bySlugPick();
      const r = await request(agent, PORT, "GET", `/products/${p.slug}`);
      return r.status === 200 && String(r.headers["content-type"]).startsWith("text/html") && r.body.includes(escapeHtml(p.title)) ? "ok" : `bad ${r.status}`;
    });
    add("checkout", `cart.add (1 unit, random of ${buyable.length} variants) + orders.place (card), ${customers.length} signed-in customers`, (_i, w) =>
      checkout(agent, customers[w]!.jar, buyable[Math.floor(random() * buyable.length)]!, `bench-http-${runId}-${orderKey++}`),
    );
    add("next.list", "baseline: catalog.list {limit:20} as a batch of one (batch=1): Next.js and tRPC answer from the catalogue cache, the lane steps aside", async () => {
      const r = await request(agent, PORT, "GET", LIST_BATCH_PATH);
      const d = r.status === 200 ? ((JSON.parse(r.body) as TrpcBody[])[0]?.result?.data.json as { items: Card[] } | undefined) : undefined;
      return d && cardsOk(d.items, 20) ? "ok" : `bad ${r.status}`;
    });
    add("next.health", "ceiling: GET /health, the app's cheapest Next.js route handler (constant JSON)", async () => {
      const r = await request(agent, PORT, "GET", "/health");
      return r.status === 200 && (JSON.parse(r.body) as { ok?: boolean }).ok === true ? "ok" : `bad ${r.status}`;
    });
    if (pgCeiling) {
      add("pg.list", "ceiling: bare node:http + pg.Pool, catalog.list {limit:20}, same statement and body (bench/catalog.ts --serve baseline)", async () => {
        const r = await request(agent, PG_PORT, "GET", LIST_PATH);
        const d = trpcData<{ items: Card[] }>(r);
        return d && cardsOk(d.items, 20) ? "ok" : `bad ${r.status}`;
      }, () => pgCeiling.pid!);
    }

    if (WARMUP > 0) {
      for (const t of targets) {
        const w = await runLoad({ concurrency: CONCURRENCY, maxOps: Number.MAX_SAFE_INTEGER, maxMs: WARMUP * 1000, op: t.op });
        if (w.ok === 0) throw new Error(`${t.name}: nothing succeeded in the warm-up: ${JSON.stringify(w.outcomes)}`);
        console.log(`  warm-up ${t.name}: ${w.ok} ok${Object.keys(w.outcomes).length ? ` ${JSON.stringify(w.outcomes)}` : ""}`);
      }
    }
    // Interleaved rounds (the order rotates): background load falls on every scenario alike.
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < targets.length; k++) {
        const t = targets[(k + r) % targets.length]!;
        const c0 = cpuSnapshot(t.serverPid());
        t.loads.push(await runLoad({ concurrency: CONCURRENCY, maxOps: Number.MAX_SAFE_INTEGER, maxMs: SECONDS * 1000, op: t.op }));
        t.cpu = addCpu(t.cpu, cpuDelta(c0, cpuSnapshot(t.serverPid())));
        const last = t.loads.at(-1)!;
        console.log(`  round ${r + 1} ${t.name}: ${round(last.ok / (last.elapsedMs / 1000), 1)}/s${Object.keys(last.outcomes).length ? ` ${JSON.stringify(last.outcomes)}` : ""}`);
      }
    }
    const memAfter = treeMemory(app.proc.pid!);

    const rows: Row[] = targets.map((t) => {
      const rates = t.loads.map((l) => round(l.ok / (l.elapsedMs / 1000), 1));
      const ok = t.loads.reduce((s, l) => s + l.ok, 0);
      const fails: Record<string, number> = {};
      for (const l of t.loads) for (const [k, v] of Object.entries(l.outcomes)) fails[k] = (fails[k] ?? 0) + v;
      return {
        scenario: t.name,
        what: t.what,
        perSecond: median(rates),
        perSecondRounds: rates,
        p50Ms: round(median(t.loads.map((l) => percentile(l.latenciesMs, 50))), 1),
        p99Ms: round(median(t.loads.map((l) => percentile(l.latenciesMs, 99))), 1),
        ok,
        failures: fails,
        cpu: cpuUse(t.cpu, ok),
      };
    });
    for (const r of rows) if (Object.keys(r.failures).length) failures.push(`${r.scenario}: ${JSON.stringify(r.failures)}`);

    // --- checks after the order runs
    let oversell: Record<string, unknown> | null = null;
    if (OVERSELL_ATTEMPTS > 0 && customers.length) {
      const o = await runLoad({ concurrency: CONCURRENCY, maxOps: OVERSELL_ATTEMPTS, maxMs: 120_000, op: (i, w) => checkout(agent, customers[w]!.jar, hot.id, `bench-http-${runId}-hot-${i}`) });
      const stock = Number(((await db.query(`SELECT stock FROM "Variant" WHERE id = $1`, [hot.id])).rows[0] as { stock: number }).stock);
      const sold = Number(((await db.query(`SELECT coalesce(sum(quantity), 0) AS n FROM "OrderItem" WHERE "variantId" = $1`, [hot.id])).rows[0] as { n: string }).n);
      oversell = { stock: OVERSELL_STOCK, attempts: o.started, ordersPlaced: o.ok, refused: o.outcomes, unitsInOrders: sold, finalStock: stock, oversold: Math.max(0, sold - OVERSELL_STOCK) };
      if (o.ok !== OVERSELL_STOCK || stock !== 0 || sold !== OVERSELL_STOCK) failures.push(`oversell: ${JSON.stringify(oversell)}`);
    }
    const ledger = (await db.query(
      `SELECT count(*) FILTER (WHERE v.stock <> coalesce(m.s, 0)) AS mismatched, count(*) FILTER (WHERE v.stock < 0) AS negative, count(*) AS variants
       FROM "Variant" v LEFT JOIN (SELECT "variantId", sum(delta) AS s FROM "InventoryMovement" GROUP BY "variantId") m ON m."variantId" = v.id`,
    )).rows[0] as { mismatched: string; negative: string; variants: string };
    const benchOrders = Number(((await db.query(`SELECT count(*) AS n FROM "Order" o JOIN "User" u ON u.id = o."userId" WHERE u.email LIKE 'bench-http-%'`)).rows[0] as { n: string }).n);
    const expectedOrders = placed.n;
    const checks = {
      stockEqualsLedger: Number(ledger.mismatched) === 0,
      noNegativeStock: Number(ledger.negative) === 0,
      variantsChecked: Number(ledger.variants),
      ordersInDatabase: benchOrders,
      ordersFromSuccessfulCalls: expectedOrders,
      ordersMatchCalls: benchOrders === expectedOrders,
      pgCeilingSameBody: samePgBody,
      oversell,
    };
    if (!checks.stockEqualsLedger || !checks.noNegativeStock) failures.push(`ledger: ${JSON.stringify(ledger)}`);
    if (!checks.ordersMatchCalls) failures.push(`orders: ${benchOrders} in the database, ${expectedOrders} successful calls`);
    agent.destroy();
    await db.end();

    // --- report
    const rate = (s: Scenario) => rows.find((r) => r.scenario === s)?.perSecond;
    const nextCeil = rate("next.health");
    const pgCeil = rate("pg.list");
    const table = rows.map((r) => ({
      ...r,
      xNext: nextCeil ? round(r.perSecond / nextCeil, 3) : null,
      xPg: pgCeil ? round(r.perSecond / pgCeil, 3) : null,
    }));
    console.log("");
    printTable(
      ["scenario", "req/s (median)", "rounds", "p50 ms", "p99 ms", "x next.health", "x pg.list", "server CPU ms/req", "PG CPU ms/req", "client CPU ms/req", "machine busy %"],
      table.map((r) => [r.scenario, r.perSecond, r.perSecondRounds.join(" / "), r.p50Ms, r.p99Ms, r.xNext ?? "-", r.xPg ?? "-", r.cpu.serverMsPerOp, r.cpu.postgresMsPerOp, r.cpu.selfMsPerOp, r.cpu.machineBusyPct]),
    );
    const memRow = (m: TreeMem) => `${m.totalMiB} MiB (${m.processes.map((p) => `${p.name} ${p.rssMiB}`).join(", ")})`;
    console.log(`\nspawn to first successful request: ${round(app.spawnToFirstMs / 1000, 2)} s`);
    console.log(`memory at rest:    ${memRow(memAtRest)}`);
    console.log(`memory after runs: ${memRow(memAfter)}`);
    console.log("checks", JSON.stringify(checks));
    for (const f of failures) console.log(`FAILED: ${f}`);
    for (const n of notes) console.log(n);
    const file = writeResults("http", {
      benchmark: "http",
      date: new Date().toISOString(),
      machine: machineInfo(),
      backgroundLoadPct,
      loadAverageBefore: loadAvg,
      settings: { webConcurrency: WEB_CONCURRENCY, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: WARMUP, rounds: ROUNDS, products: filled.active, port: PORT, searchText: query, scenarios: SCENARIOS, oversellStock: OVERSELL_STOCK, oversellAttempts: OVERSELL_ATTEMPTS, rateLimitMultiplier: 100000 },
      started: `npm start (NODE_ENV=production, DATABASE_URL = the bench database, RATE_LIMIT_MULTIPLIER=100000, ${WEB_CONCURRENCY > 1 ? `WEB_CONCURRENCY=${WEB_CONCURRENCY}, REDIS_URL=${REDIS_URL}` : "no REDIS_URL"})`,
      spawnToFirstRequestMs: round(app.spawnToFirstMs, 0),
      results: table,
      memory: { atRest: memAtRest, afterRuns: memAfter },
      checks,
      failures,
      notes,
      totalSeconds: round((Date.now() - t0) / 1000, 1),
    });
    console.log(`results: ${file} (total ${round((Date.now() - t0) / 1000, 1)} s)`);
    if (failures.length) process.exitCode = 1;
  } finally {
    for (const p of procs) await stopGroup(p);
    if (bench) {
      await bench.drop();
      console.log(`dropped ${bench.name}`);
    }
  }
}

if (boolFlag(flags, "help", false)) {
  console.log(`npm run bench:http -- [flags]
  --seconds N        measured seconds per scenario and round (default 15)
  --warmup N         warm-up seconds per scenario (default 5)
  --rounds N         interleaved rounds; req/s and p50/p99 are their medians (default 3)
  --concurrency N    keep-alive connections = signed-in customers (default 10)
  --products N       active products in the database (default 1000)
  --scenarios LIST   ${ALL.join(",")}
  --q TEXT           search text (default: the most common brand)
  --oversell-stock N / --oversell-attempts N   (default 20 / 60; 0 attempts skips the check)
  --port N           app port; sidecar N+1, pg ceiling N+2 (default 3600)
  --admin-url URL    (default ${DEFAULT_ADMIN_URL})`);
} else {
  await main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
