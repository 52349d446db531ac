// The REST API's one entry point (app/api/v1/[...path]/route.ts). For every request, in order:
//  - CORS (API_CORS_ORIGINS) and preflights;
//  - the operation for the method and path (404 / 405 with Allow);
//  - the caller from `Authorization: Bearer`: an API key (lm_live_…) or a customer access token
//    (lm_at_…); cookies are never read, so there is nothing for a cross-site request to borrow
//    (no CSRF surface) and no Origin check is needed;
//  - the API's rate limit per key, per customer, or per address for anonymous calls, with
//    RateLimit-Limit/-Remaining/-Reset headers, 429 + Retry-After when spent;
//  - access: customer operations need a customer token, store operations a store's key with the
//    scope (401 with no or a bad credential, 403 with the wrong kind or a missing scope); a key
//    acts for its own store only (services scope every query to it: another store's row is 404);
//  - the operation's own named limit (the same as its tRPC procedure's);
//  - the body read through the bounded reader (server/http/request-guards.ts), JSON only;
//  - params, query and body validated with the operation's zod schemas (400 with field errors);
//  - the handler, within `withAuditVia` for a key's writes, so the audit log names the key;
//  - failures as application/problem+json (server/api/rest/problem.ts);
//  - caching: a public GET's 200 carries an ETag of its body and `Cache-Control: no-cache` (304
//    on a matching If-None-Match); everything else `no-store`.
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError, toAppError } from "@/server/errors";
import { assertContentType, BODY_LIMITS, readBoundedBody } from "@/server/http/request-guards";
import { requestAddress, type LimitKey, type Limits, type LimitState } from "@/server/limits";
import { authenticateApiKey } from "@/server/services/api-keys";
import { verifyAccessToken, ACCESS_TOKEN_PREFIX } from "@/server/auth/api-tokens";
import { withAuditVia } from "@/server/services/audit/record-audit";
import { kickAppRelay } from "@/server/realtime/kick";
import { API_KEY_PREFIX } from "@/shared/api-scopes";
import { corsHeaders, preflight } from "./cors";
import type { Operation, Principal } from "./operation";
import { problemResponse } from "./problem";
import { metrics } from "@/server/observability/metrics";
import { sharedReadResponse } from "@/server/http/etag";

export const API_BASE = "/api/v1";

export interface RestDeps {
  getDb(): Promise<Db>;
  limits: Limits;
  corsOrigins: readonly string[];
  /** The client address of a request (TRUSTED_PROXIES applied); tests give their own. */
  clientAddress?(req: Request): string;
}

interface CompiledRoute {
  regex: RegExp;
  names: string[];
  byMethod: Map<string, Operation>;
}

export function compileRoutes(operations: readonly Operation[]): CompiledRoute[] {
  const byPath = new Map<string, CompiledRoute>();
  for (const o of operations) {
    let route = byPath.get(o.path);
    if (!route) {
      const names: string[] = [];
      const source = o.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      route = { regex: new RegExp(`^${source}$`), names, byMethod: new Map() };
      byPath.set(o.path, route);
    }
    if (route.byMethod.has(o.method)) throw new Error(`Two operations for ${o.method} ${o.path}`);
    route.byMethod.set(o.method, o);
  }
  // Literal segments before parameters: /products/{slug} must not swallow a fixed path.
  return [...byPath.entries()].sort(([a], [b]) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0)).map(([, r]) => r);
}

function bearerOf(req: Request): string | null {
  const h = req.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AppError("UNAUTHENTICATED", "Send credentials as Authorization: Bearer <API key or access token>");
  return m[1]!;
}

async function principalOf(db: Db, req: Request, clientAddress: string): Promise<Principal> {
  const bearer = bearerOf(req);
  if (!bearer) return { kind: "anonymous" };
  if (bearer.startsWith(API_KEY_PREFIX)) return authenticateApiKey(db, bearer, clientAddress);
  if (bearer.startsWith(ACCESS_TOKEN_PREFIX)) return { kind: "customer", session: await verifyAccessToken(db, bearer) };
  throw new AppError("UNAUTHENTICATED", "This is neither an API key nor an access token");
}

function checkAccess(o: Operation, p: Principal): void {
  const a = o.access;
  if (a.kind === "public") return;
  if (p.kind === "anonymous") throw new AppError("UNAUTHENTICATED", a.kind === "customer" ? "Send a customer access token (POST /api/v1/auth/token)" : "Send an API key");
  if (a.kind === "customer") {
    if (p.kind !== "customer") throw new AppError("FORBIDDEN", "This operation is for customers: use a customer access token, not an API key");
    return;
  }
  if (p.kind !== "api-key") throw new AppError("FORBIDDEN", "This operation needs an API key");
  if (a.kind === "store-key" && !p.store) throw new AppError("FORBIDDEN", "This operation needs a store's API key");
  if (a.kind === "platform-key" && p.store) throw new AppError("FORBIDDEN", "This operation needs a platform API key");
  if (!p.scopes.includes(a.scope)) throw new AppError("FORBIDDEN", `This API key lacks the ${a.scope} scope`, { details: { requiredScope: a.scope } });
}

function limitOf(p: Principal, clientAddress: string): [LimitKey, string] {
  if (p.kind === "api-key") return ["api.key", p.keyId];
  if (p.kind === "customer") return ["api.user", p.session.userId];
  return ["api.ip", clientAddress];
}

function rateHeaders(headers: Headers, s: LimitState): void {
  headers.set("ratelimit-limit", String(s.limit));
  headers.set("ratelimit-remaining", String(s.remaining));
  headers.set("ratelimit-reset", String(s.resetSeconds));
}

