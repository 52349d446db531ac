// The order service's endpoints (app/api/orders/…): GET /api/orders, GET /api/orders/{order_uid}
// and POST /api/orders/test. Orders are answered in the order event format (the JSON of
// test/fixtures/order-event.json, field for field) from the order cache (order-cache.ts).
//
// Who may read: an API key with `orders:read` (Authorization: Bearer lm_live_…, checked by the
// REST API's key authentication: a platform key sees every order, a store's key only orders with
// that store's items; another store's order answers 404 like a missing one), or an admin's
// session. No credential: 401; a key without the scope or a non-admin session: 403. Failures are
// application/problem+json like the REST API's.
//
// POST /api/orders/test publishes the fixture with a fresh order_uid to livemarket:orders:in and
// answers 202 {order_uid}. Open where `testEndpointOpen()` says (decision 95), else admins only.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { getDb } from "@/server/db";
import type { Session } from "next-auth";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { getSession } from "@/server/auth/session";
import { requireAdmin, requireUser } from "@/server/api/guards";
import { assertContentType, assertSameOrigin, BODY_LIMITS, readBoundedBody } from "@/server/http/request-guards";
import { requestAddress } from "@/server/limits";
import { authenticateApiKey } from "@/server/services/api-keys";
import { problemResponse } from "@/server/api/rest/problem";
import { API_KEY_PREFIX } from "@/shared/api-scopes";
import { zText } from "@/shared/text";
import { UNPLACED_STATUSES } from "@/shared/orders";
import { currentRequestId } from "@/server/observability/request-context";
import { FIXTURE_ORDER_EVENT } from "@/server/services/orders/order-event-fixture";
import { getOrderCache, getStreamTransport } from "./index";
import { ORDERS_IN, type StreamTransport } from "./transport";
import type { CachedOrder, OrderCache } from "./order-cache";

/** What the endpoints use; the app's defaults below, tests give their database and session. */
export interface OrderApiDeps {
  getDb(): Promise<Db>;
  getSession(): Promise<Session | null>;
  getCache(): Promise<OrderCache>;
  getTransport(): Promise<StreamTransport>;
  testEndpointOpen(): boolean;
}

/** Who reads: every order, or the orders holding one store's items. */
type Reader = { all: true } | { all: false; storeId: string };

async function readerOf(deps: OrderApiDeps, db: Db, req: Request): Promise<Reader> {
  const h = req.headers.get("authorization");
  if (h) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (!m || !m[1]!.startsWith(API_KEY_PREFIX)) throw new AppError("UNAUTHENTICATED", "Send an API key as Authorization: Bearer lm_live_…");
    const key = await authenticateApiKey(db, m[1]!, requestAddress(req.headers));
    if (!key.scopes.includes("orders:read")) throw new AppError("FORBIDDEN", "This API key lacks the orders:read scope");
    return key.store ? { all: false, storeId: key.store.id } : { all: true };
  }
  const session = await deps.getSession();
  if (!session) throw new AppError("UNAUTHENTICATED", "Sign in as an admin or send an API key with the orders:read scope");
  await requireAdmin(db, requireUser(session));
  return { all: true };
}

const visible = (r: Reader, o: CachedOrder) => r.all || o.storeIds.includes(r.storeId);

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

function handle(deps: OrderApiDeps, fn: (req: Request, db: Db) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      return await fn(req, await deps.getDb());
    } catch (err) {
      return problemResponse(err, new Headers());
    }
  };
}

const ZUid = zText().min(1).max(64);

/** Cursor: the last order's createdAt and id, base64url (opaque to clients). */
const ZCursor = zText()
  .max(200)
  .transform((s, ctx) => {
    const [at, id, extra] = Buffer.from(s, "base64url").toString("utf8").split("|");
    const date = new Date(at ?? "");
    if (!id || extra !== undefined || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "cursor is not one this API gave out" });
      return z.NEVER;
    }
    return { at: date, id };
  });
const ZListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: ZCursor.optional() }).strict();

/** Whether anyone may call POST /api/orders/test: yes in development and tests, and in the embedded
 * default (no DATABASE_URL: one machine trying the shop out); admins only in production on a
 * database server (decision 95). */
export function testEndpointOpen(): boolean {
  return env.NODE_ENV !== "production" || !env.DATABASE_URL;
}

const ZOverrides = z.record(zText(), z.unknown());
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createOrderApi(deps: OrderApiDeps) {
  const getOne = async (req: Request, orderUid: string) =>
    handle(deps, async (_req, db) => {
      const reader = await readerOf(deps, db, req);
      const uid = ZUid.safeParse(orderUid);
      if (!uid.success) throw new AppError("VALIDATION", "order_uid must be 1 to 64 characters");
      const order = await (await deps.getCache()).get(uid.data);
      if (!order || !visible(reader, order)) throw new AppError("NOT_FOUND", "No such order");
      return json(order.event);
    })(req);

  const list = handle(deps, async (req, db) => {
    const reader = await readerOf(deps, db, req);
    const q = ZListQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) {
      throw new AppError("VALIDATION", "Invalid query", {
        fieldErrors: Object.fromEntries(q.error.issues.map((i) => [i.path.join(".") || "query", [i.message]])),
      });
    }
    const { limit, cursor } = q.data;
    const rows = await db.order.findMany({
      where: {
        ...(reader.all ? {} : { items: { some: { storeId: reader.storeId } } }),
        status: { notIn: [...UNPLACED_STATUSES] },
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, orderUid: true, createdAt: true },
    });
    const page = rows.slice(0, limit);
    const orders = await (await deps.getCache()).getMany(page.map((r) => r.orderUid));
    const last = page.at(-1);
    const next = rows.length > limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null;
    return json({ orders: orders.map((o) => o.event), next_cursor: next });
  });

  const postTest = handle(deps, async (req, db) => {
    assertSameOrigin(req);
    if (!deps.testEndpointOpen()) await requireAdmin(db, requireUser(await deps.getSession()));
    // Optionally a JSON object whose fields replace the fixture's (say `items` naming your SKUs);
    // it is published as it is, so an invalid one shows the dead-letter path. order_uid is always fresh.
    const body = await readBoundedBody(req, BODY_LIMITS.route);
    let overrides: Record<string, unknown> = {};
    if (body.byteLength > 0) {
      assertContentType(req, ["application/json"]);
      const parsed = ZOverrides.safeParse(safeJson(new TextDecoder().decode(body)));
      if (!parsed.success) throw new AppError("VALIDATION", "Send no body, or a JSON object whose fields replace the fixture's");
      overrides = parsed.data;
    }
    const uid = `test${randomBytes(8).toString("hex")}`;
    const event = { ...FIXTURE_ORDER_EVENT, payment: { ...FIXTURE_ORDER_EVENT.payment, transaction: uid }, ...overrides, order_uid: uid };
    // With this request's id: the consumer stores the order under it (its log lines name it).
    await (await deps.getTransport()).publish(ORDERS_IN, JSON.stringify(event), { requestId: currentRequestId() });
    return json({ order_uid: uid }, 202);
  });

  return { getOne, list, postTest };
}

/** The app's endpoints. */
export const orderApi = createOrderApi({ getDb, getSession, getCache: getOrderCache, getTransport: getStreamTransport, testEndpointOpen });
