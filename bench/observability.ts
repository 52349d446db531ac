// Observability overhead (npm run bench:observability): what the HTTP observer costs a request
// (request id, AsyncLocalStorage context, the route-pattern match, two series, one JSON log line
// with redaction written to /dev/null), against the same node:http server without it (the
// baseline), in interleaved rounds (the order alternates, so background load falls on both
// alike); then how long a /metrics scrape takes to render after that traffic.
// The observer matches against .next/routes-manifest.json when a build exists, else against a
// synthetic manifest of as many routes as the app has (about 80).
//   --concurrency 16   --seconds 3 (per slice)   --rounds 4
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { createHttpObserver, routeMatcher } from "@/server/observability/http";
import { createLogger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { checkQuiet } from "./lib/cpu";
import { mergeLoads, runLoad, summarize, type LoadResult } from "./lib/load";
import { intFlag, machineInfo, parseFlags, printTable, writeResults } from "./lib/report";

const flags = parseFlags(process.argv.slice(2));
const CONCURRENCY = intFlag(flags, "concurrency", 16);
const SECONDS = intFlag(flags, "seconds", 3);
const ROUNDS = intFlag(flags, "rounds", 4);

function manifestDir(): { dir: string; source: string } {
  const built = path.resolve(import.meta.dirname, "../.next");
  if (existsSync(path.join(built, "routes-manifest.json"))) return { dir: built, source: ".next/routes-manifest.json" };
  const dir = mkdtempSync(path.join(tmpdir(), "lm-bench-obs-"));
  const dynamicRoutes = Array.from({ length: 60 }, (_, i) => ({ page: `/section${i}/[id]`, regex: `^/section${i}/([^/]+?)(?:/)?$` }));
  dynamicRoutes.push({ page: "/products/[slug]", regex: "^/products/([^/]+?)(?:/)?$" });
  const staticRoutes = Array.from({ length: 20 }, (_, i) => ({ page: `/static${i}`, regex: `^/static${i}(?:/)?$` }));
  writeFileSync(path.join(dir, "routes-manifest.json"), JSON.stringify({ staticRoutes, dynamicRoutes }));
  return { dir, source: "synthetic, 81 routes" };
}

async function serve(handler: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

async function main() {
  const load = await checkQuiet();
  const { dir, source } = manifestDir();
  const answer = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = JSON.stringify({ ok: true, pid: process.pid });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  const logger = createLogger({ destination: pino.destination({ dest: "/dev/null", sync: true }), pretty: false, level: "info" });
  const observer = createHttpObserver({ distDir: dir, logger });
  // The same observer with the request lines below the level (LOG_LEVEL=warn): metrics and ids only.
  const quietObserver = createHttpObserver({ distDir: dir, logger: createLogger({ destination: pino.destination({ dest: "/dev/null", sync: true }), pretty: false, level: "warn" }) });
  const bare = await serve(answer);
  const observed = await serve((req, res) => observer.handle(req, res, () => answer(req, res)));
  const quiet = await serve((req, res) => quietObserver.handle(req, res, () => answer(req, res)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const get = (port: number, p: string) =>
    new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path: p, agent, headers: { authorization: "Bearer lm_live_not_a_real_key", "x-request-id": "bench" } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode === 200 ? "ok" : `status ${res.statusCode}`));
        })
        .on("error", reject);
    });
  // A spread of paths: dynamic routes matched late in the list, and 404-like misses.
  const paths = ["/products/red-lamp", "/products/blue-mug?x=1", "/nothing/here", "/_next/static/chunks/a.js", "/"];
  const targets = { baseline: bare.port, observed: observed.port, quiet: quiet.port };
  const results: Record<string, LoadResult[]> = { baseline: [], observed: [], quiet: [] };
  const names = ["baseline", "observed", "quiet"] as const;
  for (let round = 0; round < ROUNDS; round++) {
    // The order rotates every round.
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      results[name]!.push(await runLoad({ concurrency: CONCURRENCY, maxOps: Number.MAX_SAFE_INTEGER, maxMs: SECONDS * 1000, op: (i) => get(targets[name], paths[i % paths.length]!) }));
    }
  }
  const summary = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, summarize(mergeLoads(v))]));

  // A scrape after that traffic (the registry holds every series this process has counted).
  const scrapes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    bytes = (await metrics.registry.metrics()).length;
    scrapes.push(performance.now() - s);
  }
  scrapes.sort((a, b) => a - b);
  const matcher = routeMatcher(dir);
  const matchStart = performance.now();
  for (let i = 0; i < 100_000; i++) matcher(paths[i % paths.length]!.split("?")[0]!, 200);
  const matchUs = ((performance.now() - matchStart) / 100_000) * 1000;

  printTable(
    ["target", "req/s", "p50 ms", "p99 ms"],
    Object.entries(summary).map(([k, s]) => [
      { baseline: "bare node:http (baseline)", observed: "with the HTTP observer and its log line", quiet: "with the observer, log line below LOG_LEVEL" }[k]!,
      s.perSecond,
      s.p50Ms,
      s.p99Ms,
    ]),
  );
  const ratio = summary.observed!.perSecond / summary.baseline!.perSecond;
  const quietRatio = summary.quiet!.perSecond / summary.baseline!.perSecond;
  // Per-request cost from the throughput difference (the server's share of the machine).
  const costUs = (1 / summary.observed!.perSecond - 1 / summary.baseline!.perSecond) * 1e6;
  console.log(`observed / baseline req/s: ${ratio.toFixed(3)} (about ${costUs.toFixed(0)} µs a request); quiet / baseline: ${quietRatio.toFixed(3)}`);
  console.log(`route match: ${matchUs.toFixed(2)} µs per request (${source}, ${matcher.size} routes)`);
  console.log(`/metrics render: median ${scrapes[10]!.toFixed(2)} ms, max ${scrapes.at(-1)!.toFixed(2)} ms, ${bytes} bytes`);
  const file = writeResults("observability", { machine: machineInfo(), backgroundLoadPercent: load, flags: { CONCURRENCY, SECONDS, ROUNDS }, manifest: source, summary, ratio, quietRatio, costMicrosPerRequest: costUs, routeMatchMicros: matchUs, scrapeMs: { median: scrapes[10], max: scrapes.at(-1) }, scrapeBytes: bytes });
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  agent.destroy();
  await bare.close();
  await observed.close();
  await quiet.close();
}

await main();
