// A small closed-loop load generator: `concurrency` workers each run one operation at a time
// until `maxOps` operations have started or `maxMs` has passed, whichever comes first.
import { mulberry32 } from "@/shared/prng";
import { performance } from "node:perf_hooks";

export interface LoadOptions {
  concurrency: number;
  maxOps: number;
  maxMs: number;
  /** One operation; resolves to "ok" or to an outcome label (e.g. "insufficient"). */
  op: (index: number, worker: number) => Promise<string>;
}

export interface LoadResult {
  started: number;
  ok: number;
  /** Outcome label -> count, for everything that was not "ok" (thrown errors as "error: …"). */
  outcomes: Record<string, number>;
  elapsedMs: number;
  /** Latency of each successful operation, in ms. */
  latenciesMs: number[];
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let ok = 0;
  const outcomes: Record<string, number> = {};
  const latenciesMs: number[] = [];
  const t0 = performance.now();
  const deadline = t0 + o.maxMs;
  async function worker(w: number) {
    while (next < o.maxOps && performance.now() < deadline) {
      const i = next++;
      const s = performance.now();
      let outcome: string;
      try {
        outcome = await o.op(i, w);
      } catch (err) {
        outcome = `error: ${err instanceof Error ? err.message.split("\n")[0]!.slice(0, 160) : String(err)}`;
      }
      if (outcome === "ok") {
        ok++;
        latenciesMs.push(performance.now() - s);
      } else {
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  return { started: next, ok, outcomes, elapsedMs: performance.now() - t0, latenciesMs };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface Summary {
  ok: number;
  started: number;
  elapsedS: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  outcomes: Record<string, number>;
}

/** Several slices of one measurement (interleaved rounds) as one result. */
export function mergeLoads(rs: LoadResult[]): LoadResult {
  const outcomes: Record<string, number> = {};
  for (const r of rs) for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
  return {
    started: rs.reduce((s, r) => s + r.started, 0),
    ok: rs.reduce((s, r) => s + r.ok, 0),
    outcomes,
    elapsedMs: rs.reduce((s, r) => s + r.elapsedMs, 0),
    latenciesMs: rs.flatMap((r) => r.latenciesMs),
  };
}

export function summarize(r: LoadResult): Summary {
  return {
    ok: r.ok,
    started: r.started,
    elapsedS: round(r.elapsedMs / 1000, 2),
    perSecond: round(r.ok / (r.elapsedMs / 1000), 1),
    p50Ms: round(percentile(r.latenciesMs, 50), 2),
    p99Ms: round(percentile(r.latenciesMs, 99), 2),
    outcomes: r.outcomes,
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Deterministic PRNG, so every implementation gets the same order stream. */
export const rng = mulberry32;
