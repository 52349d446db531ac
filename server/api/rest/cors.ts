// CORS for the REST API: answered only for the origins in API_CORS_ORIGINS (never credentials:
// the API reads no cookies, a browser page calls it with a bearer token or key it holds).
import "server-only";
import { env } from "@/server/env";

export const CORS_ALLOWED_HEADERS = "authorization, content-type, idempotency-key, if-match";
export const CORS_EXPOSED_HEADERS = "ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, etag, location, link, idempotent-replayed";
export const CORS_METHODS = "GET, POST, PUT, PATCH, DELETE";

/** The CORS headers for a request from `origin`, when that origin is allowed. */
export function corsHeaders(origin: string | null, allowed: readonly string[] = env.API_CORS_ORIGINS): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": CORS_EXPOSED_HEADERS, vary: "Origin" };
}

/** The answer to a preflight (OPTIONS): 204, with the allowance only for an allowed origin. */
export function preflight(req: Request, allowed: readonly string[] = env.API_CORS_ORIGINS): Response {
  const origin = req.headers.get("origin");
  const headers = new Headers({ vary: "Origin" });
  if (origin && allowed.includes(origin)) {
    headers.set("access-control-allow-origin", origin);
    headers.set("access-control-allow-methods", CORS_METHODS);
    headers.set("access-control-allow-headers", CORS_ALLOWED_HEADERS);
    headers.set("access-control-max-age", "600");
  }
  return new Response(null, { status: 204, headers });
}
