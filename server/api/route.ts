// Route handlers (CSV export, import run, uploads, and every handler to come) go through the same
// guard chain as tRPC procedures (server/api/guards.ts) and answer errors from the same code
// table: `routeHandler("seller", async ({ db, user, store, req }) => …)`. Nothing in app/ reads
// the session or checks a role by hand.
//
// Before any of that, a state-changing request (POST, PUT, PATCH, DELETE) must come from the app's
// own origin, and its body is read here, once, through the bounded reader: `body` names the
// content types the handler reads and its size limit (default: no body types, BODY_LIMITS.route).
// Handlers get the bytes as `body` (or `formData()`), never read `req` themselves.
import "server-only";
import type { Session } from "next-auth";
import { getSession } from "@/server/auth/session";
import { getDb } from "@/server/db";
import type { Db } from "@/server/db/client";
import { AppError, errorBody, httpStatusOf, retryAfterSeconds, toAppError } from "@/server/errors";
import { getLimits, requestAddress, type LimitName } from "@/server/limits";
import { assertContentType, assertSameOrigin, BODY_LIMITS, isStateChanging, readBoundedBody, withBody } from "@/server/http/request-guards";
import { logger } from "@/server/observability/logger";
import { requireAdmin, requireSellerStore, requireUser, type SessionUser, type StoreScope } from "./guards";

export type Access = "public" | "signed-in" | "seller" | "admin";

interface BaseContext<P> {
  req: Request;
  params: P;
  db: Db;
  session: Session | null;
  /** The client's address (server/limits/client-address.ts). */
  clientAddress: string;
  /** The request body, read up to the route's limit (empty for GET/HEAD). */
  body: Uint8Array<ArrayBuffer>;
  /** The body parsed as multipart or urlencoded form data. */
  formData(): Promise<FormData>;
}

export interface RouteOptions {
  /** What a state-changing request may carry: its content types (media types without
   * parameters) and its size limit in bytes. Without it the route takes no body. */
  body?: { types: readonly string[]; limit: number; tooLarge?: string };
  /** A named rate limit (server/limits) spent per address and per user before the handler runs,
   * after the access checks; over it: 429 with Retry-After. */
  limit?: LimitName;
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

export function routeHandler<A extends Access, P = Record<string, never>>(
  access: A,
  handler: (ctx: RouteContext<A, P>) => Promise<Response>,
  opts: RouteOptions = {},
): (req: Request, segment: { params: Promise<P> }) => Promise<Response> {
  return async (req, segment) => {
    try {
      let body: Uint8Array<ArrayBuffer> = new Uint8Array(0);
      if (isStateChanging(req)) {
        assertSameOrigin(req);
        if (opts.body) {
          assertContentType(req, opts.body.types);
          body = await readBoundedBody(req, opts.body.limit, opts.body.tooLarge);
        } else {
          body = await readBoundedBody(req, BODY_LIMITS.route);
          if (body.byteLength > 0) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "This endpoint takes no request body");
        }
      }
      const formData = async () => {
        try {
          return await withBody(req, body).formData();
        } catch {
          throw new AppError("VALIDATION", "Send the body as form data");
        }
      };
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
      return await handler({ req, clientAddress, params, db, session, user, store, body, formData } as RouteContext<A, P>);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
