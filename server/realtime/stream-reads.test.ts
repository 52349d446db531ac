// A page coming back while its sidecar is between reading entries and sending them gets each
// change once: replayed if it was in the tail when the page was restored, else live.
import { describe, expect, it } from "vitest";
import { StreamReads } from "./stream-reads";
import { StreamTail, type DecodedBroadcast } from "./stream-tail";

type Entry = { rooms: string[]; n: number };
const asBroadcast = (id: string, e: Entry): DecodedBroadcast => ({ id, packetData: ["stock.changed", { n: e.n }], rooms: e.rooms, except: [] });

function sidecarLike() {
  const tail = new StreamTail({ maxEntries: 1000, maxAgeMs: 60_000, fetchRange: async () => [] });
  tail.coverFrom("100-0");
  /** What went out live, by entry. */
  const live: number[] = [];
  const reads = new StreamReads<Entry>({ tail: () => tail, asBroadcast, deliver: (entries) => entries.forEach(([e]) => live.push(e.n)) });
  reads.passed("100-0");
  return { tail, reads, live };
}

describe("stream reads", () => {
  it("a session restored between a read and its delivery gets each entry once: live, not replayed and then live", async () => {
    const { tail, reads, live } = sidecarLike();
    reads.read({ rooms: ["product:a"], n: 1 }, "101-0");
    reads.read({ rooms: ["product:a"], n: 2 }, "102-0");
    // Restored now (its Redis replies came in the same turn of the event loop as the read):
    // it joins its rooms with what the tail holds, and then the read goes out to those rooms.
    const replayed = (await tail.missedSince("100-0", ["product:a"])).map((p) => (p[1] as { n: number }).n);
    await new Promise((r) => setImmediate(r));
    expect(live).toEqual([1, 2]);
    expect(replayed).toEqual([]);
    // Once delivered, they are what a later restore is sent.
    expect((await tail.missedSince("100-0", ["product:a"])).map((p) => p[2])).toEqual(["101-0", "102-0"]);
  });

  it("gives new sockets the last entry delivered as their offset, never one still on its way", async () => {
    const { reads } = sidecarLike();
    expect(reads.lastId).toBe("100-0");
    reads.read({ rooms: ["product:a"], n: 1 }, "101-0");
    expect(reads.lastId).toBe("100-0");
    reads.flush();
    expect(reads.lastId).toBe("101-0");
    // A probe read back later than what is pending moves it on; an older id never moves it back.
    reads.passed("100-5");
    expect(reads.lastId).toBe("101-0");
  });
});
