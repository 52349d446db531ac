// The OpenAPI 3.1 document of the REST API, generated (zod-openapi) from the operations'
// own zod schemas: what the handlers validate with is what the document says. Served at
// GET /api/v1/openapi.json; /docs/api renders it.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { AppError, httpStatusOf, type AppErrorCode } from "@/server/errors";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES } from "@/shared/api-scopes";
import { API_BASE } from "./dispatch";
import type { Operation } from "./operation";
import { ZProblem } from "./problem";

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields)",
  401: "No, unknown, revoked or expired credentials",
  402: "The payment was declined",
  403: "The credential may not do this (wrong kind, missing scope)",
  404: "Not found (or not the caller's)",
  405: "Method not allowed",
  409: "Conflict (appCode tells which)",
  412: "If-Match names an old version: details.current is the current state",
  413: "The body is too large",
  415: "The body is not of the media type the operation reads (JSON, or none)",
  429: "Rate limited: wait Retry-After seconds",
};

/** A problem response; the description names the appCodes this operation may answer with it. */
const problem = (status: number, codes: readonly AppErrorCode[]) => ({
  description: `${ERROR_TEXT[status] ?? "Error"}. appCode: ${codes.join(", ")}`,
  content: { "application/problem+json": { schema: ZProblem } },
});

const RATE_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed in the window", schema: { type: "integer" as const } },
  "RateLimit-Remaining": { description: "Requests left in the window", schema: { type: "integer" as const } },
  "RateLimit-Reset": { description: "Seconds until the window resets", schema: { type: "integer" as const } },
};

/** Every error status the operation can answer, with the appCodes behind each. What the
 * dispatcher itself answers depends on the operation's shape: 400 only when it takes input
 * (path, query, headers or a body), 413/415 when it reads a body (a write without one refuses a
 * body with 415), 403 when it needs a credential, 401 and 429 always (a credential sent to a
 * public operation must be valid too). test/rest/rest-contract.test.ts
 * calls every operation with each of them. */
export function errorStatusesOf(o: Operation): Map<number, AppErrorCode[]> {
  const codes: AppErrorCode[] = ["RATE_LIMITED", ...(o.errors ?? [])];
  if (o.params || o.query || o.body || o.rawBody || o.headers) codes.push("VALIDATION");
  if (o.body || o.rawBody || o.method !== "GET") codes.push("TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE");
  // A credential that is sent must be valid, on public operations too (they may be called with one).
  codes.push("UNAUTHENTICATED");
  if (o.access.kind !== "public") codes.push("FORBIDDEN");
  const out = new Map<number, AppErrorCode[]>();
  for (const c of new Set(codes)) {
    const status = c === "VERSION_CONFLICT" && o.headers?.ifMatch ? 412 : httpStatusOf(new AppError(c, ""));
    out.set(status, [...(out.get(status) ?? []), c]);
  }
  return new Map([...out.entries()].sort(([a], [b]) => a - b));
}

function operationObject(o: Operation): ZodOpenApiOperationObject {
  const headerShape: Record<string, z.ZodType> = {};
  if (o.headers?.idempotencyKey) headerShape["Idempotency-Key"] = zText().min(8).max(100).meta({ description: "One key per attempt; retries send the same key" });
  if (o.headers?.ifMatch === "required") headerShape["If-Match"] = zText().meta({ description: 'The version you loaded (the ETag, e.g. "3")' });
  if (o.headers?.ifMatch === "optional") headerShape["If-Match"] = zText().optional().meta({ description: 'The version you loaded (the ETag, e.g. "3"); without it, whatever is saved now' });
  const responses: Record<string, unknown> = {
    [String(o.response.status)]: {
      description: o.response.description,
      headers: RATE_HEADERS,
      ...(o.response.status === 204 ? {} : { content: { "application/json": { schema: o.response.schema } } }),
    },
  };
  for (const [s, codes] of errorStatusesOf(o)) responses[String(s)] = problem(s, codes);
  const security: Record<string, string[]>[] =
    o.access.kind === "public"
      ? [{}, { customerToken: [] }, { apiKey: [] }]
      : o.access.kind === "customer"
        ? [{ customerToken: [] }]
        : [{ apiKey: [o.access.scope] }];
  return {
    operationId: o.operationId,
    summary: o.summary,
    description: [o.description, o.access.kind === "store-key" ? `Needs a store's API key with the \`${o.access.scope}\` scope.` : o.access.kind === "platform-key" ? `Needs a platform API key with the \`${o.access.scope}\` scope.` : o.access.kind === "any-key" ? `Needs a store's API key (for the store's own) or a platform key (for the platform's) with the \`${o.access.scope}\` scope.` : o.access.kind === "customer" ? "Needs a customer access token." : undefined]
      .filter(Boolean)
      .join("\n\n"),
    tags: [o.tag],
    security,
    ...(o.access.kind !== "public" ? { "x-required-scope": o.access.kind === "customer" ? null : o.access.scope } : {}),
    requestParams: {
      ...(o.params ? { path: o.params as z.ZodObject } : {}),
      ...(o.query ? { query: o.query as z.ZodObject } : {}),
      ...(Object.keys(headerShape).length ? { header: z.object(headerShape) } : {}),
    },
    ...(o.body ? { requestBody: { required: true, content: { "application/json": { schema: o.body } } } } : {}),
    ...(o.rawBody
      ? { requestBody: { required: true, description: o.rawBody.description, content: Object.fromEntries(o.rawBody.types.map((t) => [t, { schema: { type: "string" as const } }])) } }
      : {}),
    responses: responses as unknown as ZodOpenApiResponsesObject,
  };
}

export function buildOpenApiDocument(operations: readonly Operation[], serverUrl = "/"): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const o of operations) {
    const key = `${API_BASE}${o.path}`;
    paths[key] = { ...paths[key], [o.method.toLowerCase()]: operationObject(o) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Livemarket REST API",
      version: "1.0.0",
      description:
        "Headless access to Livemarket. Public catalog reads need no credentials; customers use access tokens from POST /api/v1/auth/token; stores and admins use API keys. Errors are application/problem+json (RFC 9457). See docs/api.md.",
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "lm_live_<prefix>_<secret>",
          description: `A store's or the platform's API key. Scopes: ${API_SCOPES.map((s) => `\`${s}\` (${API_SCOPE_DESCRIPTIONS[s]})`).join("; ")}.`,
        },
        customerToken: { type: "http", scheme: "bearer", bearerFormat: "lm_at_…", description: "A customer's access token (15 minutes), from POST /api/v1/auth/token or /auth/refresh." },
      },
    },
  });
}
