// GET /metrics under WEB_CONCURRENCY > 1: every app worker has its own registry, so the worker
// that answers asks the node:cluster primary for all of them (scripts/cluster-primary.ts gathers
// them with prom-client's AggregatorRegistry). A single process answers from its own registry.
import "server-only";
import cluster from "node:cluster";
import { METRICS_REQUEST, METRICS_RESPONSE, type MetricsRequest, type MetricsResponse } from "@/shared/cluster-messages";
import { metrics } from "./metrics";

let nextId = 0;

export async function metricsText(): Promise<{ text: string; contentType: string }> {
  if (!cluster.isWorker || !process.send) return { text: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    const onMessage = (message: unknown) => {
      const m = message as Partial<MetricsResponse> | null;
      if (m?.type !== METRICS_RESPONSE || m.id !== id) return;
      done();
      if (m.error !== undefined || m.text === undefined) reject(new Error(`the cluster primary could not gather metrics: ${m.error ?? "no text"}`));
      else resolve({ text: m.text, contentType: m.contentType ?? metrics.registry.contentType });
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error("the cluster primary did not answer with metrics within 5 s"));
    }, 5000);
    process.on("message", onMessage);
    process.send!({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
  });
}
