import { env } from "@/server/env";
import { METRICS_REFUSAL, metricsAllowed } from "@/server/observability/metrics-auth";
import { metricsText } from "@/server/observability/cluster-metrics";

export const dynamic = "force-dynamic";

/** Prometheus text format: the app's series (all its processes under WEB_CONCURRENCY) (server/observability/metrics.ts). With
 * METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`. */
export async function GET(req: Request): Promise<Response> {
  if (!metricsAllowed(req.headers.get("authorization"), env.METRICS_TOKEN)) {
    return new Response(METRICS_REFUSAL.body, { status: METRICS_REFUSAL.status, headers: METRICS_REFUSAL.headers });
  }
  const { text, contentType } = await metricsText();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
