// One error vocabulary for the whole server: services throw AppError; the tRPC layer maps the
// code to a tRPC/HTTP code in exactly one table, and Prisma's own errors are mapped here too.
import "server-only";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { Prisma } from "@/generated/prisma/client.ts";

export const APP_ERROR_CODES = {
  VALIDATION: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  VERSION_CONFLICT: "CONFLICT",
  IDEMPOTENCY_CONFLICT: "CONFLICT",
  INSUFFICIENT_STOCK: "CONFLICT",
  PAYMENT_DECLINED: "PAYMENT_REQUIRED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const satisfies Record<string, TRPC_ERROR_CODE_KEY>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { fieldErrors?: FieldErrors; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
  }
}

/** Prisma's known errors, mapped once. Anything else is left as it is (an internal error). */
export function fromPrismaError(err: unknown): AppError | undefined {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") {
      const target = (err.meta?.target as string[] | string | undefined) ?? [];
      return new AppError("CONFLICT", "That value is already taken", {
        cause: err,
        details: { target: Array.isArray(target) ? target : [target] },
      });
    }
    if (err.code === "P2025") return new AppError("NOT_FOUND", "Not found", { cause: err });
    if (err.code === "P2003") return new AppError("VALIDATION", "A referenced record does not exist", { cause: err });
    if (err.code === "P2010") {
      // A raw query ($queryRaw/$executeRaw) failed: the adapter names the violation.
      const kind = (err.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause?.kind;
      if (kind === "UniqueConstraintViolation") return new AppError("CONFLICT", "That value is already taken", { cause: err });
      if (kind === "ForeignKeyConstraintViolation") return new AppError("VALIDATION", "A referenced record does not exist", { cause: err });
    }
  }
  return undefined;
}

export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  const app = err instanceof AppError ? err : fromPrismaError(err);
  if (app) return new TRPCError({ code: APP_ERROR_CODES[app.code], message: app.message, cause: app });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong", cause: err });
}
