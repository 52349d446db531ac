// tRPC initialisation: context (in two halves), error formatting, base procedures.
import "server-only";
import { initTRPC } from "@trpc/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import type { Db } from "@/server/db/client";
import { inTransaction, type Tx, type TxOptions } from "@/server/db/transaction";
import { errorBody, toAppError, toTRPCError } from "@/server/errors";
import { requireAdmin, requireSellerStore, requireUser, type SessionUser } from "./guards";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { kickAppRelay } from "@/server/realtime/kick";
import { getAppUrl } from "@/server/env";
import { ZCART_TOKEN, type CartOwner } from "@/server/services/cart/cart-owner";
import { mergeGuestCart } from "@/server/services/cart/merge-guest-cart";
import { getLimits, requestAddress, type LimitName, type Limits } from "@/server/limits";
import { derivedOnce } from "@/server/services/catalog/catalog-cache";

export interface ContextInner {
  db: Db;
  /** The caller's session, decoded (next-auth's JWT) and checked against the database
   * (server/auth/options.ts, one query) the first time a middleware or resolver asks, then
   * remembered for the request. Public procedures that never ask pay nothing for it; a request
   * without a session cookie never reaches next-auth at all (sessionLoader). decisions.md 116. */
  getSession(): Promise<Session | null>;
  /** Client address, for throttling; "test" in tests. */
  clientAddress: string;
  /** The guest cart token from the httpOnly cookie, and a way to set or clear the cookie; the
   * cart procedures turn them into `ctx.cart` (a CartOwner) with the session's user. */
  cartToken: string | null;
  setCartToken: (token: string | null) => void;
  /** Rate limits (server/limits): the app's for HTTP requests and renders; none unless given
   * in tests and scripts that build the context directly. */
  limits: Limits | null;
}

/** The half of the context that needs no request: tests build it directly, with a `session`
 * (or none), or with `getSession`, a loader called at most once and only when asked. */
export function createContextInner(opts: {
  db: Db;
  session?: Session | null;
  getSession?: () => Promise<Session | null>;
  clientAddress?: string;
  cartToken?: string | null;
  setCartToken?: (token: string | null) => void;
  limits?: Limits | null;
}): ContextInner {
  const load = opts.getSession ?? (() => Promise.resolve(opts.session ?? null));
  let session: Promise<Session | null> | null = null;
  return {
    db: opts.db,
    getSession: () => (session ??= load()),
    clientAddress: opts.clientAddress ?? "test",
    cartToken: opts.cartToken ?? null,
    setCartToken: opts.setCartToken ?? (() => undefined),
    limits: opts.limits ?? null,
  };
}

export const CART_COOKIE = "lm_cart";

function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** next-auth reads its session from every cookie whose name starts with this (chunks ".0", ".1"
 * of a large token; "__Secure-" before it on https): without one, it answers "no session". */
const SESSION_COOKIE_MARK = "next-auth.session-token";

/** The session loader of an HTTP request or render: no session cookie at all is no session,
 * answered here without next-auth (no JWT decryption, no database read); otherwise `decode`
 * (next-auth, then the server-side session check) runs. Either way only when first asked. */
export function sessionLoader(headers: Headers, decode: () => Promise<Session | null>): () => Promise<Session | null> {
  return () => ((headers.get("cookie") ?? "").includes(SESSION_COOKIE_MARK) ? decode() : Promise.resolve(null));
}

/** The request half: session (lazily), database and cart cookie for an HTTP request or RSC render.
 * `resHeaders` is there for HTTP requests (tRPC over fetch); an RSC render cannot set cookies. */
export async function createTRPCContext(opts: { headers: Headers; resHeaders?: Headers }): Promise<ContextInner> {
  const { getDb } = await import("@/server/db");
  const db = await getDb();
  const raw = readCookie(opts.headers, CART_COOKIE);
  return createContextInner({
    db,
    getSession: sessionLoader(opts.headers, async () => (await import("@/server/auth/session")).getSession()),
    clientAddress: requestAddress(opts.headers),
    limits: getLimits(),
    cartToken: raw && ZCART_TOKEN.test(raw) ? raw : null,
    setCartToken: opts.resHeaders
      ? (token) =>
          opts.resHeaders!.append(
            "set-cookie",
            `${CART_COOKIE}=${token ?? ""}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${token ? 60 * 60 * 24 * 30 : 0}${secureCookies() ? "; Secure" : ""}`,
          )
      : undefined,
  });
}

/** Whether cookies the app sets are Secure (APP_URL on https): read once, not per request. */
let secure: boolean | undefined;
function secureCookies(): boolean {
  return (secure ??= new URL(getAppUrl()).protocol === "https:");
}

/** What a procedure declares about its answers. `shared`: a read whose answer depends on its input
 * only, never on who asks (catalog reads): served with an ETag and `Cache-Control: no-cache`
 * (server/api/http.ts); everything else is `private, no-store`. decisions.md 118. */
export interface ProcedureMeta {
  shared?: boolean;
}

/** superjson both ways; an answer the catalogue cache serves again and again is serialised once
 * (its superjson form is kept beside it until it is invalidated: decisions.md 127). */
const transformer = {
  input: superjson,
  output: {
    serialize: (value: unknown) => derivedOnce(value, "superjson", () => superjson.serialize(value)),
    deserialize: superjson.deserialize,
  },
};

