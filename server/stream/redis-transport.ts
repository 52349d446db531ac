// The order streams on Redis Streams (REDIS_URL): one consumer group ("livemarket") per stream, so
// any number of app instances share the work. A reader first takes over messages another reader
// left pending past `claimIdleMs` (XAUTOCLAIM: a consumer that died mid-batch), then reads new
// ones (XREADGROUP … >, blocking on its own connection). Acknowledging is XACK plus XDEL in one
// MULTI, so the stream holds exactly the unacknowledged messages and its length is the lag.
// Dead letters go to livemarket:orders:dead (stream, id, reason, payload) in the same MULTI as
// the acknowledgement. The status stream is capped (MAXLEN ~) for readers elsewhere.
import "server-only";
import { Redis } from "ioredis";
import { CONSUMER_GROUP, ORDERS_DEAD, ORDERS_STATUS, type StreamEntry, type StreamTransport, type TakeOptions } from "./transport";

/** Status messages kept for outside readers (approximate trim). */
const STATUS_MAXLEN = 100_000;

type RawEntry = [id: string, fields: string[] | null];

function toEntry([id, fields]: RawEntry, deliveries: number): StreamEntry {
  let payload: string | null = null;
  let requestId: string | null = null;
  for (let i = 0; fields && i < fields.length; i += 2) {
    if (fields[i] === "payload") payload = fields[i + 1] ?? null;
    else if (fields[i] === "request_id") requestId = fields[i + 1] ?? null;
  }
  return { id, payload, deliveries, requestId };
}

/** The entries of an XREADGROUP reply for one stream: `[[key, entries]]` (RESP2) or the
 * flattened map `[key, entries]` this client gives. */
function streamEntries(res: unknown[] | null): RawEntry[] {
  if (!res || res.length === 0) return [];
  if (typeof res[0] === "string") return (res[1] as RawEntry[] | undefined) ?? [];
  return (res as [string, RawEntry[]][]).flatMap(([, entries]) => entries ?? []);
}

export class RedisStreamTransport implements StreamTransport {
  readonly kind = "redis" as const;
  private readonly cmd: Redis;
  private reader: Redis | null = null;
  private readonly groups = new Set<string>();
  private closed = false;

  /** `prefix` goes before every key (tests keep their streams apart with it). */
  constructor(
    private readonly url: string,
    private readonly prefix = "",
  ) {
    this.cmd = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    this.cmd.on("error", () => undefined);
  }

  key(stream: string): string {
    return this.prefix + stream;
  }

  private async ensureGroup(stream: string): Promise<void> {
    if (this.groups.has(stream)) return;
    try {
      await this.cmd.call("XGROUP", "CREATE", this.key(stream), CONSUMER_GROUP, "0", "MKSTREAM");
    } catch (err) {
      if (!String((err as Error).message).includes("BUSYGROUP")) throw err;
    }
    this.groups.add(stream);
  }

  async publish(stream: string, payload: string, meta: { requestId?: string } = {}): Promise<string> {
    await this.ensureGroup(stream);
    const trim = stream === ORDERS_STATUS ? ["MAXLEN", "~", String(STATUS_MAXLEN)] : [];
    const rid = meta.requestId ? ["request_id", meta.requestId] : [];
    return (await this.cmd.call("XADD", this.key(stream), ...trim, "*", "payload", payload, ...rid)) as string;
  }

  async publishMany(stream: string, payloads: readonly string[]): Promise<void> {
    if (payloads.length === 0) return;
    await this.ensureGroup(stream);
    const trim = stream === ORDERS_STATUS ? ["MAXLEN", "~", String(STATUS_MAXLEN)] : [];
    for (let i = 0; i < payloads.length; i += 1000) {
      const pipe = this.cmd.pipeline();
      for (const p of payloads.slice(i, i + 1000)) pipe.call("XADD", this.key(stream), ...trim, "*", "payload", p);
      const res = await pipe.exec();
      const failed = res?.find(([err]) => err);
      if (failed) throw failed[0];
    }
  }

  async take(stream: string, consumer: string, o: TakeOptions): Promise<StreamEntry[]> {
    await this.ensureGroup(stream);
    const key = this.key(stream);
    const [, claimedRaw] = (await this.cmd.call("XAUTOCLAIM", key, CONSUMER_GROUP, consumer, String(o.claimIdleMs), "0-0", "COUNT", String(o.count))) as [
      string,
      RawEntry[],
      string[]?,
    ];
    const claimed = claimedRaw.filter((e) => e && e[1]);
    const out: StreamEntry[] = [];
    if (claimed.length > 0) {
      // Delivery counts of what this consumer now holds (XAUTOCLAIM does not say).
      const pending = (await this.cmd.call("XPENDING", key, CONSUMER_GROUP, claimed[0]![0], claimed.at(-1)![0], String(claimed.length * 2 + 10), consumer)) as [
        string,
        string,
        number,
        number,
      ][];
      const counts = new Map(pending.map(([id, , , n]) => [id, Number(n)]));
      for (const e of claimed) out.push(toEntry(e, counts.get(e[0]) ?? 2));
    }
    const room = o.count - out.length;
    if (room <= 0) return out;
    this.reader ??= this.newReader();
    const block = out.length > 0 ? [] : ["BLOCK", String(Math.max(1, o.blockMs))];
    const res = (await this.reader.call("XREADGROUP", "GROUP", CONSUMER_GROUP, consumer, "COUNT", String(room), ...block, "STREAMS", key, ">")) as unknown[] | null;
    for (const e of streamEntries(res)) out.push(toEntry(e, 1));
    return out;
  }

  private newReader(): Redis {
    const r = new Redis(this.url, { maxRetriesPerRequest: 2 });
    r.on("error", () => undefined);
    return r;
  }

  async ack(stream: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const key = this.key(stream);
    await this.cmd.multi().call("XACK", key, CONSUMER_GROUP, ...ids).call("XDEL", key, ...ids).exec();
  }

  async deadLetter(stream: string, entry: StreamEntry, reason: string): Promise<void> {
    const key = this.key(stream);
    const res = await this.cmd
      .multi()
      .call("XADD", this.key(ORDERS_DEAD), "*", "stream", stream, "id", entry.id, "reason", reason, "payload", entry.payload ?? "")
      .call("XACK", key, CONSUMER_GROUP, entry.id)
      .call("XDEL", key, entry.id)
      .exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async lag(stream: string): Promise<number> {
    return Number(await this.cmd.call("XLEN", this.key(stream)));
  }

  wake(): void {
    // XREADGROUP BLOCK returns as soon as a message arrives: nothing to do.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reader?.disconnect();
    await this.cmd.quit().catch(() => this.cmd.disconnect());
  }

  /** Stops at once, like a process that died: the connections drop, nothing is acknowledged. */
  kill(): void {
    this.closed = true;
    this.reader?.disconnect();
    this.cmd.disconnect();
  }
}
