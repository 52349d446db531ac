// tRPC over HTTP (app/api/trpc/[trpc]/route.ts): the one fetch handler, so tests send real
// requests through the same code. A refusal that carries a wait (RATE_LIMITED) answers with a
// Retry-After header beside its 429.
import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "./root";
import type { ContextInner } from "./trpc";
import { retryAfterSeconds } from "@/server/errors";

export function handleTrpcRequest(req: Request, createContext: (resHeaders: Headers) => Promise<ContextInner>): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext(resHeaders),
    responseMeta({ errors }) {
      const wait = Math.max(0, ...errors.map((e) => retryAfterSeconds(e) ?? 0));
      return wait > 0 ? { headers: new Headers({ "Retry-After": String(wait) }) } : {};
    },
  });
}
