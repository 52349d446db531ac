// GET /ready's checks with real parts: a database server that answers or not (a PostgreSQL client
// pointed at a port nothing listens on), a sidecar that listens or not, a stream consumer whose
// lag is under or over its bound; and the HTTP observer in front of a real server: request ids
// accepted, made and answered, and the HTTP series labelled by route pattern, never by raw URL.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import parsePrometheus from "parse-prometheus-text-format";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/server/db/client";
import { createRealtimeServer } from "@/server/realtime/sidecar";
import { backends, useTestDb } from "@/test/backends";
import { checkReady } from "./health";
import { createHttpObserver, routeMatcher } from "./http";
import { createLogger } from "./logger";
import { metrics } from "./metrics";
import { currentRequestId } from "./request-context";

describe.each(backends())("readiness on %s", (backend) => {
  const t = useTestDb(backend);
  const sidecar = createRealtimeServer({ corsOrigins: [], secret: "ready-test-secret-ready-test-secret!" });
  afterAll(() => sidecar.close());

  it("is ready when every check passes, and names the check that does not", async () => {
    const port = await sidecar.listen(0, "127.0.0.1");
    const sidecarUrl = `http://127.0.0.1:${port}/health`;
    await t.db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });

    const ready = await checkReady(t.db, { sidecarUrl, redis: null, streamLag: () => 3, maxStreamLag: 100 });
    expect(ready).toMatchObject({
      ready: true,
      checks: { database: { state: "up" }, redis: { state: "not used" }, sidecar: { state: "up" }, stream: { state: "up", lag: 3, max: 100 }, outbox: { state: "up", pending: 0 } },
    });

    // No consumer registered: the stream check is not used, and does not fail readiness.
    const noStream = await checkReady(t.db, { sidecarUrl, redis: null, streamLag: null });
    expect(noStream).toMatchObject({ ready: true, checks: { stream: { state: "not used", lag: null } } });

    const behind = await checkReady(t.db, { sidecarUrl, redis: null, streamLag: async () => 101, maxStreamLag: 100 });
    expect(behind).toMatchObject({ ready: false, checks: { stream: { state: "down", lag: 101 }, database: { state: "up" } } });

    const unreadable = await checkReady(t.db, { sidecarUrl, redis: null, streamLag: () => Promise.reject(new Error("redis away")) });
    expect(unreadable).toMatchObject({ ready: false, checks: { stream: { state: "down", lag: null } } });

    // The relay has not handed an event over for longer than the bound.
    await t.db.outboxEvent.create({ data: { topic: "session.revoked", aggregateId: "u", payload: { userId: "u" }, createdAt: new Date(Date.now() - 10 * 60_000) } });
    const stuck = await checkReady(t.db, { sidecarUrl, redis: null, streamLag: null, maxOutboxLagSeconds: 300 });
    expect(stuck).toMatchObject({ ready: false, checks: { outbox: { state: "down", pending: 1, maxSeconds: 300 } } });
    await t.db.outboxEvent.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });

    await sidecar.close();
    const noSidecar = await checkReady(t.db, { sidecarUrl, redis: null, streamLag: null });
    expect(noSidecar).toMatchObject({ ready: false, checks: { sidecar: { state: "down" }, database: { state: "up" } } });
  });
});

describe("readiness with the database down", () => {
  it("answers not ready, with the database (and the outbox it cannot read) down", async () => {
    // A real PostgreSQL client whose server does not answer: port 1 on loopback refuses.
    const down = await openDb({ url: "postgresql://postgres@127.0.0.1:1/livemarket_down" }, { poolSize: 1 });
    try {
      const r = await checkReady(down.db, { sidecarUrl: null, redis: null, streamLag: null });
      expect(r).toMatchObject({ ready: false, checks: { database: { state: "down" }, outbox: { state: "down" } } });
    } finally {
      await down.close();
    }
  });
});

describe("HTTP observer", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lm-obs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The shape of Next.js's .next/routes-manifest.json (the parts the matcher reads).
  writeFileSync(
    path.join(dir, "routes-manifest.json"),
    JSON.stringify({
      staticRoutes: [{ page: "/", regex: "^/(?:/)?$" }, { page: "/metrics", regex: "^/metrics(?:/)?$" }, { page: "/_not-found", regex: "^/_not\\-found(?:/)?$" }],
      dynamicRoutes: [
        { page: "/products/[slug]", regex: "^/products/([^/]+?)(?:/)?$" },
        { page: "/api/v1/[...path]", regex: "^/api/v1/(.+?)(?:/)?$" },
      ],
    }),
  );

  it("labels routes by pattern, with fixed names for everything else", () => {
    const route = routeMatcher(dir);
    expect(route.size).toBe(5);
    expect(route("/", 200)).toBe("/");
    expect(route("/products/red-lamp", 200)).toBe("/products/[slug]");
    expect(route("/products/another/", 200)).toBe("/products/[slug]");
    expect(route("/api/v1/store/products/abc", 201)).toBe("/api/v1/[...path]");
    expect(route("/_next/static/chunks/x.js", 200)).toBe("/_next/*");
    expect(route("/wp-admin/../etc/passwd", 404)).toBe("(not found)");
    expect(route("/images/placeholder.svg", 200)).toBe("(public file)");
    expect(routeMatcher(path.join(dir, "missing"))("/products/x", 200)).toBe("(public file)");
  });

  it("answers a request id (the caller's when sane), logs one line per request, counts by route pattern", async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, done) {
        for (const l of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const observer = createHttpObserver({ distDir: dir, logger: createLogger({ destination, pretty: false, level: "info" }) });
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) =>
      observer.handle(req, res, () => {
        // The app sees the id on the request and in its async context.
        seen.push(currentRequestId());
        setTimeout(() => {
          res.statusCode = req.url?.startsWith("/products/") ? 200 : 404;
          res.end(String(req.headers["x-request-id"]));
        }, 5);
      }),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const count = async (route: string, status: string) => {
      const m = parsePrometheus(await metrics.registry.getSingleMetricAsString("livemarket_http_requests_total"));
      return Number(m[0]?.metrics.find((s) => s.labels?.route === route && s.labels?.status === status && s.labels?.method === "GET")?.value ?? 0);
    };
    try {
      const before = await count("/products/[slug]", "200");
      const given = await fetch(`http://127.0.0.1:${port}/products/lamp-${Date.now()}?token=secret-in-query`, { headers: { "x-request-id": "trace-42" } });
      expect(given.headers.get("x-request-id")).toBe("trace-42");
      expect(await given.text()).toBe("trace-42");
      const made = await fetch(`http://127.0.0.1:${port}/products/other`, { headers: { "x-request-id": "no spaces or\ttabs allowed" } });
      const madeId = made.headers.get("x-request-id")!;
      expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
      await (await fetch(`http://127.0.0.1:${port}/nothing-here-${Date.now()}`)).text();
      expect(seen).toEqual(["trace-42", madeId, expect.any(String)]);

      await expect.poll(() => lines.length).toBe(3);
      expect(lines[0]).toMatchObject({ level: "info", msg: "request", reqId: "trace-42", method: "GET", route: "/products/[slug]", status: 200 });
      expect(String(lines[0]!.path)).not.toContain("secret-in-query");
      expect(lines[2]).toMatchObject({ route: "(not found)", status: 404 });
      expect(await count("/products/[slug]", "200")).toBe(before + 2);
      // No raw URL became a label.
      expect(await metrics.registry.getSingleMetricAsString("livemarket_http_requests_total")).not.toMatch(/lamp-|nothing-here/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
