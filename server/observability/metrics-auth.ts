// GET /metrics (app and sidecar): open when METRICS_TOKEN is unset, else only to
// `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time).
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function metricsAllowed(authorization: string | null | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
  return m !== null && timingSafeEqual(digest(m[1]!.trim()), digest(token));
}

/** The answer to a scrape that is not allowed. */
export const METRICS_REFUSAL = {
  status: 401,
  headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
  body: "metrics need Authorization: Bearer <METRICS_TOKEN>\n",
} as const;
