// A request id travels on: the outbox relay's publish to a real sidecar carries the id of the
// request (or job) that runs it, and the sidecar's log line names it; the sidecar counts the
// event it emitted and serves its own /metrics, behind the token when one is set.
import { afterAll, describe, expect, it } from "vitest";
import parsePrometheus from "parse-prometheus-text-format";
import { createHttpPublisher } from "@/server/realtime/publisher";
import { createRealtimeServer } from "@/server/realtime/sidecar";
import { internalPublishKey } from "@/server/realtime/tokens";
import { runWithRequestId } from "@/server/observability/request-context";

const SECRET = "propagation-test-secret-propagation-test";
const TOKEN = "propagation-metrics-token";

describe("request ids and the sidecar's metrics", () => {
  const lines: { msg: string; fields?: Record<string, unknown> }[] = [];
  const record = (msg: string, fields?: Record<string, unknown>) => void lines.push({ msg, fields });
  const sidecar = createRealtimeServer({ corsOrigins: [], secret: SECRET, metricsToken: TOKEN, logger: { debug: record, info: record, warn: record, error: record } });
  afterAll(() => sidecar.close());

  it("passes the request id to the sidecar with a publish, and the sidecar counts what it emitted", async () => {
    const port = await sidecar.listen(0, "127.0.0.1");
    const base = `http://127.0.0.1:${port}`;
    const publisher = createHttpPublisher({ sidecarUrl: base, key: internalPublishKey(SECRET) });

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    const scrape = async () => {
      const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const families = parsePrometheus(await res.text());
      return (event: string) => Number(families.find((f) => f.name === "livemarket_realtime_events_total")?.metrics.find((m) => m.labels?.event === event)?.value ?? 0);
    };
    const before = await scrape();
    expect(before("disconnect")).toBe(0);

    await runWithRequestId("trace-relay-7", () => publisher.publish([{ disconnect: true, rooms: ["session:abc"] }]));
    expect(lines).toContainEqual({ msg: "sidecar: published", fields: { reqId: "trace-relay-7", messages: 1 } });
    expect((await scrape())("disconnect")).toBe(1);

    // Outside any request: no id is sent, the sidecar names the publish with a fresh one.
    await publisher.publish([{ disconnect: true, rooms: ["session:def"] }]);
    const last = lines.filter((l) => l.msg === "sidecar: published").at(-1)!;
    expect(last.fields!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await scrape())("disconnect")).toBe(2);
  });
});
