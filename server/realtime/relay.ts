// The outbox relay: publishes, after commit, the events that transactions recorded in
// "OutboxEvent", and marks them published. At least once: a batch is claimed with a short lease,
// published, then marked; if the process dies in between, the lease runs out and the batch is
// published again (duplicates are harmless, every variant event carries its version). Each batch
// also invalidates what the catalogue caches hold of the changes it describes (in this process
// and, through the invalidation bus, in every other): a backstop for writers in other processes. If the
// publish fails (sidecar or Redis away), the rows stay unpublished and are retried with backoff;
// the outage is logged once, not per event or per request.
import "server-only";
import { PollingLoop } from "@/server/jobs/serial-runner";
import { inIdOrder } from "@/server/db/ids";
import type { Db } from "@/server/db/client";
import { logger as defaultLogger } from "@/server/observability/logger";
import { OUTBOX_EVENTS, productRoom, sessionRoom, storeRoom, userRoom, type EventName, type OutboxPayload, type RealtimeMessage } from "@/shared/events";
import { invalidateCatalog, tagsOfEvents } from "@/server/services/catalog/catalog-invalidation";
import type { Publisher } from "./publisher";

export interface RelayOptions {
  /** Events per claim. */
  batchSize?: number;
  /** How often to look for events nobody kicked us about (other processes, retries). */
  pollMs?: number;
  /** How long a claimed batch stays ours before another relay may take it. */
  leaseMs?: number;
  logger?: Pick<typeof defaultLogger, "info" | "warn" | "error">;
}

interface ClaimedRow {
  id: bigint | string;
  topic: string;
  payload: unknown;
}

/** Who receives each event, for every event of the contract: the compiler refuses an event
 * without a route, so nothing the outbox records is dropped by omission. */
const ROUTES: { [E in EventName]: (p: OutboxPayload<E>) => RealtimeMessage[] } = {
  "stock.changed": (p) => [{ event: "stock.changed", rooms: [productRoom(p.productId), storeRoom(p.storeId)], payload: p }],
  "price.changed": (p) => [{ event: "price.changed", rooms: [productRoom(p.productId), storeRoom(p.storeId)], payload: p }],
  // Each seller's pages see their store's share of a new order.
  "order.placed": (p) =>
    p.stores.map((s) => ({
      event: "order.placed" as const,
      rooms: [storeRoom(s.storeId)],
      payload: { orderId: p.orderId, storeId: s.storeId, itemCount: s.itemCount, totalMinor: s.totalMinor, currency: p.currency, placedAt: p.placedAt },
    })),
  // The customer's open order pages, and the seller whose part moved.
  "order.status_changed": (p) => {
    const rooms = [...(p.userId ? [userRoom(p.userId)] : []), ...(p.storeId ? [storeRoom(p.storeId)] : [])];
    return rooms.length ? [{ event: "order.status_changed", rooms, payload: p }] : [];
  },
  // Open product pages and cards show the new average, distribution and count.
  "rating.changed": (p) => [{ event: "rating.changed", rooms: [productRoom(p.productId)], payload: p }],
  // Webhooks only (server/webhooks): pages learn stock and price from the variant events.
  "product.updated": () => [],
  // The sockets opened with the revoked sessions' tokens (the sidecar also remembers those
  // sessions, to refuse their tokens from now on); with `all`, every socket of the user. At most
  // 50 rooms a message, the sidecar's limit.
  "session.revoked": (p) => {
    const rooms = [...(p.all || p.sessionIds.length === 0 ? [userRoom(p.userId)] : []), ...p.sessionIds.map(sessionRoom)];
    const out: RealtimeMessage[] = [];
    for (let i = 0; i < rooms.length; i += 50) out.push({ disconnect: true, rooms: rooms.slice(i, i + 50) });
    return out;
  },
};

const isEventName = (topic: string): topic is EventName => Object.hasOwn(OUTBOX_EVENTS, topic);

/** The realtime messages an outbox event becomes; throws for a topic or payload the contract does not know. */
export function toMessages(topic: string, payload: unknown): RealtimeMessage[] {
  if (!isEventName(topic)) throw new Error(`unknown event "${topic}"`);
  return deliver(topic, payload);
}

function deliver<E extends EventName>(topic: E, payload: unknown): RealtimeMessage[] {
  return ROUTES[topic](OUTBOX_EVENTS[topic].parse(payload) as OutboxPayload<E>);
}

export class OutboxRelay {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly log: NonNullable<RelayOptions["logger"]>;
  private readonly loop: PollingLoop;
  private failing = false;
  private retryAt = 0;
  private backoffMs = 0;
  /** Events published since start (for tests, health and the benchmark). */
  published = 0;

  constructor(
    private readonly db: Db,
    private readonly publisher: Publisher,
    opts: RelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 200;
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.log = opts.logger ?? defaultLogger;
    this.loop = new PollingLoop(() => this.drain(), opts.pollMs ?? 1000);
  }

