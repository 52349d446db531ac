// /api/health names the part that is down, on both backends, with real parts: a sidecar that
// listens or not, a Redis that answers or not, an outbox whose events wait.
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { Redis } from "ioredis";
import { createRealtimeServer } from "@/server/realtime/sidecar";
import { backends, useTestDb } from "@/test/backends";
import { checkHealth } from "./health";

describe.each(backends())("health on %s", (backend) => {
  const t = useTestDb(backend);
  const sidecar = createRealtimeServer({ corsOrigins: [], secret: "health-test-secret-health-test-secret" });
  afterAll(() => sidecar.close());

  it("says every part is up, then which one is not", async () => {
    const port = await sidecar.listen(0, "127.0.0.1");
    await t.db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
    const up = await checkHealth(t.db, { sidecarUrl: `http://127.0.0.1:${port}/health`, redis: null });
    expect(up).toMatchObject({ ok: true, serving: true, parts: { database: "up", sidecar: "up", redis: "not used", outbox: { state: "up", pending: 0 } } });

    await sidecar.close();
    const noSidecar = await checkHealth(t.db, { sidecarUrl: `http://127.0.0.1:${port}/health`, redis: null });
    expect(noSidecar).toMatchObject({ ok: false, serving: true, parts: { database: "up", sidecar: "down" } });

    // Events waiting for more than a minute: the relay cannot hand them over.
    await t.db.outboxEvent.create({ data: { topic: "session.revoked", aggregateId: "u", payload: { userId: "u" }, createdAt: new Date(Date.now() - 5 * 60_000) } });
    const stuck = await checkHealth(t.db, { sidecarUrl: null, redis: null });
    expect(stuck.parts.outbox).toMatchObject({ state: "down", pending: 1 });
    expect(stuck.parts.outbox.oldestSeconds).toBeGreaterThan(60);
  });

  it.runIf(inject("redisUrl"))("says Redis is down when it does not answer", async () => {
    const closed = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    closed.on("error", () => {});
    try {
      const h = await checkHealth(t.db, { sidecarUrl: null, redis: closed });
      expect(h).toMatchObject({ ok: false, serving: true, parts: { redis: "down" } });
    } finally {
      closed.disconnect();
    }
  });
});
