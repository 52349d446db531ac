// Crash recovery, run by `npm test` on PostgreSQL + Redis after the browser tests (the build they
// made is reused): the real shop under `npm start`, customers placing orders over HTTP, and
//  1. the app process killed with SIGKILL in the middle of that load. The supervisor starts it
//     again; clients retry what failed with the same idempotency key. Afterwards: no partial order,
//     every variant's stock equals its ledger, every order a client was told about exists exactly
//     once, and the outbox drains.
//  2. the app killed with SIGKILL while card checkouts wait for their payment (the test card
//     provider answers after PAYMENT_TEST_LATENCY_MS, like a gateway). Their stock is reserved
//     as PENDING_PAYMENT orders; after the restart half the clients retry with the same key (the
//     checkout resumes the same order: one order per key), the others are gone, and the sweeper
//     releases their reservations once they lapse (ORDER_RESERVATION_SECONDS), or at once if
//     they lapsed while the app was down: no stock is held past the reservation, stock equals
//     its ledger.
//  3. the sidecar killed six times in a row (a crash loop). The shop keeps serving pages
//     throughout, /api/health says the sidecar is down while it is, and it comes back.
// Bounded: about two minutes. Prints each check; exits 1 if any fails.
//
//   node --conditions=react-server --import tsx test/crash-recovery.ts
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { adminQuery, DEFAULT_ADMIN_URL, withDatabase } from "@/server/db/admin";
import { childProcessEnv, env } from "@/server/env";

const root = path.resolve(import.meta.dirname, "..");
const PORT = 3160;
const SIDECAR_PORT = 3161;
const BASE = `http://127.0.0.1:${PORT}`;
const ORIGIN = `http://localhost:${PORT}`;
const CUSTOMERS = 12;
// Case 2: the card provider's round trip, how long a reservation waits, how often the sweeper looks.
const PAYMENT_LATENCY_MS = 5000;
const RESERVATION_SECONDS = 15;
const SWEEP_MS = 1000;
const adminUrl = env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const dbName = `lm_crash_${Date.now().toString(36)}_${process.pid}`;
const dataDir = path.join(root, ".data/crash-recovery");

const checks: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = ""): void {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "  ✓" : "  ✘"} ${name}${detail ? ` (${detail})` : ""}`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Health {
  serving: boolean;
  pid: number;
  parts: { sidecar: string; outbox: { pending: number } };
}
async function health(): Promise<Health | null> {
  try {
    const res = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? ((await res.json()) as Health) : null;
  } catch {
    return null;
  }
}
async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** A browser-like client: a cookie jar, the app's Origin on every request. */
class Client {
  private cookies = new Map<string, string>();
  private async request(p: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("origin", ORIGIN);
    headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(`${BASE}${p}`, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }
  async trpc<T>(procedure: string, input: unknown): Promise<{ ok: true; data: T } | { ok: false; status: number; code?: string }> {
    const res = await this.request(`/api/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
    const body = (await res.json().catch(() => null)) as { result?: { data: { json: T } }; error?: { json: { data?: { appCode?: string } } } } | null;
    if (body?.result) return { ok: true, data: body.result.data.json };
    return { ok: false, status: res.status, code: body?.error?.json.data?.appCode };
  }
  async signIn(email: string, password: string): Promise<void> {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const session = (await (await this.request("/api/auth/session")).json()) as { user?: { email?: string } };
    if (session.user?.email !== email) throw new Error(`could not sign in as ${email}`);
  }
}

const DELIVERY = { name: "Crash Tester", phone: "+15550100", zip: "94110", city: "San Francisco", address: "1 Market St", region: "CA", email: "crash@example.com" };

