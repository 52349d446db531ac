// The messages between an app worker and the node:cluster primary (scripts/cluster-primary.ts)
// for GET /metrics over all workers. Imported by both sides (the primary runs without the
// react-server condition, so this lives in shared/).
export const METRICS_REQUEST = "livemarket:metrics-request";
export const METRICS_RESPONSE = "livemarket:metrics-response";

export interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}

export interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  text?: string;
  contentType?: string;
  error?: string;
}
