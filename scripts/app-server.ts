// The app's HTTP server (started by scripts/start.ts in place of `next start` / `next dev`):
// Next.js with one addition. It owns the socket, so it writes the socket's remote address into
// the `x-livemarket-peer` request header on every request, overwriting whatever a client sent,
// and marks the process so the app trusts that header (server/limits/client-address.ts, where
// TRUSTED_PROXIES decides whether X-Forwarded-For is believed). Route handlers cannot see the
// socket, and `next start` passes a client's own X-Forwarded-For through untouched.
// It also runs every request through the HTTP observer (server/observability/http.ts: request id,
// one log line, the HTTP metrics by route pattern), which instrumentation.ts installs on
// globalThis while `app.prepare()` runs (that module needs the react-server condition this
// process does not have, so it is reached through globalThis, and only its type is imported).
// With `--workers N` (N > 1; scripts/start.ts passes WEB_CONCURRENCY) this process is a small
// node:cluster primary that forks N such servers sharing the one port, starts again any that
// dies, and answers their requests for the metrics of all of them (scripts/cluster-primary.ts).
// Usage: node dist/app-server.mjs --port N [--workers N]   (the bundle `npm run build` makes)
//        node --import tsx scripts/app-server.ts --dev --port N   (npm run dev)
// Cached catalogue reads over tRPC are answered before Next.js by the lane instrumentation.ts
// installs on globalThis the same way (server/http/catalog-lane.ts); a miss goes on to Next.js.
// (No --conditions=react-server: Next.js renders with its own React builds.)
import cluster from "node:cluster";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import type { CatalogLane } from "@/server/http/catalog-lane";
import type { HttpObserver } from "@/server/observability/http";
import { markPeerStamping, stampPeer } from "./peer-stamp";

const dev = process.argv.includes("--dev");
const portArg = process.argv.indexOf("--port");
const port = Number(portArg >= 0 ? process.argv[portArg + 1] : 3000);
const workersArg = process.argv.indexOf("--workers");
const workers = dev ? 1 : Math.max(1, Number(workersArg >= 0 ? process.argv[workersArg + 1] : 1) || 1);
const dir = path.resolve(import.meta.dirname, "..");

if (workers > 1 && cluster.isPrimary) {
  const { runClusterPrimary } = await import("./cluster-primary");
  runClusterPrimary({ workers, port });
} else {
  await serve();
}

async function serve(): Promise<void> {
const { default: next } = await import("next");
if (cluster.isWorker) {
  // A worker whose primary is gone (killed) leaves: the primary owned the port.
  process.on("disconnect", () => process.exit(0));
}

markPeerStamping();
const app = next({ dev, dir, port });
await app.prepare();
const handle = app.getRequestHandler();

const observer = () => (globalThis as { __livemarketHttpObserver?: HttpObserver }).__livemarketHttpObserver;

const lane = () => (globalThis as { __livemarketCatalogLane?: CatalogLane }).__livemarketCatalogLane;
/** A cached catalogue read is answered by the lane; everything else (and a lane miss) by Next.js. */
const answer = (req: IncomingMessage, res: ServerResponse) => {
  const l = lane();
  if (!l) return void handle(req, res);
  l.serve(req, res).then(
    (done) => {
      if (!done) void handle(req, res);
    },
    (err: unknown) => {
      console.error("[livemarket] catalogue lane failed; Next.js answers", err);
      if (!res.headersSent) void handle(req, res);
    },
  );
};

const server = createServer((req, res) => {
  stampPeer(req);
  const o = observer();
  if (o) o.handle(req, res, () => answer(req, res));
  else answer(req, res);
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    stampPeer(req);
    void upgrade(req, socket, head);
  });
}
server.listen(port, () => {
  if (!cluster.isWorker) console.log(`[livemarket] app listening on port ${port}${dev ? " (development)" : ""}`);
});

const shutdown = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
}
