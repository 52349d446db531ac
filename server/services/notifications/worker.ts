// The mail worker: order emails after commit and outside every request (decision 167). One per
// app process (started by instrumentation.ts beside the webhook worker), a PollingLoop doing:
//
//  1. Compose: claims outbox rows not yet turned into mail (its own mark and lease on
//     "OutboxEvent": mailAt, mailLockedUntil; FOR UPDATE SKIP LOCKED), renders each event's emails
//     (compose.ts) and writes them as MailMessage rows, then marks the rows, in one transaction.
//     A rolled-back transaction left no outbox row, so it mails nobody. A crash before the mark
//     leaves the rows to a later claim after the lease; the messages' unique key makes that second
//     composition write nothing.
//  2. Digest: from MAIL_DIGEST_HOUR (UTC) on, once a day, queues the low-stock digests (digest.ts;
//     at most one per seller and day whichever process or run writes it).
//  3. Send: claims due PENDING messages with a lease (FOR UPDATE SKIP LOCKED: with several app
//     processes one sends a given message), sends each through the mailer and marks it SENT.
//     A failure is retried with exponential backoff; after `maxAttempts` the message is FAILED,
//     logged as an error and counted (livemarket_mail_messages_total{result="failed"}).
//
// Delivery is at least once per message: a process that dies after the mail server took a
// message and before it was marked SENT sends it again after the lease. The message carries a
// Message-ID made from its key, the same on every attempt, so mail servers and clients that
// deduplicate on it show it once. Time comes from `clock` (tests drive it).
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { inTransaction } from "@/server/db/transaction";
import { getMailer, type Mailer } from "@/server/mail/mailer";
import { PollingLoop } from "@/server/jobs/serial-runner";
import { logger as defaultLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { createHash } from "node:crypto";
import { ZodError } from "zod";
import { composeEventMail } from "./compose";
import { queueLowStockDigests, utcDay } from "./digest";

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/** The wait before attempt `attempts + 1`: 30 s doubling, at most an hour, jittered over its upper half. */
export function mailBackoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface MailWorkerOptions {
  mailer?: Mailer;
  appUrl: string;
  /** Outbox rows per compose claim, messages per send claim. */
  batchSize?: number;
  pollMs?: number;
  leaseMs?: number;
  /** Attempts before a message is given up (FAILED). */
  maxAttempts?: number;
  /** The UTC hour from which the day's digest goes out; null: no scheduled digest. */
  digestHour?: number | null;
  clock?: () => number;
  random?: () => number;
  logger?: Pick<typeof defaultLogger, "info" | "warn" | "error">;
}

interface OutboxRow {
  id: bigint | string;
  topic: string;
  payload: unknown;
}

interface ClaimedMessage {
  id: string;
  key: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: unknown;
  attempts: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class MailWorker {
  private readonly o: Required<Omit<MailWorkerOptions, "logger" | "mailer" | "digestHour">> & { digestHour: number | null };
  private readonly mailer: Mailer;
  private readonly log: NonNullable<MailWorkerOptions["logger"]>;
  private readonly loop: PollingLoop;
  /** The last day whose digests this process queued. */
  private digestDay: string | null = null;
  readonly stats = { composed: 0, sent: 0, retried: 0, failed: 0 };

  constructor(
    private readonly db: Db,
    opts: MailWorkerOptions,
  ) {
    this.o = {
      appUrl: opts.appUrl,
      batchSize: opts.batchSize ?? 100,
      pollMs: opts.pollMs ?? 1000,
      leaseMs: opts.leaseMs ?? 60_000,
      maxAttempts: opts.maxAttempts ?? 8,
      digestHour: opts.digestHour === undefined ? 7 : opts.digestHour,
      clock: opts.clock ?? Date.now,
      random: opts.random ?? Math.random,
    };
    this.mailer = opts.mailer ?? getMailer();
    this.log = opts.logger ?? defaultLogger;
    this.loop = new PollingLoop(() => this.pass(), this.o.pollMs);
  }

  start(): this {
    this.loop.start();
    return this;
  }

  /** One pass now (or joins the one under way). */
  kick(): Promise<void> {
    return this.loop.run();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async pass(): Promise<void> {
    try {
      await this.composeAll();
      await this.scheduledDigest();
      await this.sendDue();
    } catch (err) {
      if (!this.loop.stopped) this.log.error("mail worker could not read or write its tables", { err });
    }
  }

  // --- compose ----------------------------------------------------------------------------------

  private async composeAll(): Promise<void> {
    for (;;) {
      const n = await this.composeBatch();
      if (n < this.o.batchSize) return;
    }
  }

  /** Turns one claimed batch of outbox rows into messages; answers the rows claimed. */
  async composeBatch(): Promise<number> {
    const now = this.o.clock();
    const rows = await this.db.$queryRaw<OutboxRow[]>`
      UPDATE "OutboxEvent" SET "mailLockedUntil" = ${iso(now + this.o.leaseMs)}::timestamp
      WHERE id IN (
        SELECT id FROM "OutboxEvent"
        WHERE "mailAt" IS NULL AND ("mailLockedUntil" IS NULL OR "mailLockedUntil" < ${iso(now)}::timestamp)
          AND topic IN ('order.placed', 'order.status_changed')
        ORDER BY id LIMIT ${this.o.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, topic, payload`;
    if (rows.length === 0) return 0;
    const data: Prisma.MailMessageCreateManyInput[] = [];
    for (const row of rows) {
      try {
        for (const m of await composeEventMail(this.db, row.topic, row.payload, this.o.appUrl)) {
          data.push({ id: newId(), key: m.key, kind: m.kind, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers ?? {}, outboxEventId: BigInt(row.id), nextAttemptAt: new Date(now) });
        }
      } catch (err) {
        // A payload the contract cannot read never will: skipped, with the reason in the log.
        // Anything else (the database away) leaves the batch to a later claim after the lease.
        if (!(err instanceof ZodError) && !(err instanceof Error && err.message.startsWith("unknown event"))) throw err;
        this.log.error("mail worker cannot read an outbox event; it is not mailed", { id: String(row.id), topic: row.topic, err });
      }
    }
    const ids = rows.map((r) => String(r.id));
    await inTransaction(this.db, async (tx) => {
      if (data.length) await tx.mailMessage.createMany({ data, skipDuplicates: true });
      await tx.$executeRaw`UPDATE "OutboxEvent" SET "mailAt" = ${iso(now)}::timestamp, "mailLockedUntil" = NULL WHERE id = ANY(${ids}::bigint[])`;
    });
    this.stats.composed += data.length;
    return rows.length;
  }

  // --- digest -----------------------------------------------------------------------------------

  private async scheduledDigest(): Promise<void> {
    if (this.o.digestHour === null) return;
    const now = this.o.clock();
    const day = utcDay(now);
    if (this.digestDay === day || new Date(now).getUTCHours() < this.o.digestHour) return;
    await this.runDigest(day);
  }

  /** Queues the digests of `day` (YYYY-MM-DD) now: what the schedule does once a day; tests and
   * the CLI call it for a given day. Answers how many were new (0 when that day already ran). */
  async runDigest(day: string): Promise<number> {
    const n = await queueLowStockDigests(this.db, day, this.o.appUrl, new Date(this.o.clock()));
    this.digestDay = day;
    if (n) this.log.info("low-stock digests queued", { day, count: n });
    return n;
  }

  // --- send -------------------------------------------------------------------------------------

  private async sendDue(): Promise<void> {
    for (;;) {
      const claimed = await this.claimDue();
      for (const m of claimed) await this.attempt(m);
      if (claimed.length < this.o.batchSize || this.loop.stopped) return;
    }
  }

  private claimDue(): Promise<ClaimedMessage[]> {
    const now = this.o.clock();
    return this.db.$queryRaw<ClaimedMessage[]>`
      UPDATE "MailMessage" SET "lockedUntil" = ${iso(now + this.o.leaseMs)}::timestamp, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM "MailMessage"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= ${iso(now)}::timestamp
          AND ("lockedUntil" IS NULL OR "lockedUntil" < ${iso(now)}::timestamp)
        ORDER BY "nextAttemptAt", id LIMIT ${this.o.batchSize}
        FOR UPDATE SKIP LOCKED)
      -- Checked again under the lock: a row another worker claimed after this snapshot is dropped.
      AND status = 'PENDING' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${iso(now)}::timestamp)
      RETURNING id, key, "to", subject, text, html, headers, attempts`;
  }

  private async attempt(m: ClaimedMessage): Promise<void> {
    const headers = { ...((m.headers ?? {}) as Record<string, string>), "Message-ID": messageIdOf(m.key, this.o.appUrl) };
    let error: string | null = null;
    try {
      await this.mailer.send({ to: m.to, subject: m.subject, text: m.text, html: m.html, headers });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const now = this.o.clock();
    if (error === null) {
      await this.db.mailMessage.updateMany({ where: { id: m.id }, data: { status: "SENT", sentAt: new Date(now), lockedUntil: null, lastError: null } });
      this.stats.sent++;
      metrics.mailMessages.inc({ result: "sent" });
      return;
    }
    const giveUp = m.attempts >= this.o.maxAttempts;
    await this.db.mailMessage.updateMany({
      where: { id: m.id },
      data: giveUp
        ? { status: "FAILED", lockedUntil: null, lastError: error.slice(0, 500) }
        : { lockedUntil: null, lastError: error.slice(0, 500), nextAttemptAt: new Date(now + mailBackoffMs(m.attempts, this.o.random)) },
    });
    metrics.mailMessages.inc({ result: giveUp ? "failed" : "retry" });
    const toDomain = m.to.split("@").pop();
    if (giveUp) {
      this.stats.failed++;
      this.log.error("mail given up after repeated failures", { message: m.id, key: m.key, attempts: m.attempts, transport: this.mailer.kind, toDomain, error });
    } else {
      this.stats.retried++;
      this.log.warn("mail not sent; retried later", { message: m.id, attempts: m.attempts, transport: this.mailer.kind, toDomain, error });
    }
  }
}

/** The Message-ID of a message: the same on every attempt, so a resend after a crash can be
 * recognised as the same message by servers and clients that look. */
export function messageIdOf(key: string, appUrl: string): string {
  const host = new URL(appUrl).hostname || "livemarket.local";
  return `<${createHash("sha256").update(key).digest("base64url").slice(0, 32)}@${host}>`;
}