const t = initTRPC.context<ContextInner>().meta<ProcedureMeta>().create({
  transformer,
  // One formatter: every failure leaves with the ErrorBody of server/errors.ts under `data`.
  errorFormatter({ shape, error }) {
    const body = errorBody(toAppError(error.cause ?? error));
    return {
      ...shape,
      message: body.message,
      data: { ...shape.data, stack: undefined, appCode: body.appCode, fieldErrors: body.fieldErrors, details: body.details },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Maps AppError/Prisma errors through the one code table and logs what is unexpected. */
const errorMapping = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  // A mutation that succeeded has committed: events it recorded in the outbox go out now.
  if (result.ok && type === "mutation") kickAppRelay();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped.code === "INTERNAL_SERVER_ERROR") {
      logger.error("procedure failed", { path, type, err: result.error.cause ?? result.error });
    }
    return { ...result, error: mapped };
  }
  return result;
});

/** Metrics: one call of the procedure, its outcome ("ok" or the tRPC error code, after the
 * mapping above) and its time. */
const observed = t.middleware(async ({ next, path }) => {
  const started = performance.now();
  const result = await next();
  metrics.procedureCalls.inc({ api: "trpc", name: path, outcome: result.ok ? "ok" : result.error.code });
  metrics.procedureDuration.observe({ api: "trpc", name: path }, (performance.now() - started) / 1000);
  return result;
});

export const publicProcedure = t.procedure.use(observed).use(errorMapping);

/** A public read identical for every caller (it must not read the session, the cart or the
 * address): revalidated with an ETag instead of sent again. */
export const sharedReadProcedure = publicProcedure.meta({ shared: true });

/** A procedure under the named rate limit, per client address and per signed-in user:
 * `publicProcedure.use(limited("search"))`. Over it: RATE_LIMITED (429 with Retry-After). */
export function limited(name: LimitName) {
  return t.middleware(async ({ ctx, next }) => {
    // Per signed-in user too: the session is read for that (only when there is a session cookie).
    if (ctx.limits) await ctx.limits.consume(name, { ip: ctx.clientAddress, user: (await ctx.getSession())?.user?.id ?? null });
    return next();
  });
}

/** A signed-in caller: the one place the session is asked for on behalf of a procedure. */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.getSession();
  const user = requireUser(session);
  return next({ ctx: { ...ctx, session: session!, user } });
});

/** A seller with a store; `ctx.store` is the store every query must be scoped to. */
export const sellerProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const store = await requireSellerStore(ctx.db, ctx.user);
  return next({ ctx: { ...ctx, store } });
});

export const adminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  await requireAdmin(ctx.db, ctx.user);
  return next({ ctx });
});

/** Whose keys and webhooks a procedure manages: the seller's store (`seller.*`) or the platform
 * (`admin.*`), and who acts. The same guards as sellerProcedure and adminProcedure. */
export interface Owner {
  actor: { id: string; role: SessionUser["role"] };
  storeId: string | null;
}
function ownerProcedure(kind: "store" | "platform") {
  return protectedProcedure.use(async ({ ctx, next }) => {
    const actor = { id: ctx.user.id, role: ctx.user.role };
    if (kind === "store") {
      const store = await requireSellerStore(ctx.db, ctx.user);
      return next({ ctx: { ...ctx, owner: { actor, storeId: store.id } satisfies Owner as Owner } });
    }
    await requireAdmin(ctx.db, ctx.user);
    return next({ ctx: { ...ctx, owner: { actor, storeId: null } satisfies Owner as Owner } });
  });
}
export const storeOwnerProcedure = ownerProcedure("store");
export const platformOwnerProcedure = ownerProcedure("platform");
/** A procedure acting for an Owner; routers built over it serve both `seller.*` and `admin.*`. */
export type OwnerProcedure = typeof storeOwnerProcedure;

/** The cart procedures: a signed-in shopper's leftover guest cart is merged into theirs first
 * (quantities summed, capped at stock, the shopper told what changed), in its own transaction. */
export const cartProcedure = publicProcedure.use(async ({ ctx, next }) => {
  // The cart is the signed-in user's (so the session is read here), else the cookie's.
  const userId = (await ctx.getSession())?.user.id ?? null;
  const cart: CartOwner = {
    userId,
    token: ctx.cartToken,
    setToken(token) {
      cart.token = token;
      ctx.setCartToken(token);
    },
  };
  if (userId && cart.token) {
    const token = cart.token;
    await inTransaction(ctx.db, (tx) => mergeGuestCart(tx, token, userId), { maxWait: 10_000, timeout: 20_000 });
    cart.setToken(null);
  }
  return next({ ctx: { ...ctx, cart } });
});

export interface SellerActor {
  userId: string;
  storeId: string;
}

/** Who acts for a seller procedure's writes: the user, in the store of the call. */
export function sellerActor(ctx: { user: { id: string }; store: { id: string } }): SellerActor {
  return { userId: ctx.user.id, storeId: ctx.store.id };
}

/** A seller procedure's write: the service runs in a transaction opened here, as the caller in
 * their store. `sellerProcedure.input(Z).mutation(sellerWrite(createProduct))`. */
export function sellerWrite<I, O>(service: (tx: Tx, actor: SellerActor, input: I) => Promise<O>, opts?: TxOptions) {
  return ({ ctx, input }: { ctx: { db: Db; user: { id: string }; store: { id: string } }; input: I }) =>
    inTransaction(ctx.db, (tx) => service(tx, sellerActor(ctx), input), opts);
}
