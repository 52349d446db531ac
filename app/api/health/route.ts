import { routeHandler } from "@/server/api/route";
import { checkHealth } from "@/server/observability/health";

export const dynamic = "force-dynamic";

/** Which parts of the shop are up (database, sidecar, Redis, outbox), for `npm start`, load
 * balancers, operators and tests: 200 while the app can serve (its database answers), else 503. */
export const GET = routeHandler("public", async ({ db }) => {
  const health = await checkHealth(db);
  return Response.json(health, { status: health.serving ? 200 : 503, headers: { "cache-control": "no-store" } });
});
