// The order event consumer: takes batches from the incoming stream (any transport). In each batch:
//  - a message taken more than `maxDeliveries` times (it failed every time): dead-lettered with the
//    reason;
//  - not JSON, or not the order event format (ZOrderEvent, server/services/orders/order-event.ts):
//    dead-lettered with the reason and the raw payload, counted "invalid", never retried;
//  - the valid events are stored together in one transaction (applyOrderEvents): each "applied",
//    "short" (stock did not cover it: NEEDS_ATTENTION) or "duplicate" (order_uid known: nothing
//    changes). When that transaction fails, each event is tried again in a transaction of its own,
//    so one event the database refuses holds back only itself (decision 96).
// The stored messages are acknowledged after the transaction committed; a consumer that dies before
// leaves its messages pending, and any consumer takes them after `claimIdleMs` (XAUTOCLAIM or
// the queue table's lease): order_uid makes the second attempt a duplicate, so nothing is lost
// and nothing applied twice. A failure that is not the event's fault (database down) leaves the
// message for a later attempt and backs off.
import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { logger as defaultLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { newRequestId, runWithRequestId } from "@/server/observability/request-context";
import { applyOrderEvent, applyOrderEvents, type AppliedOrderEvent } from "@/server/services/orders/order-event-apply";
import { ZOrderEvent, type TOrderEvent } from "@/server/services/orders/order-event";
import { ORDERS_IN, type StreamEntry, type StreamTransport } from "./transport";

export type Outcome = "applied" | "short" | "duplicate" | "invalid" | "failed";

export interface ConsumerOptions {
  /** Name in the consumer group; unique per process. */
  name?: string;
  batchSize?: number;
  blockMs?: number;
  claimIdleMs?: number;
  maxDeliveries?: number;
  /** Called after an order was stored (the order cache fills itself from here). */
  onStored?: (r: Extract<AppliedOrderEvent, { orderId: string }>) => void;
  logger?: Pick<typeof defaultLogger, "info" | "warn" | "error">;
}

export const consumerName = () => `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;

/** Why the payload is not an order event, in one line; null when it is one. */
function invalidReason(payload: string | null): { reason: string } | { event: ReturnType<typeof ZOrderEvent.parse> } {
  if (payload === null) return { reason: "the message has no payload field" };
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (err) {
    return { reason: `not JSON: ${(err as Error).message}` };
  }
  const parsed = ZOrderEvent.safeParse(json);
  if (!parsed.success) {
    return { reason: `not an order event: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
  }
  return { event: parsed.data };
}

export class OrderStreamConsumer {
  readonly name: string;
  private readonly o: Required<Omit<ConsumerOptions, "onStored" | "logger" | "name">>;
  private readonly log: NonNullable<ConsumerOptions["logger"]>;
  private stopped = true;
  private loop: Promise<void> | null = null;
  /** Counts since start (tests, the benchmark). */
  readonly stats: Record<Outcome, number> = { applied: 0, short: 0, duplicate: 0, invalid: 0, failed: 0 };

  constructor(
    private readonly db: Db,
    readonly transport: StreamTransport,
    private readonly opts: ConsumerOptions = {},
  ) {
    this.name = opts.name ?? consumerName();
    this.o = {
      batchSize: opts.batchSize ?? 64,
      blockMs: opts.blockMs ?? 1000,
      claimIdleMs: opts.claimIdleMs ?? 30_000,
      maxDeliveries: opts.maxDeliveries ?? 5,
    };
    this.log = opts.logger ?? defaultLogger;
  }

  /** Takes the next batch (waiting up to blockMs), handles and acknowledges it; the number taken.
   * The batch runs under a request id (every log line it writes names it): the one its messages
   * were published with when they share one (a single POST /api/orders/test), else a fresh one
   * whose summary line names the request ids the messages came with. */
  async runOnce(): Promise<number> {
    const batch = await this.transport.take(ORDERS_IN, this.name, { count: this.o.batchSize, blockMs: this.o.blockMs, claimIdleMs: this.o.claimIdleMs });
    if (batch.length === 0) return 0;
    const sent = new Set(batch.map((e) => e.requestId ?? null));
    const only = sent.size === 1 ? [...sent][0] : null;
    return runWithRequestId(only ?? newRequestId(), () => this.runBatch(batch));
  }

