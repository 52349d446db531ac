// Observability against the real app and sidecar that `npm start` runs: liveness, readiness and
// the /api/health alias; request ids; GET /metrics on both processes refused without the token
// and, with it, parsed by a real Prometheus text parser, with the named series present and moving
// after an order is placed (and one refused); and a real Prometheus (Debian's `prometheus`
// package): promtool checks deploy/prometheus.yml, deploy/alerts.yml and both /metrics outputs,
// then a Prometheus on loopback scrapes this app and sidecar with deploy/prometheus.yml's jobs and
// rules, and its HTTP API says `up` is 1 for both and every PromQL expression of the Grafana
// dashboard evaluates without error.
// Without promtool the Prometheus test skips with a message, unless REQUIRE_PROMETHEUS=1 or CI
// is set (CI installs the package: .ci/run), where a missing promtool fails it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import parsePrometheus, { type ParsedFamily } from "parse-prometheus-text-format";
import YAML from "yaml";
import { E2E_METRICS_TOKEN } from "../playwright.config";
import { buy } from "./api";
import { expect, test } from "./fixtures";

const appPort = Number(process.env.E2E_PORT ?? 3100);
const sidecarPort = Number(process.env.E2E_SIDECAR_PORT ?? appPort + 1);
const APP = `http://127.0.0.1:${appPort}`;
const SIDECAR = `http://127.0.0.1:${sidecarPort}`;
const AUTH = { authorization: `Bearer ${E2E_METRICS_TOKEN}` };
const root = path.resolve(import.meta.dirname, "..");

async function scrape(base: string): Promise<{ text: string; families: Map<string, ParsedFamily> }> {
  const res = await fetch(`${base}/metrics`, { headers: AUTH });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const text = await res.text();
  return { text, families: new Map(parsePrometheus(text).map((f) => [f.name, f])) };
}

/** The value of one sample (0 when the labelled series is absent). */
function value(families: Map<string, ParsedFamily>, name: string, labels: Record<string, string> = {}): number {
  const f = families.get(name);
  const s = f?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(s?.value ?? s?.count ?? 0);
}

test("liveness, readiness and the /api/health alias answer JSON, with a request id", async () => {
  const health = await fetch(`${APP}/health`, { headers: { "x-request-id": "e2e-trace-1" } });
  expect(health.status).toBe(200);
  expect(health.headers.get("x-request-id")).toBe("e2e-trace-1");
  expect(await health.json()).toMatchObject({ ok: true, pid: expect.any(Number) });

  const ready = await fetch(`${APP}/ready`);
  expect(ready.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await ready.json()) as { ready: boolean; checks: Record<string, { state: string }> };
  expect(ready.status).toBe(body.ready ? 200 : 503);
  expect(body).toMatchObject({ ready: true, checks: { database: { state: "up" }, sidecar: { state: "up" }, outbox: { state: "up" } } });
  expect(Object.keys(body.checks).sort()).toEqual(["database", "outbox", "redis", "sidecar", "stream"]);
  expect(body.checks.redis!.state).toBe(process.env.REDIS_URL ? "up" : "not used");

  const alias = await fetch(`${APP}/api/health`);
  expect(alias.status).toBe(200);
  expect(await alias.json()).toMatchObject({ ok: true, serving: true, parts: { database: "up" } });
});

