// The order streams on a PostgreSQL table (the embedded default, no REDIS_URL; works on a
// PostgreSQL server too): one "StreamMessage" row per message not yet acknowledged. A reader
// takes the oldest rows that are free (never taken, or whose lease ran out: a reader that died)
// with FOR UPDATE SKIP LOCKED, so readers in several processes never take the same row at once,
// and marks when it took them (takenAt): a row left unacknowledged longer than a reader's
// `claimIdleMs` is free again for any reader, like XAUTOCLAIM; acknowledging deletes the rows; dead-lettering moves a row to
// "StreamDeadLetter" in one statement. Waiting for a message is a poll (every `pollMs`) that a
// publish in this process cuts short.
import "server-only";
import { Prisma } from "@/generated/prisma/client.ts";
import type { Db } from "@/server/db/client";
import { inIdOrder } from "@/server/db/ids";
import type { StreamEntry, StreamTransport, TakeOptions } from "./transport";

const NOW = Prisma.sql`timezone('UTC', now())`;
/** Status messages older than this are dropped when nobody read them (outside readers). */
const STATUS_KEEP_DAYS = 7;

export class PgStreamTransport implements StreamTransport {
  readonly kind = "postgres" as const;
  private wakers = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly o: { pollMs?: number; prefix?: string } = {},
  ) {}

  private key(stream: string): string {
    return (this.o.prefix ?? "") + stream;
  }

  async publish(stream: string, payload: string, meta: { requestId?: string } = {}): Promise<string> {
    const [row] = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "StreamMessage" (stream, payload, "requestId", "createdAt") VALUES (${this.key(stream)}, ${payload}, ${meta.requestId ?? null}, ${NOW}) RETURNING id::text AS id`;
    this.wake();
    return row!.id;
  }

  async publishMany(stream: string, payloads: readonly string[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.db.$executeRaw`
      INSERT INTO "StreamMessage" (stream, payload, "createdAt") SELECT ${this.key(stream)}, p, ${NOW} FROM unnest(${payloads as string[]}::text[]) WITH ORDINALITY AS x(p, n) ORDER BY n`;
    if (Math.random() < 0.01) {
      await this.db.$executeRaw`DELETE FROM "StreamMessage" WHERE stream = ${this.key(stream)} AND "createdAt" < ${NOW} - make_interval(days => ${STATUS_KEEP_DAYS})`;
    }
    this.wake();
  }

  private takeNow(stream: string, consumer: string, o: TakeOptions): Promise<StreamEntry[]> {
    return this.db.$queryRaw<StreamEntry[]>`
      UPDATE "StreamMessage" m
      SET consumer = ${consumer}, deliveries = m.deliveries + 1, "takenAt" = ${NOW}
      WHERE m.id IN (
        SELECT id FROM "StreamMessage"
        WHERE stream = ${this.key(stream)} AND ("takenAt" IS NULL OR "takenAt" <= ${NOW} - make_interval(secs => ${o.claimIdleMs / 1000}::float8))
        ORDER BY id LIMIT ${o.count}::int
        FOR UPDATE SKIP LOCKED
      )
      RETURNING m.id::text AS id, m.payload, m.deliveries, m."requestId"`;
  }

  async take(stream: string, consumer: string, o: TakeOptions): Promise<StreamEntry[]> {
    const deadline = Date.now() + o.blockMs;
    for (;;) {
      const rows = inIdOrder(await this.takeNow(stream, consumer, o));
      const left = deadline - Date.now();
      if (rows.length > 0 || left <= 0 || this.closed) return rows;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, this.o.pollMs ?? 100));
        this.wakers.add(done);
      });
    }
  }

  async ack(stream: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.$executeRaw`DELETE FROM "StreamMessage" WHERE id = ANY(${ids as string[]}::bigint[])`;
  }

  async deadLetter(stream: string, entry: StreamEntry, reason: string): Promise<void> {
    await this.db.$executeRaw`
      WITH gone AS (DELETE FROM "StreamMessage" WHERE id = ${entry.id}::bigint)
      INSERT INTO "StreamDeadLetter" (stream, "messageId", reason, payload, "createdAt")
      VALUES (${stream}, ${entry.id}, ${reason}, ${entry.payload ?? ""}, ${NOW})`;
  }

  async lag(stream: string): Promise<number> {
    const [row] = await this.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "StreamMessage" WHERE stream = ${this.key(stream)}`;
    return row?.n ?? 0;
  }

  wake(): void {
    for (const w of [...this.wakers]) w();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }
}
