import { env } from "@/server/env";
import { METRICS_REFUSAL, metricsAllowed } from "@/server/observability/metrics-auth";
import { metrics } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

/** Prometheus text format: the app process's series (server/observability/metrics.ts). With
 * METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`. */
export async function GET(req: Request): Promise<Response> {
  if (!metricsAllowed(req.headers.get("authorization"), env.METRICS_TOKEN)) {
    return new Response(METRICS_REFUSAL.body, { status: METRICS_REFUSAL.status, headers: METRICS_REFUSAL.headers });
  }
  const body = await metrics.registry.metrics();
  return new Response(body, { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
}
