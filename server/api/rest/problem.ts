// Errors of the REST API as RFC 9457 problem documents (application/problem+json), from the same
// AppError code table as tRPC (server/errors.ts): `type`, `title`, `status`, `detail`, and our
// members `appCode`, `fieldErrors` and `details`.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { APP_ERROR_CODES, errorBody, httpStatusOf, retryAfterSeconds, toAppError, type AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export const ZProblem = z
  .object({
    type: zText().meta({ description: "A URI reference naming the problem type: /docs/api#problem-<appCode>" }),
    title: zText(),
    status: z.int32(),
    detail: zText(),
    appCode: z.enum(Object.keys(APP_ERROR_CODES) as [keyof typeof APP_ERROR_CODES, ...(keyof typeof APP_ERROR_CODES)[]]),
    fieldErrors: z.record(zText(), z.array(zText())).nullable(),
    details: z.record(zText(), z.unknown()).nullable(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details with the app's error code and field errors" });
export type Problem = z.infer<typeof ZProblem>;

export function problemOf(app: AppError, status = httpStatusOf(app)): Problem {
  const body = errorBody(app);
  return {
    type: `/docs/api#problem-${app.code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail: body.message,
    appCode: body.appCode,
    fieldErrors: body.fieldErrors,
    details: body.details,
  };
}

/** Any failure as a problem response. `statusOverride` maps a code to another status for one
 * operation (VERSION_CONFLICT answered 412 where the client sent If-Match). */
export function problemResponse(err: unknown, headers: Headers, statusOverride?: (app: AppError) => number | undefined): Response {
  const app = toAppError(err);
  if (app.code === "INTERNAL") logger.error("REST operation failed", { err });
  const status = statusOverride?.(app) ?? httpStatusOf(app);
  const wait = retryAfterSeconds(app);
  headers.set("content-type", "application/problem+json");
  headers.set("cache-control", "no-store");
  if (wait) headers.set("retry-after", String(wait));
  return new Response(JSON.stringify(problemOf(app, status)), { status, headers });
}
