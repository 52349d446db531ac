// Runs once when a Next.js server process starts: the observability hooks first (request ids,
// request logs and metrics in the custom server; the gauges Prometheus reads), then the outbox
// relay, so events recorded by any process (including one that died before relaying them) reach
// the sidecars, the webhook worker, which fans the same events out to webhook endpoints and
// delivers them, the order event stream's consumer, and the sweeper that gives back the stock of
// card checkouts whose payment never resolved.
// NEXT_RUNTIME is the one environment variable read outside server/env.ts: Next.js replaces it at
// build time, and the edge build must not import server/env.ts (node built-ins) at all.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAppObservability } = await import("@/server/observability/app");
  startAppObservability();
  // Cached catalogue reads answered before Next.js routes them (server/http/catalog-lane.ts).
  const { installCatalogLane } = await import("@/server/http/catalog-lane");
  installCatalogLane();
  const { startAppRelay } = await import("@/server/realtime/app-relay");
  await startAppRelay();
  const { startAppWebhooks } = await import("@/server/webhooks/app-worker");
  await startAppWebhooks();
  // Order emails from the outbox and the daily low-stock digest (server/services/notifications).
  const { startAppMail } = await import("@/server/services/notifications/app-worker");
  await startAppMail();
  // "Frequently bought together" counts, kept up to date from the same outbox (order events).
  const { startAppRecs } = await import("@/server/services/recommendations/app-worker");
  await startAppRecs();
  // The order event consumer (server/stream): orders from other systems, on Redis Streams or the
  // embedded queue table, and the status publisher that sends order steps back out.
  const { startOrderStreamConsumer } = await import("@/server/stream");
  await startOrderStreamConsumer();
  const { startReservationSweeper } = await import("@/server/jobs/reservation-sweeper");
  await startReservationSweeper();
}
