// One interface for the order event streams, whatever carries them: Redis Streams with a consumer
// group when REDIS_URL is set (redis-transport.ts), a PostgreSQL queue table otherwise
// (pg-transport.ts), so `npm start` alone runs the whole pipeline. A Kafka transport could be
// added behind the same interface; none ships untested (docs/decisions.md, decision 90).
//
// Semantics both implementations keep (tested on both, server/stream/transport.test.ts):
//  - a message taken by a reader stays pending until acknowledged; a reader that dies leaves it
//    pending, and once it sat `claimIdleMs` any reader takes it again (deliveries + 1);
//  - several readers never take the same message at once (while the taker's lease runs);
//  - dead-lettering a message records it with the reason and acknowledges it in one step;
//  - a message keeps the request id it was published with (StreamEntry.requestId).
import "server-only";

export const ORDERS_IN = "livemarket:orders:in";
export const ORDERS_STATUS = "livemarket:orders:status";
export const ORDERS_DEAD = "livemarket:orders:dead";
export const CONSUMER_GROUP = "livemarket";

export interface StreamEntry {
  id: string;
  /** The raw payload as published (JSON text for the order streams); null when the message
   * carries no payload field at all. */
  payload: string | null;
  /** How many times this message has been taken, this time included. */
  deliveries: number;
  /** The request id its publisher sent along (an HTTP request's, or another system's), if any:
   * the consumer handles it under that id, so its log lines trace back to the request. */
  requestId?: string | null;
}

export interface TakeOptions {
  count: number;
  /** Wait at most this long for a message when none is ready. */
  blockMs: number;
  /** Take again messages another reader took this long ago without acknowledging them. */
  claimIdleMs: number;
}

export interface StreamTransport {
  readonly kind: "redis" | "postgres";
  publish(stream: string, payload: string, meta?: { requestId?: string }): Promise<string>;
  /** Several messages at once, in order (the status publisher's batches, tests, the benchmark). */
  publishMany(stream: string, payloads: readonly string[]): Promise<void>;
  take(stream: string, consumer: string, opts: TakeOptions): Promise<StreamEntry[]>;
  ack(stream: string, ids: readonly string[]): Promise<void>;
  deadLetter(stream: string, entry: StreamEntry, reason: string): Promise<void>;
  /** Messages published and not yet acknowledged (pending plus unread). */
  lag(stream: string): Promise<number>;
  /** Wakes a waiting `take` of this process at once (after a local publish). */
  wake(): void;
  close(): Promise<void>;
}
