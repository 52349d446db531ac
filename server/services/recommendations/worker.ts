// The recommendation counts follow the orders from the outbox, after commit and outside every
// request (decision 177): one worker per app process (app-worker.ts, started by instrumentation.ts
// beside the webhook worker), woken after mutations commit (server/realtime/kick.ts) and polling
// for the rest. Like the webhook worker and the status publisher it has its own mark on
// "OutboxEvent" (recsAt), set in the transaction that applies the rows, which it holds with
// FOR UPDATE SKIP LOCKED (several app instances share the rows; a crash rolls back and leaves them
// to the next pass: no lease). Only `order.placed` and `order.status_changed` rows are its (a
// partial index holds exactly those not yet applied). The events only say which orders to look at:
// each order is reconciled with the order as it is now (pairs.ts applyOrders), so an event applied
// again (its mark cleared, a restore) or two events of one order never count twice.
import "server-only";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { PollingLoop } from "@/server/jobs/serial-runner";
import { logger } from "@/server/observability/logger";
import { applyOrders } from "./pairs";

export interface RecsWorkerOptions {
  batchSize?: number;
  pollMs?: number;
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
      // A short batch means the queue was emptied: no empty pass after it.
      while ((await this.applyBatch()) >= (this.o.batchSize ?? 100) && !this.loop.stopped);
    } catch (err) {
      if (!this.loop.stopped) logger.error("recommendation worker could not read the outbox or write the counts", { err });
    }
  }

  /** One batch, in one transaction: take the unapplied order events (FOR UPDATE SKIP LOCKED: a
   * second worker skips them while this one holds them), mark them, and apply their orders with
   * the counts. They commit together, so no event is applied twice; a failure (say a deadlock
   * with another instance) rolls everything back and the rows are taken again by the next pass.
   * No lease is needed: nothing happens outside the transaction. The number of rows taken. */
  async applyBatch(): Promise<number> {
    const limit = this.o.batchSize ?? 100;
    const taken = await inTransaction(
      this.db,
      async (tx) => {
        const rows = await tx.$queryRaw<{ orderId: string | null }[]>`
          UPDATE "OutboxEvent" SET "recsAt" = timezone('UTC', now())
          WHERE id IN (
            SELECT id FROM "OutboxEvent"
            WHERE "recsAt" IS NULL AND topic IN ('order.placed', 'order.status_changed')
            ORDER BY id LIMIT ${limit}::int
            FOR UPDATE SKIP LOCKED)
            AND "recsAt" IS NULL
          RETURNING payload->>'orderId' AS "orderId"`;
        if (rows.length) this.stats.orders += await applyOrders(tx, rows.flatMap((r) => r.orderId ?? []));
        return rows.length;
      },
      { timeout: 60_000 },
    );
    this.stats.events += taken;
    return taken;
  }
}