  private async runBatch(batch: readonly StreamEntry[]): Promise<number> {
    const outcomes = await this.handle(batch);
    // Dead letters were acknowledged with their dead-letter record; failures stay pending.
    await this.transport.ack(
      ORDERS_IN,
      batch.filter((_, i) => outcomes[i] !== "invalid" && outcomes[i] !== "failed").map((e) => e.id),
    );
    const counts: Partial<Record<Outcome, number>> = {};
    for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
    const requestIds = [...new Set(batch.flatMap((e) => (e.requestId ? [e.requestId] : [])))];
    this.log.info("order events handled", { messages: batch.length, ...counts, ...(requestIds.length ? { requestIds: requestIds.slice(0, 10) } : {}) });
    return batch.length;
  }

  /** Messages, without acknowledging them (runOnce does, after the commit); one outcome each. */
  async handle(entries: readonly StreamEntry[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const valid: { at: number; entry: StreamEntry; event: TOrderEvent }[] = [];
    for (const [at, entry] of entries.entries()) {
      const checked = invalidReason(entry.payload);
      if ("reason" in checked || entry.deliveries > this.o.maxDeliveries) {
        const reason = "reason" in checked ? checked.reason : `failed ${entry.deliveries - 1} times`;
        await this.transport.deadLetter(ORDERS_IN, entry, reason);
        metrics.streamEvents.inc({ result: "invalid" });
        this.stats.invalid++;
        this.log.warn("order event dead-lettered", { messageId: entry.id, reason });
        outcomes[at] = "invalid";
      } else valid.push({ at, entry, event: checked.event });
    }
    // The batch in one transaction; events it leaves for later (their stock locks would come out
    // of id order) in the next. If a transaction fails, what is left is tried event by event.
    let todo = valid;
    try {
      while (todo.length > 0) {
        const results = await inTransaction(this.db, (tx) => applyOrderEvents(tx, todo.map((v) => v.event)), { timeout: 60_000 });
        const later: typeof todo = [];
        results.forEach((r, i) => (r.result === "later" ? later.push(todo[i]!) : (outcomes[todo[i]!.at] = this.stored(r))));
        todo = later;
      }
    } catch (err) {
      if (todo.length > 1) this.log.warn("order event batch could not be stored; storing its events one by one", { messages: todo.length, err });
      for (const v of todo) {
        try {
          outcomes[v.at] = this.stored(await inTransaction(this.db, (tx) => applyOrderEvent(tx, v.event)));
        } catch (err) {
          this.stats.failed++;
          this.log.error("order event could not be stored; it stays pending for another attempt", { messageId: v.entry.id, err });
          outcomes[v.at] = "failed";
        }
      }
    }
    return outcomes;
  }

  /** Counts an event stored (after its commit) and tells the order cache. */
  private stored(r: AppliedOrderEvent): Outcome {
    metrics.streamEvents.inc({ result: r.result });
    this.stats[r.result]++;
    if (r.result !== "duplicate") {
      metrics.ordersPlaced.inc({ source: "event" });
      this.opts.onStored?.(r);
    }
    return r.result;
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.loop = (async () => {
      let backoff = 0;
      while (!this.stopped) {
        try {
          await this.runOnce();
          backoff = 0;
        } catch (err) {
          if (this.stopped) break;
          backoff = Math.min(30_000, backoff ? backoff * 2 : 500);
          this.log.error("order stream unavailable", { err, retryInMs: backoff });
          await new Promise((r) => setTimeout(r, backoff).unref());
        }
      }
    })();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.transport.wake();
    await this.loop;
  }
}