test("/metrics is refused without the token, and its series move when orders are placed and refused", async ({ shop, seller, customer }) => {
  for (const base of [APP, SIDECAR]) {
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await none.text()).not.toContain("livemarket_");
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(401);
  }

  const product = await shop.product(seller, { variants: [{ stock: 1 }] });
  const variantId = product.variants[0]!.id;
  const [app0, side0] = [await scrape(APP), await scrape(SIDECAR)];
  // Every series the issue names is there (label values known in advance start at 0).
  for (const name of [
    "livemarket_http_requests_total",
    "livemarket_http_request_duration_seconds",
    "livemarket_procedure_calls_total",
    "livemarket_orders_placed_total",
    "livemarket_orders_refused_total",
    "livemarket_stock_outs_total",
    "livemarket_outbox_pending",
    "livemarket_outbox_lag_seconds",
    "livemarket_stream_events_total",
    "livemarket_stream_lag",
    "livemarket_webhook_deliveries_total",
    "livemarket_ready",
    "process_resident_memory_bytes",
    "nodejs_heap_size_used_bytes",
  ]) {
    expect(app0.families.has(name), name).toBe(true);
  }
  for (const name of ["livemarket_realtime_connections", "livemarket_realtime_events_total", "process_resident_memory_bytes"]) {
    expect(side0.families.has(name), name).toBe(true);
  }
  expect(value(app0.families, "livemarket_ready")).toBe(1);

  // The last unit sells (a stock-out), then the same checkout is refused: none left.
  await buy(customer.api, variantId, 1);
  await expect(buy(customer.api, variantId, 1)).rejects.toThrow(/INSUFFICIENT_STOCK/);

  const placed0 = value(app0.families, "livemarket_orders_placed_total", { source: "storefront" });
  const refused0 = value(app0.families, "livemarket_orders_refused_total", { reason: "INSUFFICIENT_STOCK" });
  const stockOuts0 = value(app0.families, "livemarket_stock_outs_total");
  const calls0 = value(app0.families, "livemarket_procedure_calls_total", { api: "trpc", name: "orders.place", outcome: "ok" });
  const app1 = await scrape(APP);
  expect(value(app1.families, "livemarket_orders_placed_total", { source: "storefront" })).toBe(placed0 + 1);
  expect(value(app1.families, "livemarket_orders_refused_total", { reason: "INSUFFICIENT_STOCK" })).toBe(refused0 + 1);
  expect(value(app1.families, "livemarket_stock_outs_total")).toBe(stockOuts0 + 1);
  expect(value(app1.families, "livemarket_procedure_calls_total", { api: "trpc", name: "orders.place", outcome: "ok" })).toBe(calls0 + 1);
  expect(value(app1.families, "livemarket_http_requests_total", { route: "/api/trpc/[trpc]", method: "POST", status: "200" })).toBeGreaterThan(0);
  // Labels are route patterns, never raw paths.
  expect(app1.text).not.toContain(product.slug);

  // The order's stock event reaches the sidecar through the outbox relay (HTTP or Redis).
  const events0 = value(side0.families, "livemarket_realtime_events_total", { event: "stock.changed" });
  await expect.poll(async () => value((await scrape(SIDECAR)).families, "livemarket_realtime_events_total", { event: "stock.changed" })).toBeGreaterThan(events0);
});

