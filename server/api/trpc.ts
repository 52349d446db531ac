// tRPC initialisation: context (in two halves), error formatting, base procedures.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "@/server/db/client";
import { AppError, toTRPCError, type FieldErrors } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { kickAppRelay } from "@/server/realtime/kick";
import { getAppUrl } from "@/server/env";
import { ZCART_TOKEN, type CartOwner } from "@/server/services/cart/cart-owner";

export interface ContextInner {
  db: Db;
  session: Session | null;
  /** Client address, for throttling; "test" in tests. */
  clientAddress: string;
  /** The guest cart: token from the httpOnly cookie, and a way to set or clear it. */
  cart: CartOwner;
}

/** The half of the context that needs no request: tests build it directly. */
export function createContextInner(opts: {
  db: Db;
  session?: Session | null;
  clientAddress?: string;
  cartToken?: string | null;
  setCartToken?: (token: string | null) => void;
}): ContextInner {
  const session = opts.session ?? null;
  const cart: CartOwner = {
    userId: session?.user.id ?? null,
    token: opts.cartToken ?? null,
    setToken(token) {
      cart.token = token;
      opts.setCartToken?.(token);
    },
  };
  return { db: opts.db, session, clientAddress: opts.clientAddress ?? "test", cart };
}

export const CART_COOKIE = "lm_cart";

function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** The request half: session, database and cart cookie for an HTTP request or RSC render.
 * `resHeaders` is there for HTTP requests (tRPC over fetch); an RSC render cannot set cookies. */
export async function createTRPCContext(opts: { headers: Headers; resHeaders?: Headers }): Promise<ContextInner> {
  const [{ getDb }, { getSession }] = await Promise.all([import("@/server/db"), import("@/server/auth/session")]);
  const [db, session] = await Promise.all([getDb(), getSession()]);
  const fwd = opts.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const raw = readCookie(opts.headers, CART_COOKIE);
  const secure = new URL(getAppUrl()).protocol === "https:";
  return createContextInner({
    db,
    session,
    clientAddress: fwd || opts.headers.get("x-real-ip") || "unknown",
    cartToken: raw && ZCART_TOKEN.test(raw) ? raw : null,
    setCartToken: opts.resHeaders
      ? (token) =>
          opts.resHeaders!.append(
            "set-cookie",
            `${CART_COOKIE}=${token ?? ""}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${token ? 60 * 60 * 24 * 30 : 0}${secure ? "; Secure" : ""}`,
          )
      : undefined,
  });
}

function fieldErrorsOf(cause: unknown): FieldErrors | undefined {
  if (cause instanceof ZodError) {
    // Dotted paths ("delivery.email") so forms can put each message next to its field.
    const out: FieldErrors = {};
    for (const issue of cause.issues) {
      const key = issue.path.map(String).join(".") || "_form";
      (out[key] ??= []).push(issue.message);
    }
    return out;
  }
  if (cause instanceof AppError) return cause.fieldErrors;
  return undefined;
}

const t = initTRPC.context<ContextInner>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors = fieldErrorsOf(cause);
    return {
      ...shape,
      message: cause instanceof ZodError ? "Some fields need attention" : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: cause instanceof AppError ? cause.code : cause instanceof ZodError ? "VALIDATION" : undefined,
        fieldErrors: fieldErrors ?? null,
        details: cause instanceof AppError ? (cause.details ?? null) : null,
      },
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

export const publicProcedure = t.procedure.use(errorMapping);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue", cause: new AppError("UNAUTHENTICATED", "Sign in to continue") });
  }
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

/** A seller with a store; `ctx.store` is the store every query must be scoped to. */
export const sellerProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  if (ctx.user.role !== "SELLER") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Seller access only", cause: new AppError("FORBIDDEN", "Seller access only") });
  }
  // The session's role may be up to a minute old (auth options); this read happens anyway, so it
  // also checks the owner is still an enabled seller: a demotion or a disabling applies at once.
  const row = await ctx.db.store.findUnique({
    where: { ownerId: ctx.user.id },
    select: { id: true, name: true, slug: true, owner: { select: { role: true, disabledAt: true } } },
  });
  if (row && (row.owner.role !== "SELLER" || row.owner.disabledAt)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Seller access only", cause: new AppError("FORBIDDEN", "Seller access only") });
  }
  if (!row) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This seller has no store yet", cause: new AppError("FORBIDDEN", "This seller has no store yet") });
  }
  const store = { id: row.id, name: row.name, slug: row.slug };
  return next({ ctx: { ...ctx, store } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Admin access only", cause: new AppError("FORBIDDEN", "Admin access only") });
  }
  return next({ ctx });
});
