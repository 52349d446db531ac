// Webhook deliveries, after commit and outside every request: one worker per app process
// (started by instrumentation.ts beside the outbox relay) does two things in a loop.
//
//  1. Dispatch: claims outbox rows not yet fanned out to webhooks (its own mark and lease on
//     "OutboxEvent", independent of the socket relay's publishedAt), turns each into webhook
//     events (events.ts) and writes one WebhookDelivery per event and matching endpoint, with the
//     exact body every attempt will send; then marks the rows. A crash in between leaves the rows
//     to another claim after the lease; the deliveries' (endpointId, eventId) key makes the
//     second fan-out a no-op. Nothing committed is missed: the outbox row is written in the
//     transaction of the change.
//  2. Send: claims due deliveries with a lease (FOR UPDATE SKIP LOCKED, so several app instances
//     do not send the same delivery in the normal case; a sender that dies mid-attempt leaves the
//     delivery to another after the lease: at least once), at most `concurrency` at once and
//     `perEndpoint` per endpoint, so a receiver that hangs holds its own slots for at most
//     `timeoutMs` and nobody else's. No database connection or transaction is held during a POST.
//     A failure is retried with exponential backoff and full jitter until 24 hours after the
//     event; an endpoint whose attempts have all failed for 3 days is disabled with the reason.
//
// Time comes from `clock` (tests drive it; nothing here sleeps on the wall clock but the poll).
import "server-only";
import { metrics } from "@/server/observability/metrics";
import { currentRequestId, newRequestId, requestIdHeaders } from "@/server/observability/request-context";
import { PollingLoop } from "@/server/jobs/serial-runner";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { inTransaction } from "@/server/db/transaction";
import { logger as defaultLogger } from "@/server/observability/logger";
import { toWebhookEvents, webhookEventId } from "./events";
import { postWebhook, type AttemptResult } from "./post";
import { openWebhookSecret } from "./secret";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from "./signature";

export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 2 * 60 * 60_000;
/** Due deliveries one claim looks at (earliest first), so a claim costs the same with a backlog. */
const CLAIM_WINDOW = 500;

/** The wait before attempt `attempts + 1`: 30 s doubling per attempt, at most 2 hours, with
 * full jitter over its upper half (so receivers coming back are not hit by every sender at once). */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface WebhookWorkerOptions {
  /** Outbox rows per dispatch claim. */
  batchSize?: number;
  pollMs?: number;
  /** How long a claimed outbox batch or delivery stays this worker's. */
  leaseMs?: number;
  /** Deadline of one POST, connection to last byte. */
  timeoutMs?: number;
  /** Deliveries in flight at once in this process. */
  concurrency?: number;
  /** … of which at most this many to one endpoint. */
  perEndpoint?: number;
  /** ms since the epoch. */
  clock?: () => number;
  random?: () => number;
  allowPrivate: boolean;
  logger?: Pick<typeof defaultLogger, "info" | "warn" | "error">;
}

interface OutboxRow {
  id: bigint | string;
  topic: string;
  payload: unknown;
  createdAt: Date;
}

interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  body: string;
  attempts: number;
  giveUpAt: Date;
  url: string;
  secret: string;
  /** the endpoint had failed since its last success (when claimed) */
  failing: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class WebhookWorker {
  private readonly o: Required<Omit<WebhookWorkerOptions, "logger">>;
  private readonly log: NonNullable<WebhookWorkerOptions["logger"]>;
  private readonly loop: PollingLoop;
  private dispatchWanted = false;
  private readonly inFlight = new Map<string, { endpointId: string; done: Promise<void> }>();
  /** Counters since start (tests, the benchmark). */
  readonly stats = { dispatched: 0, delivered: 0, failed: 0, attempts: 0 };

  constructor(
    private readonly db: Db,
    opts: WebhookWorkerOptions,
  ) {
    this.o = {
      batchSize: opts.batchSize ?? 200,
      pollMs: opts.pollMs ?? 1000,
      leaseMs: opts.leaseMs ?? 60_000,
      timeoutMs: opts.timeoutMs ?? 10_000,
      concurrency: opts.concurrency ?? 16,
      perEndpoint: opts.perEndpoint ?? 4,
      clock: opts.clock ?? Date.now,
      random: opts.random ?? Math.random,
      allowPrivate: opts.allowPrivate,
    };
    this.log = opts.logger ?? defaultLogger;
    // Every tick dispatches too, not only refills the sending slots.
    this.loop = new PollingLoop(() => this.pass(), this.o.pollMs, () => this.kick());
  }

  start(): this {
    this.loop.start();
    return this;
  }

  private get stopped(): boolean {
    return this.loop.stopped;
  }

  /** Dispatch what the outbox holds and start the due deliveries, now (called after commits).
   * With `dispatch` false (a finished attempt freed a slot) only the sending slots are refilled. */
  kick(dispatch = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.dispatchWanted ||= dispatch;
    return this.loop.run();
  }

  private async pass(): Promise<void> {
    try {
      if (this.dispatchWanted) {
        this.dispatchWanted = false;
        await this.dispatchAll();
      }
      await this.fill();
    } catch (err) {
      if (!this.stopped) this.log.error("webhook worker could not read or write its tables", { err });
    }
  }

  /** Until nothing is left to dispatch or due to send, with every started attempt finished
   * (tests and the benchmark; the clock decides what is due). */
  async settle(): Promise<void> {
    for (;;) {
      await this.kick();
      if (this.inFlight.size === 0) {
        await this.kick();
        if (this.inFlight.size === 0) return;
      }
      await Promise.all([...this.inFlight.values()].map((f) => f.done));
    }
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  // --- dispatch ---------------------------------------------------------------------------------

  private async dispatchAll(): Promise<void> {
    for (;;) {
      const n = await this.dispatchBatch();
      if (n < this.o.batchSize) return;
    }
  }

  /** Fans one claimed batch of outbox rows out into deliveries; answers the rows claimed. */
  async dispatchBatch(): Promise<number> {
    const now = this.o.clock();
    const rows = await this.db.$queryRaw<OutboxRow[]>`
      UPDATE "OutboxEvent" SET "webhooksLockedUntil" = ${iso(now + this.o.leaseMs)}::timestamp
      WHERE id IN (
        SELECT id FROM "OutboxEvent"
        WHERE "webhooksAt" IS NULL AND ("webhooksLockedUntil" IS NULL OR "webhooksLockedUntil" < ${iso(now)}::timestamp)
        ORDER BY id LIMIT ${this.o.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, topic, payload, "createdAt"`;
    if (rows.length === 0) return 0;
    const endpoints = await this.db.webhookEndpoint.findMany({
      where: { disabledAt: null },
      select: { id: true, storeId: true, topics: true, createdAt: true },
    });
    const deliveries: Prisma.WebhookDeliveryCreateManyInput[] = [];
    for (const row of rows) {
      let events;
      try {
        events = toWebhookEvents(row.topic, row.payload);
      } catch (err) {
        this.log.error("webhook dispatcher cannot read an outbox event; it is not sent", { id: String(row.id), err });
        continue;
      }
      const created = new Date(row.createdAt);
      for (const e of events) {
        const eventId = webhookEventId(String(row.id), e);
        const body = JSON.stringify({ id: eventId, type: e.type, created: created.toISOString(), data: e.data });
        for (const ep of endpoints) {
          const audience = ep.storeId === null ? e.platform : ep.storeId === e.storeId;
          // An endpoint hears events recorded after it was made, never older ones.
          if (!audience || !ep.topics.includes(e.type) || ep.createdAt.getTime() > created.getTime()) continue;
          deliveries.push({
            id: newId(),
            endpointId: ep.id,
            outboxEventId: BigInt(row.id),
            eventId,
            eventType: e.type,
            body,
            nextAttemptAt: new Date(now),
            giveUpAt: new Date(now + RETRY_WINDOW_MS),
          });
        }
      }
    }
    const ids = rows.map((r) => String(r.id));
    await inTransaction(this.db, async (tx) => {
      if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
      await tx.$executeRaw`
        UPDATE "OutboxEvent" SET "webhooksAt" = ${iso(now)}::timestamp, "webhooksLockedUntil" = NULL WHERE id = ANY(${ids}::bigint[])`;
    });
    this.stats.dispatched += deliveries.length;
    return rows.length;
  }

  // --- send -------------------------------------------------------------------------------------

  /** Claims due deliveries into the free slots and starts them (without waiting for them). */
  private async fill(): Promise<void> {
    for (;;) {
      const free = this.o.concurrency - this.inFlight.size;
      // Half the slots at a time while others are in flight: a claim costs about as much for one
      // delivery as for eight.
      if (free <= 0 || this.stopped || (this.inFlight.size > 0 && free < Math.floor(this.o.concurrency / 2))) return;
      const claimed = await this.claimDue(free);
      for (const d of claimed) {
        const done = this.attempt(d)
          .catch((err) => this.log.error("webhook attempt could not be recorded; it is retried after its lease", { delivery: d.id, err }))
          .finally(() => {
            this.inFlight.delete(d.id);
            if (!this.stopped) void this.kick(false);
          });
        this.inFlight.set(d.id, { endpointId: d.endpointId, done });
      }
      if (claimed.length < free) return;
    }
  }

  private claimDue(limit: number): Promise<ClaimedDelivery[]> {
    const now = this.o.clock();
    const counts = new Map<string, number>();
    for (const f of this.inFlight.values()) counts.set(f.endpointId, (counts.get(f.endpointId) ?? 0) + 1);
    const busy = [...counts].filter(([, n]) => n >= this.o.perEndpoint).map(([id]) => id);
    return this.db.$queryRaw<ClaimedDelivery[]>`
      UPDATE "WebhookDelivery" d
      SET "lockedUntil" = ${iso(now + this.o.leaseMs)}::timestamp, attempts = d.attempts + 1, "lastAttemptAt" = ${iso(now)}::timestamp
      FROM "WebhookEndpoint" e
      WHERE e.id = d."endpointId" AND d.id IN (
        SELECT id FROM "WebhookDelivery" WHERE id IN (
          SELECT x.id FROM (
            SELECT c.id, c."endpointId", c."nextAttemptAt", row_number() OVER (PARTITION BY c."endpointId" ORDER BY c."nextAttemptAt", c.id) AS rn
            FROM (
              -- The earliest due deliveries (bounded, from the status/nextAttemptAt index)…
              SELECT w.id, w."endpointId", w."nextAttemptAt"
              FROM "WebhookDelivery" w JOIN "WebhookEndpoint" ep ON ep.id = w."endpointId"
              WHERE w.status = 'PENDING' AND w."nextAttemptAt" <= ${iso(now)}::timestamp
                AND (w."lockedUntil" IS NULL OR w."lockedUntil" < ${iso(now)}::timestamp)
                AND ep."disabledAt" IS NULL AND NOT (w."endpointId" = ANY(${busy}::text[]))
              ORDER BY w."nextAttemptAt", w.id
              LIMIT ${CLAIM_WINDOW}
            ) c
          ) x
          LEFT JOIN unnest(${[...counts.keys()]}::text[], ${[...counts.values()]}::int[]) AS f("endpointId", n) ON f."endpointId" = x."endpointId"
          -- …at most perEndpoint per endpoint with those already in flight here, endpoints taking turns.
          WHERE x.rn <= ${this.o.perEndpoint} - coalesce(f.n, 0)
          ORDER BY x.rn, x."nextAttemptAt"
          LIMIT ${limit})
        -- Checked again here, at the lock: a row another worker claimed (or delivered) after this
        -- statement's snapshot is re-read under the lock and dropped, not claimed twice.
        AND status = 'PENDING' AND "nextAttemptAt" <= ${iso(now)}::timestamp
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${iso(now)}::timestamp)
        FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d."endpointId", d."eventId", d.body, d.attempts, d."giveUpAt", e.url, e.secret, e."failingSince" IS NOT NULL AS failing`;
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const secret = openWebhookSecret(d.secret, d.endpointId);
    const result: AttemptResult = secret
      ? await postWebhook({
          url: d.url,
          body: d.body,
          headers: { [EVENT_ID_HEADER]: d.eventId, [SIGNATURE_HEADER]: signWebhook(secret, d.body, Math.floor(this.o.clock() / 1000)), ...requestIdHeaders(currentRequestId() ?? newRequestId()) },
          timeoutMs: this.o.timeoutMs,
          allowPrivate: this.o.allowPrivate,
        })
      : { ok: false, status: null, error: "the signing secret cannot be read (was WEBHOOK_ENCRYPTION_KEY changed?)", latencyMs: 0, response: null };
    this.stats.attempts++;
    await this.record(d, result);
  }

  private async record(d: ClaimedDelivery, r: AttemptResult): Promise<void> {
    const now = this.o.clock();
    const last = { lastStatus: r.status, lastError: r.error?.slice(0, 500) ?? null, lastLatencyMs: r.latencyMs, lastResponse: r.response, lockedUntil: null };
    if (r.ok) {
      await this.db.webhookDelivery.updateMany({ where: { id: d.id }, data: { ...last, status: "DELIVERED", deliveredAt: new Date(now) } });
      if (d.failing) await this.db.webhookEndpoint.updateMany({ where: { id: d.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
      this.stats.delivered++;
      metrics.webhookDeliveries.inc({ result: "delivered" });
      return;
    }
    const giveUp = now >= new Date(d.giveUpAt).getTime();
    await this.db.webhookDelivery.updateMany({
      where: { id: d.id },
      data: giveUp ? { ...last, status: "FAILED" } : { ...last, nextAttemptAt: new Date(now + backoffMs(d.attempts, this.o.random)) },
    });
    if (giveUp) this.stats.failed++;
    metrics.webhookDeliveries.inc({ result: giveUp ? "failed" : "retry" });
    await this.db.webhookEndpoint.updateMany({ where: { id: d.endpointId, failingSince: null, disabledAt: null }, data: { failingSince: new Date(now) } });
    const endpoint = await this.db.webhookEndpoint.findUnique({ where: { id: d.endpointId }, select: { failingSince: true, disabledAt: true } });
    if (endpoint?.failingSince && !endpoint.disabledAt && now - endpoint.failingSince.getTime() >= DISABLE_AFTER_MS) {
      const reason = `Disabled ${iso(now).slice(0, 16).replace("T", " ")} UTC: every delivery failed for 3 days (since ${endpoint.failingSince.toISOString().slice(0, 16).replace("T", " ")} UTC). Last error: ${r.error ?? "unknown"}`.slice(0, 500);
      const n = await this.db.webhookEndpoint.updateMany({ where: { id: d.endpointId, disabledAt: null }, data: { disabledAt: new Date(now), disabledReason: reason } });
      if (n.count) this.log.warn("webhook endpoint disabled after 3 days of failures", { endpoint: d.endpointId, reason });
    }
  }
}
