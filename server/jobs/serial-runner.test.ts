// The loop every background job runs on (relay, webhook worker, status publisher, sweeper): one
// pass at a time, a run asked for during a pass is not lost, the timer keeps asking while started,
// and stop() waits for the pass under way and lets no other start. Fake timers: no waiting.
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred } from "@/test/db-helpers";
import { PollingLoop, SerialRunner } from "./serial-runner";

afterEach(() => {
  vi.useRealTimers();
});

describe("SerialRunner", () => {
  it("runs one pass at a time; runs asked for during a pass make it go round once more, and all wait for it", async () => {
    let passes = 0;
    const gate = deferred();
    const runner = new SerialRunner(async () => {
      passes++;
      if (passes === 1) await gate.promise;
    }, () => false);
    const a = runner.run();
    const b = runner.run();
    const c = runner.run();
    expect(passes).toBe(1);
    gate.resolve();
    await Promise.all([a, b, c]);
    expect(passes).toBe(2);
  });
});

describe("PollingLoop", () => {
  it("runs when asked before start (driven by hand), at start, and on every tick while started", async () => {
    vi.useFakeTimers();
    let passes = 0;
    const loop = new PollingLoop(() => Promise.resolve(void passes++), 1000);
    await loop.run();
    expect(passes).toBe(1);
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(passes).toBe(5);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(5000);
    await loop.run();
    expect(passes).toBe(5);
    expect(loop.stopped).toBe(true);
  });

  it("a tick asks through onTick (a job that notes more work first)", async () => {
    vi.useFakeTimers();
    const ticks: string[] = [];
    const loop: PollingLoop = new PollingLoop(() => Promise.resolve(void ticks.push("pass")), 500, () => {
      ticks.push("tick");
      return loop.run();
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(ticks).toEqual(["tick", "pass", "tick", "pass"]);
    await loop.stop();
  });

  it("stop() waits for the pass under way", async () => {
    const gate = deferred();
    let finished = false;
    const loop = new PollingLoop(async () => {
      await gate.promise;
      finished = true;
    }, 60_000);
    loop.start();
    const stopping = loop.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
  });
});
