// What a sidecar keeps of the Redis stream's recent broadcasts, indexed by room, so that a socket
// coming back gets what it missed without reading the stream again (decision 200).
// @socket.io/redis-streams-adapter 0.3.1 restores every session with its own XRANGE from the
// session's offset to the end of the stream: after a sidecar restart, 10,000 reconnecting pages
// read the stream's tail 10,000 times (gigabytes from Redis for a few hundred entries each; the
// benchmark's storm stalled with Redis at 25 s of CPU and 94% of pages never back). Here the sidecar
// reads each entry once: live ones as its adapter reads them, older ones in one shared XRANGE
// for every restore that needs them, and each restore looks up only its own rooms.
import "server-only";

export interface TailEntry {
  id: string;
  ms: number;
  seq: number;
  /** The broadcast packet's data (event name and arguments), without the offset. */
  data: unknown[];
  rooms: string[];
  except: string[];
}

/** A stream entry as XRANGE returns it through the adapter's decoding. */
export interface DecodedBroadcast {
  id: string;
  packetData: unknown[];
  rooms: string[];
  except: string[];
}

export function parseStreamId(id: string): [number, number] | null {
  const m = /^(\d+)-(\d+)$/.exec(id);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function after(e: { ms: number; seq: number }, ms: number, seq: number): boolean {
  return e.ms > ms || (e.ms === ms && e.seq > seq);
}

/** Whether stream id `a` comes after `b` (any id comes after none; an unreadable one after nothing). */
export function isLaterId(a: string, b: string | null): boolean {
  if (b === null) return true;
  const [x, y] = [parseStreamId(a), parseStreamId(b)];
  return x !== null && y !== null && after({ ms: x[0], seq: x[1] }, y[0], y[1]);
}

/** First index in an ascending list whose entry comes after (ms, seq). */
function firstAfter(list: TailEntry[], ms: number, seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(list[mid]!, ms, seq)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface StreamTailOptions {
  /** Reads the broadcasts after `fromExclusive` up to and including `toInclusive`, in order. */
  fetchRange(fromExclusive: string, toInclusive: string): Promise<DecodedBroadcast[]>;
  maxEntries: number;
  maxAgeMs: number;
  now?: () => number;
}

export class StreamTail {
  private entries: TailEntry[] = [];
  private byRoom = new Map<string, TailEntry[]>();
  /** Broadcasts to every socket (no rooms). */
  private everyone: TailEntry[] = [];
  /** Every broadcast after this id is here; null until the sidecar's reading loop is known to
   * be reading (then: the id of the entry it was seen to read). */
  private from: [number, number] | null = null;
  private fromId: string | null = null;
  private filling: Promise<void> = Promise.resolve();
  private sinceTrim = 0;

  constructor(private readonly opts: StreamTailOptions) {}

  /** The reading loop has read `id`: everything after it will be added. */
  coverFrom(id: string): void {
    const p = parseStreamId(id);
    if (!p || this.from) return;
    this.from = p;
    this.fromId = id;
  }

  /** A broadcast the reading loop read (in stream order). */
  add(b: DecodedBroadcast): void {
    const p = parseStreamId(b.id);
    if (!p) return;
    const last = this.entries[this.entries.length - 1];
    if (last && !after({ ms: p[0], seq: p[1] }, last.ms, last.seq)) return;
    const e: TailEntry = { id: b.id, ms: p[0], seq: p[1], data: b.packetData, rooms: b.rooms, except: b.except };
    this.entries.push(e);
    for (const l of this.listsOf(e, this.byRoom)) l.push(e);
    if (++this.sinceTrim >= 256) this.trim();
  }

  get size(): number {
    return this.entries.length;
  }

  /** The packets, offset appended, that a session in `rooms` missed after `offset`, in order. */
  async missedSince(offset: string, rooms: string[]): Promise<unknown[][]> {
    const p = parseStreamId(offset);
    if (!p) throw new Error("invalid offset");
    await this.cover(offset, p);
    const own = new Set(rooms);
    const found = new Map<string, TailEntry>();
    const take = (list: TailEntry[] | undefined) => {
      if (!list) return;
      for (let i = firstAfter(list, p[0], p[1]); i < list.length; i++) found.set(list[i]!.id, list[i]!);
    };
    take(this.everyone);
    for (const r of own) take(this.byRoom.get(r));
    return [...found.values()]
      .filter((e) => !e.except.some((r) => own.has(r)))
      .sort((a, b) => a.ms - b.ms || a.seq - b.seq)
      .map((e) => [...e.data, e.id]);
  }

  /** Makes sure every broadcast after `offset` is here: one fetch at a time, shared by every
   * restore waiting for the same or a later offset. */
  private cover(offset: string, p: [number, number]): Promise<void> {
    const run = this.filling.then(async () => {
      if (!this.from || !this.fromId) throw new Error("the stream is not being read yet");
      if (!after({ ms: this.from[0], seq: this.from[1] }, p[0], p[1])) return; // already covered
      const to = this.fromId;
      const older = await this.opts.fetchRange(offset, to);
      // Trimmed meanwhile: what lay between `to` and the new start is gone, so this cannot be
      // made whole; the restore fails and the page resyncs.
      if (this.fromId !== to || !this.from) throw new Error("the stream tail moved while older entries were read");
      // Only what comes before the first entry here: the reading loop may have added some of
      // these already, before coverFrom.
      const first = this.entries[0];
      const fresh: TailEntry[] = [];
      for (const b of older) {
        const q = parseStreamId(b.id);
        if (q && (!first || after(first, q[0], q[1]))) fresh.push({ id: b.id, ms: q[0], seq: q[1], data: b.packetData, rooms: b.rooms, except: b.except });
      }
      this.entries = [...fresh, ...this.entries];
      this.prepend(fresh);
      this.from = p;
      this.fromId = offset;
    });
    // A failed fetch fails its own restores, not the ones queued after it.
    this.filling = run.catch(() => {});
    return run;
  }

  /** The lists of `index` an entry belongs in (created when missing): its rooms' or everyone's. */
  private listsOf(e: TailEntry, index: Map<string, TailEntry[]>, everyone = this.everyone): TailEntry[][] {
    return e.rooms.length === 0 ? [everyone] : e.rooms.map((r) => index.get(r) ?? index.set(r, []).get(r)!);
  }

  /** Older entries, in order, put in front of each list at once. */
  private prepend(fresh: TailEntry[]): void {
    const byRoom = new Map<string, TailEntry[]>();
    const everyone: TailEntry[] = [];
    for (const e of fresh) for (const l of this.listsOf(e, byRoom, everyone)) l.push(e);
    this.everyone = [...everyone, ...this.everyone];
    for (const [room, l] of byRoom) this.byRoom.set(room, [...l, ...(this.byRoom.get(room) ?? [])]);
  }

  /** Drops what is older than the recovery window or past the size bound. */
  private trim(): void {
    this.sinceTrim = 0;
    const now = (this.opts.now ?? Date.now)();
    let drop = 0;
    while (drop < this.entries.length && (this.entries.length - drop > this.opts.maxEntries || this.entries[drop]!.ms < now - this.opts.maxAgeMs)) drop++;
    if (drop === 0) return;
    const lastDropped = this.entries[drop - 1]!;
    this.entries = this.entries.slice(drop);
    this.from = [lastDropped.ms, lastDropped.seq];
    this.fromId = lastDropped.id;
    const keep = (l: TailEntry[]) => l.slice(firstAfter(l, lastDropped.ms, lastDropped.seq));
    this.everyone = keep(this.everyone);
    for (const [room, l] of this.byRoom) {
      const k = keep(l);
      if (k.length) this.byRoom.set(room, k);
      else this.byRoom.delete(room);
    }
  }
}
