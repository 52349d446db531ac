// One error vocabulary for the whole server: services throw AppError; the tRPC layer maps the
// code to a tRPC/HTTP code in exactly one table, and Prisma's own errors are mapped here too.
import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { Prisma } from "@/generated/prisma/client.ts";

export const APP_ERROR_CODES = {
  VALIDATION: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  // Staff without two-factor (or a session that has not passed it): /account/security first.
  TWO_FACTOR_REQUIRED: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  VERSION_CONFLICT: "CONFLICT",
  IDEMPOTENCY_CONFLICT: "CONFLICT",
  INSUFFICIENT_STOCK: "CONFLICT",
  PAYMENT_DECLINED: "PAYMENT_REQUIRED",
  // A card checkout whose payment answered after its reservation had lapsed (docs/api.md
  // "Order lifecycle"): the authorisation was voided, nothing was charged; try again.
  PAYMENT_EXPIRED: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
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
  const app = toAppError(err);
  return new TRPCError({ code: APP_ERROR_CODES[app.code], message: app.message, cause: app });
}

/** What a client is told about a failure, everywhere (tRPC's error data, route handlers'
 * JSON bodies, the import stream's error line): the message, the code, field errors and details. */
export interface ErrorBody {
  message: string;
  appCode: AppErrorCode;
  fieldErrors: FieldErrors | null;
  details: Record<string, unknown> | null;
}

/** Zod issues as field errors keyed by dotted path ("delivery.email"), so forms can put each
 * message next to its field. */
export function zodFieldErrors(err: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Any error as an AppError: ours, a zod validation failure, a known Prisma error, or INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError("VALIDATION", "Some fields need attention", { fieldErrors: zodFieldErrors(err), cause: err });
  if (err instanceof TRPCError) {
    if (err.cause instanceof AppError || err.cause instanceof ZodError) return toAppError(err.cause);
    // tRPC's own refusals (unknown procedure, unreadable request): the nearest code, its message.
    const code = Object.entries(APP_ERROR_CODES).find(([, t]) => t === err.code)?.[0] as AppErrorCode | undefined;
    if (code) return new AppError(code, err.message, { cause: err });
    if (err.code !== "INTERNAL_SERVER_ERROR") return new AppError("VALIDATION", err.message, { cause: err });
  }
  return fromPrismaError(err) ?? new AppError("INTERNAL", "Something went wrong", { cause: err });
}

export function errorBody(err: AppError): ErrorBody {
  return {
    message: err.code === "INTERNAL" ? "Something went wrong" : err.message,
    appCode: err.code,
    fieldErrors: err.fieldErrors ?? null,
    details: err.details ?? null,
  };
}

/** The seconds a refused client should wait (RATE_LIMITED), for a Retry-After header. */
export function retryAfterSeconds(err: unknown): number | undefined {
  const app = err instanceof AppError ? err : err instanceof TRPCError && err.cause instanceof AppError ? err.cause : undefined;
  const wait = app?.code === "RATE_LIMITED" ? app.details?.retryAfterSeconds : undefined;
  return typeof wait === "number" && wait > 0 ? Math.ceil(wait) : undefined;
}

/** The HTTP status of an AppError, from the same code table as tRPC's. */
export function httpStatusOf(err: AppError): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: APP_ERROR_CODES[err.code] }));
}
