// tRPC initialisation: context (in two halves), error formatting, base procedures.
import { initTRPC, TRPCError } from "@trpc/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "@/server/db/client";
import { AppError, toTRPCError, type FieldErrors } from "@/server/errors";
import { logger } from "@/server/observability/logger";

export interface ContextInner {
  db: Db;
  session: Session | null;
  /** Client address, for throttling; "test" in tests. */
  clientAddress: string;
}

/** The half of the context that needs no request: tests build it directly. */
export function createContextInner(opts: { db: Db; session?: Session | null; clientAddress?: string }): ContextInner {
  return { db: opts.db, session: opts.session ?? null, clientAddress: opts.clientAddress ?? "test" };
}

/** The request half: resolves session and database for an incoming HTTP request or RSC render. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<ContextInner> {
  const [{ getDb }, { getSession }] = await Promise.all([import("@/server/db"), import("@/server/auth/session")]);
  const [db, session] = await Promise.all([getDb(), getSession()]);
  const fwd = opts.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return createContextInner({ db, session, clientAddress: fwd || opts.headers.get("x-real-ip") || "unknown" });
}

function fieldErrorsOf(cause: unknown): FieldErrors | undefined {
  if (cause instanceof ZodError) {
    return z.flattenError(cause).fieldErrors as FieldErrors;
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
  const store = await ctx.db.store.findUnique({ where: { ownerId: ctx.user.id }, select: { id: true, name: true, slug: true } });
  if (!store) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This seller has no store yet", cause: new AppError("FORBIDDEN", "This seller has no store yet") });
  }
  return next({ ctx: { ...ctx, store } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Admin access only", cause: new AppError("FORBIDDEN", "Admin access only") });
  }
  return next({ ctx });
});
