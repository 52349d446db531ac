// The app's Prometheus metrics (prom-client), named once here so every part counts into the
// same series. One registry per process, kept on globalThis: Next.js bundles this module into
// several route chunks (and the custom server loads it too), and each copy must count into the
// one registry that GET /metrics serves.
import "server-only";
import cluster from "node:cluster";
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from "prom-client";
import { collectProcessMetrics } from "./process-metrics";

export type StreamResult = "applied" | "duplicate" | "invalid" | "short";
export type OrderSourceLabel = "storefront" | "api" | "event";
export type ReleaseReason = "declined" | "failed" | "expired";

export type ProvidedGauge = "livemarket_outbox_pending" | "livemarket_outbox_lag_seconds" | "livemarket_stream_lag" | "livemarket_ready";

/** Reads a figure when Prometheus scrapes (for example the stream's lag); null: not known now. */
export type GaugeProvider = () => Promise<number | null> | number | null;

function build() {
  const registry = new Registry();
  collectProcessMetrics(registry);
  const providers = new Map<string, GaugeProvider>();

  // In a cluster worker (WEB_CONCURRENCY > 1) the primary collects this registry's series from
  // every worker and sums them (server/observability/cluster-metrics.ts).
  // (Constructing an AggregatorRegistry in a worker is what installs prom-client's listener that
  // answers the primary; setRegistries names what it answers with.)
  if (cluster.isWorker) {
    void new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  }

  /** A figure read from shared state (the database, the stream) at scrape time: every worker
   * reads the same one, so over several workers it is taken once (max; min for "ready"). */
  function providedGauge(name: string, help: string, aggregator: "max" | "min" = "max") {
    return new Gauge({
      name,
      help,
      aggregator,
      registers: [registry],
      async collect() {
        const provider = providers.get(name);
        if (!provider) return;
        try {
          const value = await provider();
          if (value !== null) this.set(value);
        } catch {
          // A figure that cannot be read now keeps its last value; /ready reports the cause.
        }
      },
    });
  }

  const metrics = {
    registry,
    httpRequests: new Counter({
      name: "livemarket_http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "livemarket_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern and method",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    procedureCalls: new Counter({
      name: "livemarket_procedure_calls_total",
      help: "tRPC procedure and REST operation calls, by api (trpc or rest), name (procedure path or operationId) and outcome (ok or the error code)",
      labelNames: ["api", "name", "outcome"] as const,
      registers: [registry],
    }),
    procedureDuration: new Histogram({
      name: "livemarket_procedure_duration_seconds",
      help: "Time a tRPC procedure or REST operation took, by api and name",
      labelNames: ["api", "name"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ordersPlaced: new Counter({
      name: "livemarket_orders_placed_total",
      help: "Orders stored, by where they came from",
      labelNames: ["source"] as const,
      registers: [registry],
    }),
    ordersRefused: new Counter({
      name: "livemarket_orders_refused_total",
      help: "Orders refused, by reason (the error code)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    stockOuts: new Counter({
      name: "livemarket_stock_outs_total",
      help: "Variants whose stock reached zero",
      registers: [registry],
    }),
    reservationsReleased: new Counter({
      name: "livemarket_reservations_released_total",
      help: "Card checkouts whose reserved stock went back on sale, by reason (declined: the card was; failed: the payment call failed; expired: the sweeper found the reservation lapsed)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    outboxPending: providedGauge("livemarket_outbox_pending", "Outbox events recorded and not yet published"),
    outboxLag: providedGauge("livemarket_outbox_lag_seconds", "Age of the oldest unpublished outbox event"),
    streamEvents: new Counter({
      name: "livemarket_stream_events_total",
      help: "Incoming order events, by result (applied, duplicate, invalid = dead-lettered, short = stored needing attention)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    streamLag: providedGauge("livemarket_stream_lag", "Incoming order events not yet processed (pending plus unread)"),
    ready: providedGauge("livemarket_ready", "1 when GET /ready would answer 200 (every check passes), 0 otherwise", "min"),
    webhookDeliveries: new Counter({
      name: "livemarket_webhook_deliveries_total",
      help: "Webhook delivery attempts, by result (delivered; retry: failed, tried again later; failed: failed and given up)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    mailMessages: new Counter({
      name: "livemarket_mail_messages_total",
      help: "Order email send attempts by the mail worker, by result (sent; retry: failed, tried again later; failed: failed and given up)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    catalogCacheLookups: new Counter({
      name: "livemarket_catalog_cache_lookups_total",
      help: "Catalogue reads through the cache, by read (list, search, featured, bySlug, categories) and result (hit; miss: read from the database; bypass: the invalidation feed was not trusted, read from the database and not stored)",
      labelNames: ["read", "result"] as const,
      registers: [registry],
    }),
    catalogCacheDiscarded: new Counter({
      name: "livemarket_catalog_cache_discarded_total",
      help: "Catalogue answers read after a miss but not stored, because something they show changed while they were read (or the invalidation feed went down)",
      labelNames: ["read"] as const,
      registers: [registry],
    }),
    catalogCacheInvalidations: new Counter({
      name: "livemarket_catalog_cache_invalidations_total",
      help: "Invalidations applied to the catalogue cache, by origin (commit: a transaction of this process; relay: the outbox relay's claimed batch; bus: another process)",
      labelNames: ["origin"] as const,
      registers: [registry],
    }),
    catalogLaneAnswers: new Counter({
      name: "livemarket_catalog_lane_answers_total",
      help: "Cached catalogue reads over tRPC answered by the app server before Next.js (server/http/catalog-lane.ts), by read; also counted as cache hits and as the procedure's calls",
      labelNames: ["read"] as const,
      registers: [registry],
    }),
    catalogCacheFeed: new Gauge({
      name: "livemarket_catalog_cache_feed_up",
      help: "1 while the catalogue cache may serve from memory: its invalidation feed is up (always with one process; with REDIS_URL while the Redis subscriber is subscribed); 0 while reads go to the database",
      registers: [registry],
    }),
    /** Registers what a provided gauge reads at scrape time (the last registration wins). */
    provide(name: ProvidedGauge, provider: GaugeProvider) {
      providers.set(name, provider);
    },
    /** The provider registered for a gauge, if any (GET /ready reads the stream's lag through it). */
    provided(name: ProvidedGauge): GaugeProvider | undefined {
      return providers.get(name);
    },
  };
  // Known label values start at 0, so rate() and increase() see the first event (a series that
  // appears with its first count has no earlier sample to compare with).
  for (const source of ["storefront", "api", "event"] as const) metrics.ordersPlaced.inc({ source }, 0);
  for (const reason of ["INSUFFICIENT_STOCK", "PAYMENT_DECLINED", "PAYMENT_EXPIRED", "VALIDATION"]) metrics.ordersRefused.inc({ reason }, 0);
  for (const result of ["applied", "duplicate", "invalid", "short"] as const) metrics.streamEvents.inc({ result }, 0);
  for (const result of ["delivered", "retry", "failed"]) metrics.webhookDeliveries.inc({ result }, 0);
  for (const result of ["sent", "retry", "failed"]) metrics.mailMessages.inc({ result }, 0);
  for (const reason of ["declined", "failed", "expired"] as const) metrics.reservationsReleased.inc({ reason }, 0);
  for (const read of ["list", "search", "featured", "bySlug", "categories"]) {
    for (const result of ["hit", "miss", "bypass"]) metrics.catalogCacheLookups.inc({ read, result }, 0);
    metrics.catalogCacheDiscarded.inc({ read }, 0);
    metrics.catalogLaneAnswers.inc({ read }, 0);
  }
  for (const origin of ["commit", "bus", "relay"]) metrics.catalogCacheInvalidations.inc({ origin }, 0);
  return metrics;
}

export type Metrics = ReturnType<typeof build>;

const holder = globalThis as unknown as { __livemarketMetrics?: Metrics };
export const metrics: Metrics = (holder.__livemarketMetrics ??= build());