/** The query string as an object: a repeated name becomes an array. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function fieldPrefixed(err: unknown, prefix: string): never {
  const app = toAppError(err);
  if (app.code === "VALIDATION" && app.fieldErrors && prefix) {
    const fe: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(app.fieldErrors)) fe[`${prefix}${k === "_form" ? "" : `.${k}`}`] = v;
    throw new AppError("VALIDATION", app.message, { fieldErrors: fe, cause: err });
  }
  throw app;
}

async function parseWith<T>(schema: { parseAsync(v: unknown): Promise<T> } | undefined, value: unknown, where: string): Promise<T> {
  if (!schema) return undefined as T;
  try {
    return await schema.parseAsync(value);
  } catch (err) {
    return fieldPrefixed(err, where);
  }
}

function withNoStore(headers: Headers): Headers {
  headers.set("cache-control", "no-store");
  return headers;
}

export function createRestHandler(operations: readonly Operation[], deps: RestDeps): (req: Request) => Promise<Response> {
  const routes = compileRoutes(operations);
  return async (req) => {
    const url = new URL(req.url);
    const headers = new Headers(corsHeaders(req.headers.get("origin"), deps.corsOrigins));
    if (req.method === "OPTIONS") return preflight(req, deps.corsOrigins);
    const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) || "/" : url.pathname;
    let operation: Operation | undefined;
    let rawParams: Record<string, string> = {};
    for (const r of routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      const method = req.method === "HEAD" ? "GET" : req.method;
      operation = r.byMethod.get(method);
      if (!operation) {
        headers.set("allow", [...r.byMethod.keys()].join(", "));
        return problemResponse(new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here`), headers, () => 405);
      }
      try {
        rawParams = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      } catch {
        return problemResponse(new AppError("VALIDATION", "The path is not valid"), headers);
      }
      break;
    }
    if (!operation) return problemResponse(new AppError("NOT_FOUND", `No operation at ${url.pathname}`), headers);
    const o = operation;
    const clientAddress = deps.clientAddress?.(req) ?? requestAddress(req.headers);
    // Metrics: one call of the operation, its outcome ("ok" or the error code) and its time.
    const started = performance.now();
    let outcome = "ok";

    try {
      const db = await deps.getDb();
      let principal: Principal;
      try {
        principal = await principalOf(db, req, clientAddress);
      } catch (err) {
        // A bad credential still spends the address's point: guessing keys is rate limited.
        const s = await deps.limits.take("api.ip", clientAddress);
        rateHeaders(headers, s);
        if (!s.allowed) throw new AppError("RATE_LIMITED", `Too many requests. Try again in ${s.resetSeconds} s.`, { details: { retryAfterSeconds: s.resetSeconds } });
        throw err;
      }
      const [limitKey, limitId] = limitOf(principal, clientAddress);
      const state = await deps.limits.take(limitKey, limitId);
      rateHeaders(headers, state);
      if (!state.allowed) throw new AppError("RATE_LIMITED", `Too many requests. Try again in ${state.resetSeconds} s.`, { details: { retryAfterSeconds: state.resetSeconds } });
      checkAccess(o, principal);
      if (o.limit) await deps.limits.consume(o.limit, { ip: clientAddress, user: principal.kind === "customer" ? principal.session.userId : principal.kind === "api-key" ? principal.keyId : null });

      let rawBody: unknown = undefined;
      if (o.rawBody) {
        assertContentType(req, o.rawBody.types);
        rawBody = await readBoundedBody(req, o.bodyLimit ?? BODY_LIMITS.route);
      } else if (o.body) {
        assertContentType(req, ["application/json"]);
        const bytes = await readBoundedBody(req, o.bodyLimit ?? BODY_LIMITS.route);
        try {
          rawBody = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
        } catch {
          throw new AppError("VALIDATION", "The body is not valid JSON");
        }
      } else if (req.method !== "GET" && req.method !== "HEAD") {
        const bytes = await readBoundedBody(req, BODY_LIMITS.route);
        if (bytes.byteLength > 0) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "This operation takes no request body");
      }
      const params = await parseWith(o.params, rawParams, "path");
      const query = await parseWith(o.query, queryObject(url), "query");
      const body = o.rawBody ? rawBody : await parseWith(o.body, rawBody, "");

      const run = () => o.handler({ req, db, params, query, body, principal, clientAddress, url, limits: deps.limits });
      const writes = o.method !== "GET";
      const result = await withAuditVia(writes && principal.kind === "api-key" ? { apiKeyId: principal.keyId, apiKeyName: principal.name } : null, run);
      if (writes) kickAppRelay();
      for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k, v);
      if (result.status === 204) return new Response(null, { status: 204, headers: withNoStore(headers) });
      headers.set("content-type", "application/json");
      // A public read answers the same to every caller: ETag + revalidate, 304 when unchanged
      // (server/http/etag.ts, decisions.md 118). Everything else is never stored.
      if (o.method === "GET" && o.access.kind === "public" && result.status === 200 && !headers.has("etag")) {
        return sharedReadResponse(req, JSON.stringify(result.body), headers);
      }
      withNoStore(headers);
      return new Response(req.method === "HEAD" ? null : JSON.stringify(result.body), { status: result.status, headers });
    } catch (err) {
      outcome = toAppError(err).code;
      return problemResponse(err, headers, (app) => (app.code === "VERSION_CONFLICT" && o.headers?.ifMatch ? 412 : undefined));
    } finally {
      metrics.procedureCalls.inc({ api: "rest", name: o.operationId, outcome });
      metrics.procedureDuration.observe({ api: "rest", name: o.operationId }, (performance.now() - started) / 1000);
    }
  };
}
