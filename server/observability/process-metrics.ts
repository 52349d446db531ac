// The default process metrics (prom-client: CPU, memory, heap, event loop lag, GC, handles), in
// a form `promtool check metrics` accepts: prom-client also exports three gauges named `*_total`
// (nodejs_active_handles_total, …_requests_total, …_resources_total), which the Prometheus
// naming rules reserve for counters; their per-type versions without the suffix stay.
import "server-only";
import { collectDefaultMetrics, type Registry } from "prom-client";

const MISNAMED = ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"];

export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED) registry.removeSingleMetric(name);
}
