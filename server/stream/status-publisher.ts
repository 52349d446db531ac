// Order steps back out: every `order.placed` and `order.status_changed` the outbox records (orders
// received as events and storefront orders alike) is published to livemarket:orders:status as the
// order in the order event format plus `status` (the order's status after the step) and
// `changed_at`. Driven from the outbox after commit, never inside the request's transaction: the
// publisher has its own mark and lease on "OutboxEvent" (streamAt, streamLockedUntil), like the
// webhook worker, so several app instances share the rows and a crash leaves them to another after
// the lease (at least once: a reader may see a step twice, with the same changed_at). Other topics
// are marked and skipped. With REDIS_URL the stream is a Redis stream (capped); embedded it is the
// queue table under the same name, readable through the same transport (decision 94).
import "server-only";
import type { Db } from "@/server/db/client";
import { inIdOrder } from "@/server/db/ids";
import { PollingLoop } from "@/server/jobs/serial-runner";
import { logger } from "@/server/observability/logger";
import { orderEventFromRows, orderEventSelect, type TOrderEvent } from "@/server/services/orders/order-event";
import { ZOrderPlaced, ZOrderStatusChanged } from "@/shared/events";
import { ORDERS_STATUS, type StreamTransport } from "./transport";

export type OrderStatusMessage = TOrderEvent & { status: string; changed_at: string };

interface Row {
  id: string;
  topic: string;
  payload: unknown;
}

export class StatusPublisher {
  private readonly loop: PollingLoop;
  readonly stats = { published: 0 };

  constructor(
    private readonly db: Db,
    private readonly transport: StreamTransport,
    private readonly o: { batchSize?: number; pollMs?: number; leaseMs?: number; onPublished?: (orderUid: string) => void } = {},
  ) {
    this.loop = new PollingLoop(() => this.pass(), o.pollMs ?? 1000);
  }

  start(): this {
    this.loop.start();
    return this;
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  kick(): Promise<void> {
    return this.loop.run();
  }

  private async pass(): Promise<void> {
    try {
      while ((await this.publishBatch()) > 0 && !this.loop.stopped);
    } catch (err) {
      if (!this.loop.stopped) logger.error("order status publisher could not read the outbox or publish", { err });
    }
  }

  /** One batch: claim, publish, mark. The number of outbox rows it claimed. */
  async publishBatch(): Promise<number> {
    const lease = this.o.leaseMs ?? 60_000;
    const rows = await this.db.$queryRaw<Row[]>`
      UPDATE "OutboxEvent" o SET "streamLockedUntil" = timezone('UTC', now()) + make_interval(secs => ${lease / 1000}::float8)
      WHERE o.id IN (
        SELECT id FROM "OutboxEvent"
        WHERE "streamAt" IS NULL AND ("streamLockedUntil" IS NULL OR "streamLockedUntil" < timezone('UTC', now()))
        ORDER BY id LIMIT ${this.o.batchSize ?? 200}::int
        FOR UPDATE SKIP LOCKED)
        AND o."streamAt" IS NULL AND (o."streamLockedUntil" IS NULL OR o."streamLockedUntil" < timezone('UTC', now()))
      RETURNING o.id::text AS id, o.topic, o.payload`;
    if (rows.length === 0) return 0;
    inIdOrder(rows);
    const steps: { orderId: string; status: string; at: string }[] = [];
    for (const r of rows) {
      if (r.topic === "order.placed") {
        const p = ZOrderPlaced.safeParse(r.payload);
        if (p.success) steps.push({ orderId: p.data.orderId, status: "", at: p.data.placedAt });
      } else if (r.topic === "order.status_changed") {
        const p = ZOrderStatusChanged.safeParse(r.payload);
        if (p.success) steps.push({ orderId: p.data.orderId, status: p.data.orderStatus, at: p.data.at });
      }
    }
    if (steps.length) {
      const orders = await this.db.order.findMany({
        where: { id: { in: [...new Set(steps.map((s) => s.orderId))] } },
        select: { ...orderEventSelect, id: true, status: true, statusHistory: { where: { storeId: null }, orderBy: { createdAt: "asc" }, take: 1, select: { toStatus: true } } },
      });
      const byId = new Map(orders.map((o) => [o.id, o]));
      const messages: string[] = [];
      for (const s of steps) {
        const o = byId.get(s.orderId);
        if (!o?.delivery || !o.payment) continue;
        // A new order's status is the one it was placed in (its first step).
        const status = s.status || o.statusHistory[0]?.toStatus || o.status;
        messages.push(JSON.stringify({ ...orderEventFromRows(o), status, changed_at: s.at } satisfies OrderStatusMessage));
        this.o.onPublished?.(o.orderUid);
      }
      await this.transport.publishMany(ORDERS_STATUS, messages);
      this.stats.published += messages.length;
    }
    await this.db.$executeRaw`
      UPDATE "OutboxEvent" SET "streamAt" = timezone('UTC', now()), "streamLockedUntil" = NULL WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`;
    return rows.length;
  }
}
