// The tRPC HTTP entry point (app/api/trpc/[trpc]/route.ts): before tRPC sees a request, a
// state-changing one must come from the app's own origin, carry JSON, and fit in
// BODY_LIMITS.trpc (read through the bounded reader); a batch carries at most TRPC_MAX_BATCH calls.
// A refusal that carries a wait (RATE_LIMITED) answers with a Retry-After header beside its 429.
// The context is a parameter so tests run the same handler on their own database.
import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { errorResponse } from "@/server/api/route";
import { appRouter } from "@/server/api/root";
import type { ContextInner } from "@/server/api/trpc";
import { retryAfterSeconds } from "@/server/errors";
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
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      maxBatchSize: TRPC_MAX_BATCH,
      createContext: ({ resHeaders }) => createContext({ req, resHeaders }),
      responseMeta({ errors }) {
        const wait = Math.max(0, ...errors.map((e) => retryAfterSeconds(e) ?? 0));
        return wait > 0 ? { headers: new Headers({ "Retry-After": String(wait) }) } : {};
      },
    });
  };
}
