// The node:cluster primary of scripts/app-server.ts when WEB_CONCURRENCY > 1: it forks the app
// servers, which share its listening port (the primary accepts and hands connections out in
// turn), and loads neither Next.js nor the database, so it stays small. A worker that exits
// unexpectedly is started again after a pause that doubles from 0.5 s to 30 s (like
// scripts/start.ts does for the app and the sidecar). SIGTERM or SIGINT stop the workers (each
// finishes its requests in flight) and then the primary.
// Metrics: each worker counts into its own registry; GET /metrics in any worker asks the primary
// (IPC, server/observability/cluster-metrics.ts), which gathers every worker's series with
// prom-client's AggregatorRegistry and answers with the sum (gauges read from the database, such
// as the outbox lag, are taken once: their aggregator is max or min).
import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { METRICS_REQUEST, METRICS_RESPONSE, type MetricsRequest, type MetricsResponse } from "@/shared/cluster-messages";

const FIRST_PAUSE_MS = 500;
const MAX_PAUSE_MS = 30_000;

export function runClusterPrimary({ workers, port }: { workers: number; port: number }): void {
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  let pause = FIRST_PAUSE_MS;
  const startedAt = new Map<number, number>();

  const fork = () => {
    const w = cluster.fork();
    startedAt.set(w.id, Date.now());
  };
  cluster.on("exit", (w: Worker, code, signal) => {
    const ranMs = Date.now() - (startedAt.get(w.id) ?? Date.now());
    startedAt.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (ranMs > 60_000) pause = FIRST_PAUSE_MS;
    console.error(`[livemarket] app worker ${w.process.pid} exited unexpectedly (${signal ?? `code ${code}`}); starting another in ${pause / 1000} s`);
    setTimeout(() => stopping || fork(), pause);
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  });
  cluster.on("message", (w: Worker, message: unknown) => {
    const m = message as Partial<MetricsRequest> | null;
    if (m?.type !== METRICS_REQUEST || typeof m.id !== "number") return;
    const id = m.id;
    const reply = (r: Omit<MetricsResponse, "type" | "id">) => {
      if (w.isConnected()) w.send({ type: METRICS_RESPONSE, id, ...r } satisfies MetricsResponse);
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text, contentType: aggregator.contentType }),
      (err: unknown) => reply({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers) console.log(`[livemarket] app listening on port ${port} (${workers} processes)`);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    if (alive.length === 0) process.exit(0);
    for (const w of alive) w.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 8000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (let i = 0; i < workers; i++) fork();
}
