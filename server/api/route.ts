// Route handlers (CSV export, import run, uploads, and every handler to come) go through the same
// guard chain as tRPC procedures (server/api/guards.ts) and answer errors from the same code
// table: `routeHandler("seller", async ({ db, user, store, req }) => …)`. Nothing in app/ reads
// the session or checks a role by hand.
import "server-only";
import type { Session } from "next-auth";
import { getSession } from "@/server/auth/session";
import { getDb } from "@/server/db";
import type { Db } from "@/server/db/client";
import { errorBody, httpStatusOf, retryAfterSeconds, toAppError } from "@/server/errors";
import { getLimits, requestAddress, type LimitName } from "@/server/limits";
import { logger } from "@/server/observability/logger";
import { requireAdmin, requireSellerStore, requireUser, type SessionUser, type StoreScope } from "./guards";

export type Access = "public" | "signed-in" | "seller" | "admin";

interface BaseContext<P> {
  req: Request;
  /** The client's address (server/limits/client-address.ts). */
  clientAddress: string;
  params: P;
  db: Db;
  session: Session | null;
}

export type RouteContext<A extends Access, P> = BaseContext<P> &
  (A extends "public" ? { user: null } : { user: SessionUser }) &
  (A extends "seller" ? { store: StoreScope } : unknown);

/** A failure as the JSON body `{ message, appCode, fieldErrors, details }` with its status. */
export function errorResponse(err: unknown): Response {
  const app = toAppError(err);
  if (app.code === "INTERNAL") logger.error("route handler failed", { err });
  const wait = retryAfterSeconds(app);
  return Response.json(errorBody(app), {
    status: httpStatusOf(app),
    headers: { "cache-control": "no-store", ...(wait ? { "retry-after": String(wait) } : {}) },
  });
}

/** `limit`: a named rate limit (server/limits) spent per address and per user before the
 * handler runs, after the access checks; over it: 429 with Retry-After. */
export function routeHandler<A extends Access, P = Record<string, never>>(
  access: A,
  handler: (ctx: RouteContext<A, P>) => Promise<Response>,
  opts: { limit?: LimitName } = {},
): (req: Request, segment: { params: Promise<P> }) => Promise<Response> {
  return async (req, segment) => {
    try {
      // Public handlers serve anyone the same answer: no session is read for them.
      const [db, session, params] = await Promise.all([
        getDb(),
        access === "public" ? null : getSession(),
        segment?.params ?? Promise.resolve({} as P),
      ]);
      const user = access === "public" ? null : requireUser(session);
      if (access === "admin") await requireAdmin(db, user!);
      const store = access === "seller" ? await requireSellerStore(db, user!) : undefined;
      const clientAddress = requestAddress(req.headers);
      if (opts.limit) await getLimits().consume(opts.limit, { ip: clientAddress, user: user?.id ?? null });
      return await handler({ req, clientAddress, params, db, session, user, store } as RouteContext<A, P>);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
