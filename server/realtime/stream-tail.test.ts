// The sidecar's copy of the stream's recent broadcasts (decision 200): what a restored session
// gets is what the adapter's own restore would have read from Redis, for its rooms only, in
// order, with older entries fetched once for every restore that needs them.
import { describe, expect, it } from "vitest";
import { StreamTail, type DecodedBroadcast } from "./stream-tail";

const b = (id: string, rooms: string[], n: number, except: string[] = []): DecodedBroadcast => ({ id, packetData: ["stock.changed", { n }], rooms, except });

function tailOver(stream: DecodedBroadcast[], now = 10_000) {
  const fetches: [string, string][] = [];
  const t = new StreamTail({
    maxEntries: 1000,
    maxAgeMs: 5000,
    now: () => now,
    async fetchRange(from, to) {
      fetches.push([from, to]);
      const key = (id: string) => id.split("-").map(Number) as [number, number];
      const gt = (a: string, c: string) => key(a)[0] > key(c)[0] || (key(a)[0] === key(c)[0] && key(a)[1] > key(c)[1]);
      return stream.filter((e) => gt(e.id, from) && !gt(e.id, to));
    },
  });
  return { t, fetches };
}

describe("stream tail", () => {
  it("gives a session the broadcasts to its rooms after its offset, in order, with the offset appended", async () => {
    const { t } = tailOver([]);
    t.coverFrom("9000-0");
    t.add(b("9001-0", ["product:a"], 1));
    t.add(b("9001-1", ["product:b"], 2));
    t.add(b("9002-0", ["product:a", "store:s"], 3));
    t.add(b("9003-0", ["store:s"], 4));
    t.add(b("9004-0", [], 5)); // to everyone
    t.add(b("9005-0", ["product:a"], 6, ["sid1"]));
    expect(await t.missedSince("9001-0", ["sid1", "product:a", "store:s"])).toEqual([
      ["stock.changed", { n: 3 }, "9002-0"],
      ["stock.changed", { n: 4 }, "9003-0"],
      ["stock.changed", { n: 5 }, "9004-0"],
    ]);
    expect(await t.missedSince("9000-0", ["sid2", "product:b"])).toEqual([
      ["stock.changed", { n: 2 }, "9001-1"],
      ["stock.changed", { n: 5 }, "9004-0"],
    ]);
  });

  it("fetches what came before it started reading once, for every restore waiting for it", async () => {
    const older = [b("8000-0", ["product:a"], 1), b("8500-0", ["product:b"], 2), b("9000-0", ["product:a"], 3)];
    const { t, fetches } = tailOver(older);
    t.coverFrom("9000-0");
    t.add(b("9100-0", ["product:a"], 4));
    const [x, y, z] = await Promise.all([
      t.missedSince("7000-0", ["product:a"]),
      t.missedSince("7500-0", ["product:b"]),
      t.missedSince("8000-0", ["product:a"]),
    ]);
    expect(x.map((p) => p[2])).toEqual(["8000-0", "9000-0", "9100-0"]);
    expect(y.map((p) => p[2])).toEqual(["8500-0"]);
    expect(z.map((p) => p[2])).toEqual(["9000-0", "9100-0"]);
    expect(fetches).toEqual([["7000-0", "9000-0"]]);
    // Covered now: no more fetches.
    await t.missedSince("8600-0", ["product:a"]);
    expect(fetches).toHaveLength(1);
  });

  it("refuses a restore before the stream is being read, and forgets what is past the window", async () => {
    const { t, fetches } = tailOver([], 20_000);
    await expect(t.missedSince("1-0", ["product:a"])).rejects.toThrow(/not being read/);
    t.coverFrom("10000-0");
    for (let i = 0; i < 300; i++) t.add(b(`${10_001 + i * 40}-0`, ["product:a"], i));
    // Entries older than 20,000 - 5,000 ms were dropped at the trim after the 256th add.
    expect(t.size).toBeLessThan(300);
    const all = await t.missedSince("15000-0", ["product:a"]);
    expect(all.length).toBeGreaterThan(0);
    expect(fetches).toEqual([]);
    expect(all[0]![2]).toBe("15001-0");
  });

  it("fails a restore whose older entries were being read while the window moved past them", async () => {
    let now = 10_000;
    const t: StreamTail = new StreamTail({
      maxEntries: 1000,
      maxAgeMs: 5000,
      now: () => now,
      async fetchRange() {
        // Meanwhile the reading loop goes on and the window moves: a trim drops entries.
        now = 32_000;
        for (let i = 0; i < 300; i++) t.add(b(`${30_000 + i}-0`, ["product:a"], i));
        return [b("8500-0", ["product:a"], 1)];
      },
    });
    t.coverFrom("9000-0");
    t.add(b("9100-0", ["product:a"], 2));
    await expect(t.missedSince("8000-0", ["product:a"])).rejects.toThrow(/moved/);
    // Later restores are not held up by the failed one.
    expect(await t.missedSince("30297-0", ["product:a"])).toEqual([
      ["stock.changed", { n: 298 }, "30298-0"],
      ["stock.changed", { n: 299 }, "30299-0"],
    ]);
  });
});
