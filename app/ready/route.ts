import { routeHandler } from "@/server/api/route";
import { checkReady } from "@/server/observability/health";

export const dynamic = "force-dynamic";

/** Readiness: database, Redis (when configured), sidecar, the order stream's lag under its bound,
 * the outbox relayed in time, each with its state; 200 when all pass, else 503 (send no traffic). */
export const GET = routeHandler("public", async ({ db }) => {
  const r = await checkReady(db);
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
});
