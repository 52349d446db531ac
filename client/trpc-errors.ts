import type { z } from "zod";
import { TRPCClientError } from "@trpc/client";

export interface AppErrorData {
  appCode?: string;
  fieldErrors?: Record<string, string[]> | null;
  details?: Record<string, unknown> | null;
}

/** The message and field errors of a failed tRPC call, for forms. */
export function describeError(err: unknown): { message: string; fieldErrors: Record<string, string>; appCode?: string; details?: Record<string, unknown> | null } {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as AppErrorData;
    const fieldErrors: Record<string, string> = {};
    for (const [k, v] of Object.entries(data.fieldErrors ?? {})) if (v[0]) fieldErrors[k] = v[0];
    return { message: err.message, fieldErrors, appCode: data.appCode, details: data.details };
  }
  return { message: "Something went wrong. Check your connection and try again.", fieldErrors: {} };
}

/** A form's values checked in the browser with the procedure's own schema: the data, or the
 * first message for each field, in the same shape as describeError's fieldErrors. `message`
 * words an issue in the shopper's language (client/i18n-errors.ts useIssueMessage); without it,
 * the schema's own message. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  values: Record<string, unknown>,
  message?: (field: string, issue: z.core.$ZodIssue) => string,
): { data: z.output<S>; fieldErrors?: undefined } | { data?: undefined; fieldErrors: Record<string, string> } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    fieldErrors[field] ??= message ? message(field, issue) : issue.message;
  }
  return { fieldErrors };
}