/** GET on a new connection each time (fetch would keep one alive, and so meet one app process). */
function getOnNewConnection(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

test("under WEB_CONCURRENCY every app process answers on the one port, and /metrics counts them all", async () => {
  const processes = Number(process.env.WEB_CONCURRENCY ?? 1);
  const before = value((await scrape(APP)).families, "livemarket_http_requests_total", { route: "/health", method: "GET", status: "200" });
  const pids = new Set<number>();
  const N = 6 * processes;
  for (let i = 0; i < N; i++) {
    const res = await getOnNewConnection(`${APP}/health`);
    expect(res.status).toBe(200);
    pids.add((JSON.parse(res.body) as { pid: number }).pid);
  }
  // Connections are handed to the processes in turn.
  expect(pids.size).toBe(processes);
  // Whichever process answers the scrape, it reports the requests of all of them.
  const after = value((await scrape(APP)).families, "livemarket_http_requests_total", { route: "/health", method: "GET", status: "200" });
  expect(after - before).toBe(N);
});

// ------------------------------------------------------------------------------------------------
// A real Prometheus
// ------------------------------------------------------------------------------------------------

const PROMTOOL = "/usr/bin/promtool";
const PROMETHEUS = "/usr/bin/prometheus";
const requirePrometheus = ["1", "true"].includes(process.env.REQUIRE_PROMETHEUS ?? "") || Boolean(process.env.CI);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function promtool(args: string[], input?: string): string {
  try {
    return execFileSync(PROMTOOL, args, { cwd: root, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    throw new Error(`promtool ${args.join(" ")} failed (exit ${e.status}):\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** Every PromQL expression of the Grafana dashboards in deploy/grafana/dashboards. */
function dashboardExpressions(): { panel: string; expr: string }[] {
  const dash = JSON.parse(readFileSync(path.join(root, "deploy/grafana/dashboards/livemarket.json"), "utf8")) as {
    panels: { title: string; targets?: { expr?: string }[] }[];
  };
  return dash.panels.flatMap((p) => (p.targets ?? []).filter((t) => t.expr).map((t) => ({ panel: p.title, expr: t.expr! })));
}

test("a real Prometheus checks the config, rules and metrics, scrapes app and sidecar, and evaluates the dashboard", async () => {
  test.setTimeout(120_000);
  if (!existsSync(PROMTOOL) || !existsSync(PROMETHEUS)) {
    if (requirePrometheus) throw new Error(`${PROMTOOL} or ${PROMETHEUS} is missing, and REQUIRE_PROMETHEUS/CI requires them: apt-get install prometheus`);
    test.skip(true, `Prometheus is not installed (${PROMTOOL}): apt-get install prometheus to run this test`);
    return;
  }
  promtool(["check", "config", "deploy/prometheus.yml"]);
  promtool(["check", "rules", "deploy/alerts.yml"]);
  promtool(["check", "metrics"], (await scrape(APP)).text);
  promtool(["check", "metrics"], (await scrape(SIDECAR)).text);

  // deploy/prometheus.yml's own jobs and rules, pointed at this app and sidecar, scraping every
  // second with the bearer token (METRICS_TOKEN is set for the app under test).
  const dir = mkdtempSync(path.join(tmpdir(), "lm-prometheus-"));
  const port = await freePort();
  const config = YAML.parse(readFileSync(path.join(root, "deploy/prometheus.yml"), "utf8")) as {
    global: Record<string, unknown>;
    rule_files: string[];
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[]; authorization?: unknown; scrape_interval?: string }[];
  };
  config.global.scrape_interval = "1s";
  config.global.evaluation_interval = "1s";
  config.rule_files = config.rule_files.map((f) => path.join(root, "deploy", f));
  const targets: Record<string, string> = { "livemarket-app": `127.0.0.1:${appPort}`, "livemarket-sidecar": `127.0.0.1:${sidecarPort}`, prometheus: `127.0.0.1:${port}` };
  for (const job of config.scrape_configs) {
    expect(targets[job.job_name], `a target for job ${job.job_name}`).toBeDefined();
    job.static_configs = [{ targets: [targets[job.job_name]!] }];
    if (job.job_name.startsWith("livemarket-")) job.authorization = { type: "Bearer", credentials: E2E_METRICS_TOKEN };
  }
  const configFile = path.join(dir, "prometheus.yml");
  writeFileSync(configFile, YAML.stringify(config));
  promtool(["check", "config", configFile]);

  let prometheus: ChildProcess | null = null;
  let output = "";
  try {
    prometheus = spawn(
      PROMETHEUS,
      [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    prometheus.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    prometheus.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const api = async (p: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${p}`);
      return (await res.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } & Record<string, unknown> };
    };
    const query = (q: string) => api(`/api/v1/query?query=${encodeURIComponent(q)}`);

    // `up` is 1 for the app and the sidecar.
    await expect
      .poll(
        async () => {
          try {
            const r = await query('up{job=~"livemarket-.*"}');
            return Object.fromEntries(r.data.result.map((s) => [s.metric.job!, s.value[1]]));
          } catch {
            return {};
          }
        },
        { timeout: 60_000, message: "up of the app and sidecar jobs (Prometheus's output is attached on failure)" },
      )
      .toEqual({ "livemarket-app": "1", "livemarket-sidecar": "1" });

    // The alerting rules are loaded and evaluate without error.
    await expect
      .poll(async () => {
        const r = await api("/api/v1/rules");
        const rules = (r.data.groups as { rules: { name: string; health: string; lastError?: string }[] }[]).flatMap((g) => g.rules);
        return rules.length > 0 && rules.every((x) => x.health === "ok") ? "ok" : JSON.stringify(rules.filter((x) => x.health !== "ok"));
      })
      .toBe("ok");

    // Every expression of the dashboard evaluates without error; those over series the app
    // exports from the start return data once a few scrapes are in.
    const exprs = dashboardExpressions();
    expect(exprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of exprs) {
      const r = await query(expr);
      expect(r.status, `${panel}: ${expr}: ${r.error ?? ""}`).toBe("success");
    }
    for (const expr of ["max(livemarket_outbox_pending)", "sum(livemarket_realtime_connections)", 'process_resident_memory_bytes{job=~"livemarket-.*"}', "sum by (source) (rate(livemarket_orders_placed_total[5m]))"]) {
      await expect.poll(async () => (await query(expr)).data.result.length, { message: expr }).toBeGreaterThan(0);
    }
  } catch (err) {
    await test.info().attach("prometheus-output", { body: output, contentType: "text/plain" });
    throw err;
  } finally {
    prometheus?.kill("SIGTERM");
    if (prometheus && prometheus.exitCode === null) await new Promise((r) => prometheus!.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
});
