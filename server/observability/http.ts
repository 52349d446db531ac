// The app's HTTP instrumentation, run by the custom server (scripts/app-server.ts) around every
// request it hands to Next.js: a request id (the caller's sane `X-Request-Id` or a fresh one, put
// on the request for the app and answered in the response), the request handled inside that id's
// context (server/observability/request-context.ts), and when the response is done one log line
// and the HTTP series (livemarket_http_requests_total / _duration_seconds) by route *pattern*.
//
// The route pattern comes from Next.js's own routes manifest (.next/routes-manifest.json: every
// page and route handler, static and dynamic, with the regex Next.js matches), so a label is
// always one of the app's routes ("/products/[slug]", "/api/trpc/[trpc]") or one of a few fixed
// names for the rest: the series' cardinality is bounded by the app, never by what clients send.
//
// The custom server runs outside the Next.js bundle (and without the react-server condition this
// module needs), so instrumentation.ts installs the observer on globalThis and the server calls it
// from there when it is present.
import "server-only";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { logger as defaultLogger, type Logger } from "./logger";
import { metrics } from "./metrics";
import { REQUEST_ID_HEADER, acceptRequestId, runWithRequestId } from "./request-context";
import { redactText } from "./redact";

export interface HttpObserver {
  /** Observes one request; `next` hands it to Next.js (inside the request id's context). */
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

/** Labels for requests outside the app's routes. */
export const OTHER_ROUTES = {
  nextAssets: "/_next/*",
  notFound: "(not found)",
  file: "(public file)",
} as const;

interface ManifestRoute {
  page: string;
  regex: string;
}

export interface RouteMatcher {
  (pathname: string, status: number): string;
  size: number;
}

/** A matcher over the routes of a Next.js build (`distDir`, usually `.next`). A missing or
 * unreadable manifest (development, tests) gives a matcher that knows no routes. */
export function routeMatcher(distDir: string): RouteMatcher {
  let statics = new Set<string>();
  let dynamics: { page: string; regex: RegExp }[] = [];
  for (const file of ["routes-manifest.json", "dev/routes-manifest.json"]) {
    try {
      const m = JSON.parse(readFileSync(path.join(distDir, file), "utf8")) as { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] };
      statics = new Set((m.staticRoutes ?? []).map((r) => r.page));
      dynamics = (m.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
      break;
    } catch {
      // try the next place, or know no routes
    }
  }
  const match = ((pathname: string, status: number): string => {
    const p = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
    if (p.startsWith("/_next/")) return OTHER_ROUTES.nextAssets;
    if (statics.has(p) && p !== "/_not-found") return p;
    for (const d of dynamics) if (d.regex.test(p)) return d.page;
    return status === 404 ? OTHER_ROUTES.notFound : OTHER_ROUTES.file;
  }) as RouteMatcher;
  match.size = statics.size + dynamics.length;
  return match;
}

/** Probes and scrapes: logged at debug, not once per scrape at info. */
const QUIET = new Set(["/health", "/ready", "/metrics", "/api/health"]);
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function createHttpObserver(opts: { distDir: string; logger?: Logger }): HttpObserver {
  const routeOf = routeMatcher(opts.distDir);
  const log = opts.logger ?? defaultLogger;
  return {
    handle(req, res, next) {
      const start = process.hrtime.bigint();
      const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
      // The app (route handlers, tRPC) reads it from the request; the caller gets it back.
      req.headers[REQUEST_ID_HEADER] = requestId;
      res.setHeader("X-Request-Id", requestId);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const pathname = (req.url ?? "/").split("?")[0]!;
        // A response that never finished (the client went away) is counted as status 499.
        const status = res.writableFinished ? res.statusCode : 499;
        const route = routeOf(pathname, status);
        const method = METHODS.has(req.method ?? "") ? req.method! : "OTHER";
        metrics.httpRequests.inc({ route, method, status: String(status) });
        metrics.httpDuration.observe({ route, method }, seconds);
        const fields = {
          reqId: requestId,
          method,
          route,
          // The path without its query (reset links carry tokens there), secrets redacted.
          path: redactText(pathname.slice(0, 300)),
          status,
          ms: Math.round(seconds * 10_000) / 10,
          bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
        };
        if (QUIET.has(pathname) && status < 500) log.debug("request", fields);
        else if (status >= 500) log.error("request", fields);
        else log.info("request", fields);
      };
      res.once("finish", finish);
      res.once("close", finish);
      runWithRequestId(requestId, next);
    },
  };
}

const holder = globalThis as unknown as { __livemarketHttpObserver?: HttpObserver };

/** Called once by instrumentation.ts in the app process. */
export function installHttpObserver(distDir: string): void {
  holder.__livemarketHttpObserver ??= createHttpObserver({ distDir });
}