  start(): this {
    this.loop.start();
    return this;
  }

  /** Publish what is waiting, now. Called after a transaction that recorded events commits. */
  kick(): Promise<void> {
    return this.loop.run();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Claim, publish and mark batches until none is left (or publishing fails). */
  private async drain(): Promise<void> {
    if (this.failing && Date.now() < this.retryAt) return;
    for (;;) {
      let rows: ClaimedRow[];
      try {
        rows = await this.claim();
      } catch (err) {
        if (!this.loop.stopped) this.log.error("outbox relay could not read the outbox", { err });
        return;
      }
      if (rows.length === 0) return;
      const messages: RealtimeMessage[] = [];
      const readable: string[] = [];
      const unreadable: { id: string; error: string }[] = [];
      for (const r of rows) {
        try {
          messages.push(...toMessages(r.topic, r.payload));
          readable.push(String(r.id));
        } catch (err) {
          unreadable.push({ id: String(r.id), error: err instanceof Error ? err.message : String(err) });
        }
      }
      if (unreadable.length) await this.park(unreadable);
      const visible = await this.onlyPublicProductRooms(messages);
      const ids = readable;
      if (ids.length === 0) continue;
      const tags = tagsOfEvents(rows);
      try {
        // The catalogue caches forget what these changes touch, here and (through the bus) in
        // every process: a backstop for writers that could not tell them (decisions.md 126).
        await invalidateCatalog(tags, "relay");
        await this.publisher.publish(visible);
      } catch (err) {
        await this.release(ids, err);
        return;
      }
      if (this.failing) {
        this.failing = false;
        this.log.info("outbox relay publishing again", { via: this.publisher.kind });
      }
      await this.db.$executeRaw`
        UPDATE "OutboxEvent" SET "publishedAt" = now(), "lockedUntil" = NULL, "lastError" = NULL
        WHERE id = ANY(${ids}::bigint[])`;
      this.published += ids.length;
      if (rows.length < this.batchSize) return;
    }
  }

  /** The oldest unclaimed rows, in the order they were recorded (inIdOrder): else a row given
   * back by a failed publish went out after newer ones, a page got version 35 after 36 (and kept
   * 36: versions guard that), a seller's page an order's status before its placing. */
  private async claim(): Promise<ClaimedRow[]> {
    const lease = `${this.leaseMs} milliseconds`;
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxEvent" SET "lockedUntil" = now() + ${lease}::interval, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "OutboxEvent"
        WHERE "publishedAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
        ORDER BY id LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, topic, payload`;
    return inIdOrder(rows);
  }

  /** A product's room hears its stock and price only while the public can see the product
   * (active, not deleted): a draft's or an archived product's changes go to its store only. */
  private async onlyPublicProductRooms(messages: RealtimeMessage[]): Promise<RealtimeMessage[]> {
    const productIds = [...new Set(messages.flatMap((m) => m.rooms.filter((r) => r.startsWith("product:")).map((r) => r.slice("product:".length))))];
    if (productIds.length === 0) return messages;
    const shown = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Product" WHERE id = ANY(${productIds}::text[]) AND status = 'ACTIVE' AND "deletedAt" IS NULL`;
    const hidden = new Set(productIds.filter((id) => !shown.some((s) => s.id === id)).map(productRoom));
    if (hidden.size === 0) return messages;
    return messages.map((m) => ({ ...m, rooms: m.rooms.filter((r) => !hidden.has(r)) })).filter((m) => m.rooms.length > 0);
  }

  /** Rows the contract cannot read (written by an older or newer version): kept, never retried,
   * with the reason in lastError and an error in the log, so they can be looked at. */
  private async park(rows: { id: string; error: string }[]): Promise<void> {
    this.log.error("outbox relay cannot read events; they are kept with the reason and not retried", { rows });
    for (const r of rows) {
      await this.db.$executeRaw`
        UPDATE "OutboxEvent" SET "lockedUntil" = 'infinity', "lastError" = ${`undeliverable: ${r.error}`.slice(0, 500)} WHERE id = ${r.id}::bigint`;
    }
  }

  /** Publishing failed: keep the rows, retry after a backoff, say so once per outage. */
  private async release(ids: string[], err: unknown): Promise<void> {
    this.backoffMs = this.failing ? Math.min(this.backoffMs * 2, 10_000) : 250;
    if (!this.failing) this.log.error("outbox relay cannot publish; events are kept and retried", { via: this.publisher.kind, err });
    this.failing = true;
    this.retryAt = Date.now() + this.backoffMs;
    const message = err instanceof Error ? err.message : String(err);
    try {
      await this.db.$executeRaw`
        UPDATE "OutboxEvent" SET "lockedUntil" = NULL, "lastError" = ${message.slice(0, 500)}
        WHERE id = ANY(${ids}::bigint[])`;
    } catch {
      // The lease runs out by itself.
    }
  }
}
