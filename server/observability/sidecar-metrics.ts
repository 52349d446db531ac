// The sidecar's Prometheus series (its own process and registry: the sidecar serves GET /metrics
// itself), apart from server/observability/metrics.ts so the sidecar bundle does not build the
// app's series too.
import "server-only";
import { Counter, Gauge, Registry } from "prom-client";
import { collectProcessMetrics } from "./process-metrics";

/**
 * The sidecar's series (its own process, its own registry: the sidecar serves GET /metrics
 * itself). One set per realtime server, so tests can run several in one process.
 */
export function createSidecarMetrics(read: { connections: () => number }) {
  const registry = new Registry();
  collectProcessMetrics(registry);
  const series = {
    registry,
    connections: new Gauge({
      name: "livemarket_realtime_connections",
      help: "Browser sockets connected to this sidecar now",
      registers: [registry],
      collect() {
        this.set(read.connections());
      },
    }),
    events: new Counter({
      name: "livemarket_realtime_events_total",
      help: "Live events this sidecar emitted to rooms, by event name (disconnect: a revoked session's sockets dropped)",
      labelNames: ["event"] as const,
      registers: [registry],
    }),
    conflated: new Counter({
      name: "livemarket_realtime_conflated_total",
      help: "Product-room broadcasts the sidecar left out because a newer state of the same variant or product came in the same batch (it was behind), by event name",
      labelNames: ["event"] as const,
      registers: [registry],
    }),
    dropped: new Counter({
      name: "livemarket_realtime_dropped_total",
      help: "Sockets the sidecar dropped, by reason (slow: more packets waiting for it than SIDECAR_MAX_BUFFERED_PACKETS)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    refused: new Counter({
      name: "livemarket_realtime_refused_total",
      help: "What the sidecar refused, by kind (origin, per_address, publish, client_event, subscription)",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
  };
  for (const kind of ["origin", "per_address", "publish", "client_event", "subscription"]) series.refused.inc({ kind }, 0);
  series.dropped.inc({ reason: "slow" }, 0);
  for (const event of ["stock.changed", "price.changed", "rating.changed"]) series.conflated.inc({ event }, 0);
  return series;
}

export type SidecarMetrics = ReturnType<typeof createSidecarMetrics>;