async function main(): Promise<number> {
  rmSync(dataDir, { recursive: true, force: true });
  await adminQuery(adminUrl, `CREATE DATABASE "${dbName}"`);
  const dbUrl = withDatabase(adminUrl, dbName);
  const shop = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: childProcessEnv({
      DATABASE_URL: dbUrl,
      REDIS_URL: env.REDIS_URL ?? "redis://127.0.0.1:6379",
      PORT: String(PORT),
      SIDECAR_PORT: String(SIDECAR_PORT),
      DATA_DIR: dataDir,
      NEXTAUTH_URL: ORIGIN,
      LOG_LEVEL: "warn",
      // Twelve customers registering and ordering as fast as they can from one address: a load
      // test, not abuse (the production limits would stop it after 10 registrations).
      RATE_LIMIT_MULTIPLIER: "1000",
      PAYMENT_TEST_LATENCY_MS: String(PAYMENT_LATENCY_MS),
      ORDER_RESERVATION_SECONDS: String(RESERVATION_SECONDS),
      ORDER_RESERVATION_SWEEP_MS: String(SWEEP_MS),
    }),
  });
  const db = new pg.Client({ connectionString: dbUrl });
  try {
    const first = await until("the shop to start", health, 600_000);
    await db.connect();
    console.log(`\ncrash recovery: shop up (app pid ${first.pid})`);

    // --- 1. SIGKILL of the app under order load --------------------------------------------
    const variants = (
      await db.query<{ id: string }>(
        `SELECT v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
         WHERE p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.stock >= 50 ORDER BY v.id LIMIT 5`,
      )
    ).rows.map((r) => r.id);
    const clients = await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, i) => {
        const c = new Client();
        const email = `crash-${i}-${randomBytes(3).toString("hex")}@example.com`;
        const reg = await c.trpc("auth.register", { name: `Crash ${i}`, email, password: "crash-recovery-pw" });
        if (!reg.ok) throw new Error(`registration failed (${reg.status} ${reg.code})`);
        await c.signIn(email, "crash-recovery-pw");
        return c;
      }),
    );
    const told = new Set<string>();
    let retried = 0;
    let refused = 0;
    let stop = false;
    const worker = async (c: Client, w: number) => {
      for (let n = 0; !stop; n++) {
        const input = {
          idempotencyKey: `crash-${w}-${n}-${randomBytes(4).toString("hex")}`,
          lines: [{ variantId: variants[(w + n) % variants.length]!, quantity: 1 }],
          delivery: DELIVERY,
          payment: { method: "cod" },
        };
        // Until the shop answers for this order, ask again with the same key.
        for (;;) {
          const r = await c.trpc<{ id: string }>("orders.place", input).catch(() => ({ ok: false as const, status: 0, code: undefined }));
          if (r.ok) {
            told.add(r.data.id);
            break;
          }
          if (r.status >= 400 && r.status < 500) {
            refused += 1;
            break;
          }
          retried += 1;
          await sleep(200);
        }
      }
    };
    const load = clients.map((c, w) => worker(c, w));
    await sleep(2500);
    process.kill(first.pid, "SIGKILL");
    console.log(`  killed the app (pid ${first.pid}) under load`);
    const second = await until("the app to come back", async () => {
      const h = await health();
      return h && h.pid !== first.pid ? h : null;
    }, 120_000);
    console.log(`  the app is back (pid ${second.pid})`);
    await sleep(2000);
    stop = true;
    await Promise.all(load);

    const q = async <T extends pg.QueryResultRow>(sql: string) => (await db.query<T>(sql)).rows;
    // Parts (Shipment rows) belong to placed orders; a card checkout gets them when it is confirmed.
    const partialSql = `SELECT o.id FROM "Order" o
       WHERE NOT EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id)
          OR NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."orderId" = o.id)
          OR NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."orderId" = o.id)
          OR (o.status NOT IN ('PENDING_PAYMENT', 'PAYMENT_FAILED') AND NOT EXISTS (SELECT 1 FROM "Shipment" s WHERE s."orderId" = o.id))
          OR NOT EXISTS (SELECT 1 FROM "OrderStatusHistory" h WHERE h."orderId" = o.id)`;
    const partial = await q<{ id: string }>(partialSql);
    check("no partial order", partial.length === 0, `${partial.length} partial`);
    const ledgerSql = `SELECT v.id FROM "Variant" v LEFT JOIN "InventoryMovement" m ON m."variantId" = v.id
       GROUP BY v.id, v.stock HAVING v.stock <> coalesce(sum(m.delta), 0) OR v.stock < 0`;
    const ledger = await q<{ id: string }>(ledgerSql);
    check("every variant's stock equals its ledger", ledger.length === 0, `${ledger.length} differ`);
    const orderLedger = await q<{ id: string }>(
      `SELECT o.id FROM "Order" o
       WHERE (SELECT coalesce(sum(quantity), 0) FROM "OrderItem" WHERE "orderId" = o.id)
          <> -(SELECT coalesce(sum(delta), 0) FROM "InventoryMovement" WHERE "orderId" = o.id AND reason = 'ORDER')`,
    );
    check("every order's items equal its ledger rows", orderLedger.length === 0, `${orderLedger.length} differ`);
    const mine = new Set(
      (await q<{ id: string }>(`SELECT o.id FROM "Order" o JOIN "User" u ON u.id = o."userId" WHERE u.email LIKE 'crash-%'`)).map((r) => r.id),
    );
    const untold = [...mine].filter((id) => !told.has(id));
    const missing = [...told].filter((id) => !mine.has(id));
    check(
      "every order a client was told about exists once, and every order placed was told",
      untold.length === 0 && missing.length === 0 && told.size > 0,
      `${told.size} orders, ${retried} retries, ${refused} refused, ${untold.length} untold, ${missing.length} missing`,
    );
    const drained = await until("the outbox to drain", async () => {
      const [r] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxEvent" WHERE "publishedAt" IS NULL`);
      return r!.n === 0 ? true : null;
    }, 60_000).catch(() => false);
    check("the outbox drains after the restart", drained);

    // --- 2. SIGKILL while card payments are being authorised ------------------------------
    const [hot] = (
      await q<{ id: string; stock: number }>(
        `SELECT v.id, v.stock FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
         WHERE p.status = 'ACTIVE' AND p."deletedAt" IS NULL AND v.stock >= ${CUSTOMERS} ORDER BY v.stock DESC, v.id LIMIT 1`,
      )
    );
    const stockBefore = hot!.stock;
    const card = { method: "card", cardNumber: "4242424242424242", expiry: "12/39", cvc: "123" };
    const keys = clients.map((_, w) => `crash-card-${w}-${randomBytes(4).toString("hex")}`);
    const inputOf = (w: number) => ({ idempotencyKey: keys[w], lines: [{ variantId: hot!.id, quantity: 1 }], delivery: DELIVERY, payment: card });
    const doomed = clients.map((c, w) => c.trpc<{ id: string }>("orders.place", inputOf(w)).catch(() => ({ ok: false as const, status: 0, code: undefined })));
    const pendingRows = await until("every card checkout to be waiting for its payment", async () => {
      const rows = await q<{ id: string; key: string; until: number }>(
        `SELECT o.id, o."idempotencyKey" AS key, extract(epoch FROM o."reservedUntil")::float8 AS until FROM "Order" o
         JOIN "OrderItem" i ON i."orderId" = o.id WHERE i."variantId" = '${hot!.id}' AND o.status = 'PENDING_PAYMENT'`,
      );
      return rows.length === CUSTOMERS ? rows : null;
    }, 30_000);
    const [{ stock: reserved }] = (await q<{ stock: number }>(`SELECT stock FROM "Variant" WHERE id = '${hot!.id}'`)) as [{ stock: number }];
    check("card checkouts reserved their units and wait for the card", reserved === stockBefore - CUSTOMERS, `${pendingRows.length} pending, stock ${stockBefore} -> ${reserved}`);
    const killedAt = Date.now();
    process.kill(second.pid, "SIGKILL");
    console.log(`  killed the app (pid ${second.pid}) with ${CUSTOMERS} card authorisations in flight`);
    const doomedAnswers = await Promise.all(doomed);
    const third = await until("the app to come back", async () => {
      const h = await health();
      return h && h.pid !== second.pid ? h : null;
    }, 120_000);
    const [{ t: backAt }] = (await q<{ t: number }>(`SELECT extract(epoch FROM timezone('UTC', now()))::float8 AS t`)) as [{ t: number }];
    console.log(`  the app is back (pid ${third.pid}) after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
    // Half the customers try again with the same key (their browser retries); the rest are gone.
    const retryAnswers = await Promise.all(clients.slice(0, CUSTOMERS / 2).map((c, w) => c.trpc<{ id: string; status: string }>("orders.place", inputOf(w))));
    const settled = await until("every reservation to be settled", async () => {
      const [r] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" WHERE status = 'PENDING_PAYMENT'`);
      return r!.n === 0 ? true : null;
    }, (RESERVATION_SECONDS + 30) * 1000).catch(() => false);
    check("no order is left waiting for its payment", settled);
    const outcome = await q<{ id: string; status: string; released: number | null }>(
      `SELECT o.id, o.status::text AS status,
              (SELECT extract(epoch FROM h."createdAt")::float8 FROM "OrderStatusHistory" h WHERE h."orderId" = o.id AND h."toStatus" = 'PAYMENT_FAILED') AS released
       FROM "Order" o WHERE o.id = ANY(ARRAY[${pendingRows.map((r) => `'${r.id}'`).join(",")}])`,
    );
    const byId = new Map(outcome.map((o) => [o.id, o]));
    const retriedKeys = new Set(keys.slice(0, CUSTOMERS / 2));
    const resumedOk = retryAnswers.every((a) => a.ok || a.code === "PAYMENT_EXPIRED");
    const placedPerKey = await q<{ key: string; n: number }>(
      `SELECT "idempotencyKey" AS key, count(*)::int AS n FROM "Order" WHERE "idempotencyKey" = ANY(ARRAY[${[...retriedKeys].map((k) => `'${k}'`).join(",")}]) AND status = 'PAID' GROUP BY 1`,
    );
    check(
      "a retry with the same key finishes the reserved order (one order per key, one reservation)",
      resumedOk && placedPerKey.every((p) => p.n === 1) && placedPerKey.length === retryAnswers.filter((a) => a.ok).length,
      `${retryAnswers.filter((a) => a.ok).length} paid (${retryAnswers.filter((a) => a.ok && pendingRows.some((r) => r.id === a.data.id)).length} of them the order reserved before the kill), ${retryAnswers.filter((a) => !a.ok).map((a) => (a.ok ? "" : a.code)).join(",") || "none refused"}; before the kill: ${doomedAnswers.filter((a) => a.ok).length} answered`,
    );
    // Released no later than the reservation's end (or the restart, if it lapsed while the app
    // was down) plus one sweep interval and a little slack for a busy machine.
    const late = pendingRows
      .filter((r) => !retriedKeys.has(r.key))
      .map((r) => {
        const o = byId.get(r.id);
        return o?.status === "PAYMENT_FAILED" && o.released !== null ? o.released - Math.max(r.until, backAt) : Infinity;
      });
    const worst = Math.max(...late);
    check(
      "the sweeper released every abandoned reservation when it lapsed: no stock held past the reservation",
      late.length === CUSTOMERS / 2 && worst <= SWEEP_MS / 1000 + 3,
      `${late.length} released, at most ${worst.toFixed(1)} s after max(reservedUntil, restart); reservation ${RESERVATION_SECONDS} s, restart after ${(backAt - Math.min(...pendingRows.map((r) => r.until)) + RESERVATION_SECONDS).toFixed(1)} s`,
    );
    const [{ stock: after }] = (await q<{ stock: number }>(`SELECT stock FROM "Variant" WHERE id = '${hot!.id}'`)) as [{ stock: number }];
    const paidUnits = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Order" o JOIN "OrderItem" i ON i."orderId" = o.id WHERE i."variantId" = '${hot!.id}' AND o.status = 'PAID' AND o."createdAt" >= to_timestamp(${Math.floor(killedAt / 1000) - 120}) AT TIME ZONE 'UTC'`,
    );
    check("the units of every released reservation are back on sale", after === stockBefore - paidUnits[0]!.n, `stock ${stockBefore} -> ${after}, ${paidUnits[0]!.n} paid`);
    check("no partial order, and every variant's stock equals its ledger, after the card crash", (await q(partialSql)).length === 0 && (await q(ledgerSql)).length === 0);

    // --- 3. The sidecar in a crash loop ------------------------------------------------------
    let pagesServed = 0;
    let pagesFailed = 0;
    let sawDown = false;
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const res = await fetch(`${BASE}/`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
        if (res?.ok) pagesServed += 1;
        else pagesFailed += 1;
        await res?.body?.cancel();
        if ((await health())?.parts.sidecar === "down") sawDown = true;
        await sleep(250);
      }
    })();
    const sidecarPid = async () => {
      const res = await fetch(`http://127.0.0.1:${SIDECAR_PORT}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      return res?.ok ? ((await res.json()) as { pid: number }).pid : null;
    };
    let pid = await until("the sidecar", sidecarPid, 10_000);
    for (let i = 0; i < 6; i++) {
      process.kill(pid, "SIGKILL");
      const old = pid;
      pid = await until(`the sidecar to come back after crash ${i + 1}`, async () => {
        const p = await sidecarPid();
        return p && p !== old ? p : null;
      }, 60_000);
    }
    probing = false;
    await prober;
    check("the sidecar comes back after six crashes in a row", true, `pid ${pid}`);
    check("the shop served pages all through the sidecar's crash loop", pagesFailed === 0 && pagesServed > 0, `${pagesServed} served, ${pagesFailed} failed`);
    check("/api/health said the sidecar was down while it was", sawDown);
    return checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    await db.end().catch(() => {});
    shop.kill("SIGTERM");
    await new Promise((r) => shop.once("exit", r));
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

const code = await main().catch((err: unknown) => {
  console.error(`crash recovery failed: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
});
console.log(`crash recovery: ${checks.filter((c) => c.ok).length} passed, ${checks.filter((c) => !c.ok).length} failed`);
process.exit(code);
