// The tRPC HTTP entry point (app/api/trpc/[trpc]/route.ts): before tRPC sees a request, a
// state-changing one must come from the app's own origin, carry JSON, and fit in
// BODY_LIMITS.trpc (read through the bounded reader); a batch carries at most TRPC_MAX_BATCH calls.
// A refusal that carries a wait (RATE_LIMITED) answers with a Retry-After header beside its 429.
// Caching: a GET whose every call is a `shared` procedure (meta, server/api/trpc.ts) and succeeded
// carries an ETag of its body and `Cache-Control: no-cache`, and is a bodyless 304 when the client
// already holds it; every other answer is `private, no-store` (decisions.md 118).
// The context is a parameter so tests run the same handler on their own database.
import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { errorResponse } from "@/server/api/route";
import { appRouter } from "@/server/api/root";
import type { ContextInner, ProcedureMeta } from "@/server/api/trpc";
import { retryAfterSeconds } from "@/server/errors";
import { NEVER_STORE, sharedReadResponse } from "@/server/http/etag";
import { assertContentType, assertSameOrigin, BODY_LIMITS, isStateChanging, readBoundedBody, TRPC_MAX_BATCH, withBody } from "@/server/http/request-guards";

export type TrpcContextFactory = (opts: { req: Request; resHeaders: Headers }) => Promise<ContextInner>;

export function trpcHttpHandler(createContext: TrpcContextFactory): (req: Request) => Promise<Response> {
  return async (incoming) => {
    let req = incoming;
    try {
      if (isStateChanging(req)) {
        assertSameOrigin(req);
        assertContentType(req, ["application/json"]);
        req = withBody(req, await readBoundedBody(req, BODY_LIMITS.trpc));
      }
    } catch (err) {
      return errorResponse(err);
    }
    let shared = false;
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      maxBatchSize: TRPC_MAX_BATCH,
      createContext: ({ resHeaders }) => createContext({ req, resHeaders }),
      responseMeta({ errors, info, type, eagerGeneration }) {
        const headers = new Headers();
        const wait = Math.max(0, ...errors.map((e) => retryAfterSeconds(e) ?? 0));
        if (wait > 0) headers.set("Retry-After", String(wait));
        const calls = info?.calls ?? [];
        shared =
          req.method === "GET" && type === "query" && !eagerGeneration && errors.length === 0 && calls.length > 0 && calls.every((c) => (c.procedure?._def.meta as ProcedureMeta | undefined)?.shared === true);
        headers.set("cache-control", NEVER_STORE);
        return { headers };
      },
    });
    if (!shared || res.status !== 200 || res.headers.has("set-cookie")) return res;
    return sharedReadResponse(req, await res.text(), new Headers(res.headers));
  };
}
