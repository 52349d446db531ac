// The order event stream of this app process: the transport (Redis Streams with REDIS_URL, the
// PostgreSQL queue table otherwise), the consumer, the order cache and the status publisher,
// started once per process by instrumentation.ts like the outbox relay and the webhook worker.
// Several app instances share the work: the consumer group (or the table's leases) gives each
// message to one of them.
import "server-only";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { OrderStreamConsumer, type ConsumerOptions } from "./consumer";
import { OrderCache } from "./order-cache";
import { PgStreamTransport } from "./pg-transport";
import { RedisStreamTransport } from "./redis-transport";
import { StatusPublisher } from "./status-publisher";
import { ORDERS_IN, type StreamTransport } from "./transport";

export { ORDERS_IN, ORDERS_STATUS, ORDERS_DEAD, CONSUMER_GROUP } from "./transport";
export type { StreamTransport } from "./transport";

interface StreamState {
  transport: Promise<StreamTransport>;
  cache?: Promise<OrderCache>;
  consumer?: Promise<OrderStreamConsumer | null>;
  statusPublisher?: StatusPublisher;
}

const g = globalThis as unknown as { __livemarketStream?: StreamState };

function state(): StreamState {
  g.__livemarketStream ??= {
    transport: env.REDIS_URL ? Promise.resolve(new RedisStreamTransport(env.REDIS_URL)) : getDb().then((db) => new PgStreamTransport(db)),
  };
  return g.__livemarketStream;
}

/** This process's transport of the order streams. */
export function getStreamTransport(): Promise<StreamTransport> {
  return state().transport;
}

/** This process's order cache (filled from the database on first use). */
export function getOrderCache(): Promise<OrderCache> {
  const s = state();
  s.cache ??= getDb().then(async (db) => {
    const cache = new OrderCache(db);
    await cache.warm().catch((err) => logger.warn("order cache: could not warm from the database", { err }));
    return cache;
  });
  return s.cache;
}

/**
 * Starts this process's consumer (idempotent; none while Next.js builds). `opts` are for tests
 * and the benchmark; the app uses the defaults.
 */
export async function startOrderStreamConsumer(opts: ConsumerOptions = {}): Promise<OrderStreamConsumer | null> {
  if (env.NEXT_PHASE === "phase-production-build") return null;
  const s = state();
  s.consumer ??= (async () => {
    const [db, transport, cache] = await Promise.all([getDb(), getStreamTransport(), getOrderCache()]);
    const consumer = new OrderStreamConsumer(db, transport, {
      ...opts,
      onStored: (r) => {
        void cache.refresh(r.orderUid).catch(() => undefined);
        opts.onStored?.(r);
      },
    });
    // Steps of orders go back out on livemarket:orders:status; the cached copy is read again then.
    s.statusPublisher ??= new StatusPublisher(db, transport, { onPublished: (uid) => cache.forget(uid) }).start();
    logger.info("order stream consumer started", { transport: transport.kind, consumer: consumer.name });
    return consumer.start();
  })();
  return s.consumer;
}

/** Incoming order events not yet processed: pending plus unread, on the active transport. */
export async function streamLag(): Promise<number> {
  return (await getStreamTransport()).lag(ORDERS_IN);
}

metrics.provide("livemarket_stream_lag", streamLag);
