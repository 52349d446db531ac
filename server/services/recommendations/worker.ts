// The recommendation counts follow the orders from the outbox, after commit and outside every
// request (decision 177): one worker per app process (app-worker.ts, started by instrumentation.ts
// beside the webhook worker), woken after mutations commit (server/realtime/kick.ts) and polling
// for the rest. Like the webhook worker and the status publisher it has its own mark and lease on
// "OutboxEvent" (recsAt, recsLockedUntil), so several app instances share the rows and a crash
// leaves them to another after the lease. Only `order.placed` and `order.status_changed` rows are
// its (a partial index holds exactly those not yet applied). The events only say which orders to
// look at: each order is reconciled with the order as it is now (pairs.ts applyOrders), and its
// rows are marked in that same transaction, so an event applied twice (a lapsed lease, a second
// worker) never counts twice.
import "server-only";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { PollingLoop } from "@/server/jobs/serial-runner";
import { logger } from "@/server/observability/logger";
import { applyOrders } from "./pairs";

interface Row {
  id: string;
}

export interface RecsWorkerOptions {
  batchSize?: number;
  pollMs?: number;
  leaseMs?: number;
}

export class RecsWorker {
  private readonly loop: PollingLoop;
  /** Counters since start (tests, the benchmark). */
  readonly stats = { events: 0, orders: 0 };

  constructor(
    private readonly db: Db,
    private readonly o: RecsWorkerOptions = {},
  ) {
    this.loop = new PollingLoop(() => this.pass(), o.pollMs ?? 2000);
  }

  start(): this {
    this.loop.start();
    return this;
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** A pass now (or joins the one going on); resolves when it is done. */
  kick(): Promise<void> {
    return this.loop.run();
  }

  private async pass(): Promise<void> {
    try {
      while ((await this.applyBatch()) > 0 && !this.loop.stopped);
    } catch (err) {
      if (!this.loop.stopped) logger.error("recommendation worker could not read the outbox or write the counts", { err });
    }
  }

  /** One batch: claim the order events with a lease, apply their orders, mark the rows in the
   * same transaction as the counts. The number of outbox rows claimed. */
  async applyBatch(): Promise<number> {
    const lease = this.o.leaseMs ?? 60_000;
    const rows = await this.db.$queryRaw<Row[]>`
      UPDATE "OutboxEvent" o SET "recsLockedUntil" = timezone('UTC', now()) + make_interval(secs => ${lease / 1000}::float8)
      WHERE o.id IN (
        SELECT id FROM "OutboxEvent"
        WHERE "recsAt" IS NULL AND topic IN ('order.placed', 'order.status_changed')
          AND ("recsLockedUntil" IS NULL OR "recsLockedUntil" < timezone('UTC', now()))
        ORDER BY id LIMIT ${this.o.batchSize ?? 100}::int
        FOR UPDATE SKIP LOCKED)
        AND o."recsAt" IS NULL AND (o."recsLockedUntil" IS NULL OR o."recsLockedUntil" < timezone('UTC', now()))
      RETURNING o.id::text AS id`;
    if (rows.length === 0) return 0;
    // One transaction for the batch: the rows are marked only if still unmarked (a second worker
    // that got here first already applied them), and only the orders of the rows this transaction
    // marked are applied, with the counts, so nothing is applied twice. A failure (say a deadlock
    // with another instance) rolls it all back and leaves the rows to the next claim after the lease.
    const applied = await inTransaction(
      this.db,
      async (tx) => {
        const mine = await tx.$queryRaw<{ orderId: string | null }[]>`
          UPDATE "OutboxEvent" SET "recsAt" = timezone('UTC', now()), "recsLockedUntil" = NULL
          WHERE id = ANY(${rows.map((r) => r.id)}::bigint[]) AND "recsAt" IS NULL
          RETURNING payload->>'orderId' AS "orderId"`;
        return applyOrders(tx, mine.flatMap((m) => m.orderId ?? []));
      },
      { timeout: 60_000 },
    );
    this.stats.orders += applied;
    this.stats.events += rows.length;
    return rows.length;
  }
}
