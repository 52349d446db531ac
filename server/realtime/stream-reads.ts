// The entries a sidecar's streams adapter reads from the Redis stream, on their way to its
// sockets. The adapter hands over one read's entries one by one, synchronously; they are
// delivered together right after it (so a product room can be sent only the newest state of
// each variant, decision 201).
// An entry joins the tail (what a socket coming back is sent, decision 200) and becomes the
// offset given to new sockets only as it is delivered, not as it is read. A socket restored in
// between would otherwise get it twice: replayed from the tail, then live once it had joined its
// rooms (bench:realtime-scale's storm found 50 and 177 such duplicates among 10,000 pages).
import "server-only";
import { isLaterId, type DecodedBroadcast, type StreamTail } from "./stream-tail";

export interface StreamReadsOptions<M> {
  /** What a socket coming back could have missed of an entry (a broadcast), or null. */
  asBroadcast(id: string, m: M): DecodedBroadcast | null;
  /** The sidecar's tail, once it has one. */
  tail(): StreamTail | null;
  /** Sends one read's entries to this sidecar's sockets, in order. */
  deliver(entries: [m: M, offset: string | undefined][]): void;
}

export class StreamReads<M> {
  private pending: [M, string | undefined][] = [];
  private last: string | null = null;

  constructor(private readonly o: StreamReadsOptions<M>) {}

  /** The last entry delivered (or passed): the offset a new socket is given. */
  get lastId(): string | null {
    return this.last;
  }

  /** The adapter read an entry: it goes out with the rest of its read, right after it. */
  read(m: M, offset: string | undefined): void {
    if (this.pending.push([m, offset]) === 1) setImmediate(() => this.flush());
  }

  /** An entry read and not for the sockets (the sidecar's own probe) is passed all the same. */
  passed(offset: string): void {
    if (isLaterId(offset, this.last)) this.last = offset;
  }

  /** Delivers what was read so far. */
  flush(): void {
    const entries = this.pending;
    this.pending = [];
    if (entries.length === 0) return;
    const tail = this.o.tail();
    // A read comes in stream order: its last entry is the newest.
    let newest: string | undefined;
    for (const [m, offset] of entries) {
      if (!offset) continue;
      newest = offset;
      const b = this.o.asBroadcast(offset, m);
      if (b) tail?.add(b);
    }
    if (newest) this.passed(newest);
    this.o.deliver(entries);
  }
}
