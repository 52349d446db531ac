import { TRPCClientError } from "@trpc/client";

export interface AppErrorData {
  appCode?: string;
  fieldErrors?: Record<string, string[]> | null;
  details?: Record<string, unknown> | null;
}

/** The message and field errors of a failed tRPC call, for forms. */
export function describeError(err: unknown): { message: string; fieldErrors: Record<string, string>; appCode?: string } {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as AppErrorData;
    const fieldErrors: Record<string, string> = {};
    for (const [k, v] of Object.entries(data.fieldErrors ?? {})) if (v[0]) fieldErrors[k] = v[0];
    return { message: err.message, fieldErrors, appCode: data.appCode };
  }
  return { message: "Something went wrong. Check your connection and try again.", fieldErrors: {} };
}
