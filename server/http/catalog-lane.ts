// The catalogue fast lane (issue 13; decisions.md 134... see "Catalogue reads answered before
// Next.js"). A public catalogue read over tRPC whose answer is in the catalogue cache and still
// valid (catalog-cache.ts: nothing it shows has changed, the bus vouches for its feed) is answered
// by the app server (scripts/app-server.ts) before Next.js routes the request: the same bytes,
// status and headers as the tRPC route would send (its body, ETag, `Cache-Control: no-cache`, 304
// on If-None-Match, the security headers of proxy.ts), the same metrics, the same rate limit.
// Everything else (a miss, a batch, an invalid input, a signed-in search that is limited per user
// too, any other route) goes on to Next.js unchanged, which reads, stores and answers as before.
// So the lane changes how fast a hit is answered, never what is answered.
// Installed on globalThis by instrumentation.ts (the app server process cannot import this
// module: it needs the react-server condition), like the HTTP observer.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import superjson from "superjson";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { bodyEtag, ifNoneMatchHits, SHARED_REVALIDATE } from "@/server/http/etag";
import { getLimits, requestAddress, type Limits } from "@/server/limits";
import { metrics } from "@/server/observability/metrics";
import { contentSecurityPolicy, isDev, newNonce, servedOverHttps, sidecarSources, staticSecurityHeaders } from "@/server/security/headers";
import { CATALOG_READS, derivedOnce, type CatalogRead } from "@/server/services/catalog/catalog-cache";
import { peekCatalogRead } from "@/server/services/catalog/cached-reads";
import type { DbClient } from "@/server/db/transaction";

export interface CatalogLane {
  /** Answers `req` when it is a catalogue read whose answer is cached; false (nothing written,
   * nothing consumed from the request) when Next.js must answer it. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

const PREFIX = "/api/trpc/catalog.";
/** Reads under a rate limit, by name (server/api/routers/catalog.ts: `limited("search")`). */
const LIMITED: Partial<Record<CatalogRead, "search">> = { search: "search" };
/** = server/api/trpc.ts: next-auth's session cookie (and its chunks). */
const SESSION_COOKIE_MARK = "next-auth.session-token";

/** The tRPC body of one successful query (httpLink, not batched) and its ETag, made once per
 * stored answer. tRPC writes `{"result":{"data":<output serialised by the transformer>}}`; the
 * transformer's superjson form is itself kept beside the answer (server/api/trpc.ts). */
function trpcBody(value: unknown): { body: string; etag: string } {
  return derivedOnce(value, "trpc-body", () => {
    const body = JSON.stringify({ result: { data: derivedOnce(value, "superjson", () => superjson.serialize(value)) } });
    return { body, etag: bodyEtag(body) };
  });
}

/** The read a request asks for and its raw input, or null when it is not one the lane may answer. */
export function laneRequest(req: Pick<IncomingMessage, "method" | "url" | "headers">): { read: CatalogRead; raw: unknown } | null {
  const { method, url, headers } = req;
  if (method !== "GET" || !url || !url.startsWith(PREFIX)) return null;
  // A client asking for tRPC's streamed (JSON lines) form: tRPC answers it.
  if (headers["trpc-accept"] !== undefined || headers.accept?.includes("application/jsonl")) return null;
  const q = url.indexOf("?");
  const read = url.slice(PREFIX.length, q < 0 ? undefined : q) as CatalogRead;
  if (!CATALOG_READS.includes(read)) return null;
  // A signed-in caller of a limited read is limited per user too: Next.js decodes the session.
  if (LIMITED[read] && headers.cookie?.includes(SESSION_COOKIE_MARK)) return null;
  const params = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
  let input: string | null = null;
  for (const [k, v] of params) {
    // `batch`, a repeated `input` or anything else: tRPC's own parsing decides.
    if (k !== "input" || input !== null) return null;
    input = v;
  }
  if (input === null) return { read, raw: undefined };
  try {
    return { read, raw: superjson.deserialize(JSON.parse(input) as Parameters<typeof superjson.deserialize>[0]) };
  } catch {
    return null;
  }
}

/** Where the lane's database, limits and client address come from (tests give their own). */
export interface CatalogLaneDeps {
  db: () => Promise<DbClient>;
  limits: () => Limits | null;
  clientAddress: (req: IncomingMessage) => string;
}

const APP_DEPS: CatalogLaneDeps = {
  db: getDb,
  limits: getLimits,
  clientAddress: (req) => requestAddress(req.headers as Record<string, unknown>),
};

/** The headers Next.js (its route, and the tRPC adapter) sends on these answers. */
const VARY = ["rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch", "trpc-accept, accept"];

export function createCatalogLane(deps: CatalogLaneDeps = APP_DEPS): CatalogLane {
  const https = servedOverHttps();
  const security = staticSecurityHeaders(https);
  const dev = isDev();
  return {
    async serve(req, res) {
      const started = performance.now();
      const asked = laneRequest(req);
      if (!asked) return false;
      const hit = await peekCatalogRead(await deps.db(), asked.read, asked.raw);
      if (!hit) return false;
      const limit = LIMITED[asked.read];
      const limits = limit ? deps.limits() : null;
      if (limit && limits) {
        const allowed = await limits.consume(limit, { ip: deps.clientAddress(req), user: null }).then(
          () => true,
          () => false,
        );
        // Over the limit (or the limiter failing): Next.js answers, with its 429 and Retry-After.
        if (!allowed) return false;
      }
      const { body, etag } = trpcBody(hit.value);
      const name = `catalog.${asked.read}`;
      metrics.catalogLaneAnswers.inc({ read: asked.read });
      metrics.procedureCalls.inc({ api: "trpc", name, outcome: "ok" });
      metrics.procedureDuration.observe({ api: "trpc", name }, (performance.now() - started) / 1000);
      const headers: Record<string, string | number | string[]> = {
        "Content-Security-Policy": contentSecurityPolicy({ nonce: newNonce(), sidecar: sidecarSources(req.headers.host ?? "localhost"), dev, https }),
        ...security,
        vary: VARY,
        etag,
        "cache-control": SHARED_REVALIDATE,
      };
      if (ifNoneMatchHits(req.headers["if-none-match"] ?? null, etag)) {
        res.writeHead(304, headers).end();
      } else {
        res.writeHead(200, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      }
      return true;
    },
  };
}

/** Puts the lane where the app server finds it (CATALOG_FAST_LANE=0: not at all). */
export function installCatalogLane(): void {
  if (!env.CATALOG_FAST_LANE) return;
  (globalThis as { __livemarketCatalogLane?: CatalogLane }).__livemarketCatalogLane = createCatalogLane();
}
