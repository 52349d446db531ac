// One REST operation, declared once: its method and path, who may call it (anyone, a customer
// token, an API key with a scope), the zod schemas of its path parameters, query, body and
// response (the handler validates with them and the OpenAPI document is generated from them),
// the errors it documents, and its handler. server/api/rest/dispatch.ts runs them;
// server/api/rest/openapi.ts describes them.
import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { AppErrorCode } from "@/server/errors";
import type { LimitName } from "@/server/limits";
import type { LiveSession } from "@/server/auth/sessions";
import type { ApiKeyPrincipal } from "@/server/services/api-keys";
import type { ApiScope } from "@/shared/api-scopes";

export type Principal = { kind: "anonymous" } | { kind: "customer"; session: LiveSession } | ApiKeyPrincipal;

/** Who may call: anyone; a customer's access token; a store's API key with `scope`; a platform
 * key with `scope` ("admin"); either kind of key with `scope` (it acts for its store, or for
 * the platform: webhooks). */
export type OperationAccess =
  | { kind: "public" }
  | { kind: "customer" }
  | { kind: "store-key"; scope: ApiScope }
  | { kind: "platform-key"; scope: ApiScope }
  | { kind: "any-key"; scope: ApiScope };

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface OperationContext<P, Q, B> {
  req: Request;
  db: Db;
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  clientAddress: string;
  limits: import("@/server/limits").Limits;
  /** The request's URL (for `next` links). */
  url: URL;
}

export interface OperationResult<R> {
  status: number;
  body: R;
  headers?: Record<string, string>;
}

export interface Operation<P = unknown, Q = unknown, B = unknown, R = unknown> {
  operationId: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path template under /api/v1, e.g. "/products/{slug}". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: OperationAccess;
  params?: z.ZodType<P> & AnyObject;
  query?: z.ZodType<Q> & AnyObject;
  body?: z.ZodType<B>;
  /** A body that is not JSON (a CSV file): its bytes reach the handler as `body`, unparsed, when
   * its media type is one of `types` (the service reads and checks them). */
  rawBody?: { types: readonly string[]; description: string };
  /** Headers the operation reads (documented; Idempotency-Key, If-Match). */
  headers?: { idempotencyKey?: "required"; ifMatch?: "required" | "optional" };
  response: { status: number; schema: z.ZodType<R>; description: string };
  /** The errors it may answer besides the ones every operation may (400, 401, 403, 413, 415, 429). */
  errors?: AppErrorCode[];
  /** A named rate limit also spent (the same as the tRPC procedure's). */
  limit?: LimitName;
  /** Body size limit in bytes (default BODY_LIMITS.route). */
  bodyLimit?: number;
  /** Writes (recorded in the audit log with the key's name when a key calls). */
  handler(ctx: OperationContext<P, Q, B>): Promise<OperationResult<R>>;
}

/** Declares an operation with its types inferred from its schemas. */
export function op<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(o: Operation<P, Q, B, R>): Operation {
  return o as unknown as Operation;
}
