// The app's limits, from the environment: one instance per process.
import "server-only";
import type { BlockList } from "node:net";
import { env } from "@/server/env";
import { getLimitsRedis } from "@/server/redis";
import { clientAddressOf, parseTrustedProxies } from "./client-address";
import { parseLimitOverrides } from "./definitions";
import { createLimits, type Limits } from "./limits";

export { rateLimited, type Limits, type Who, type LimitState } from "./limits";
export type { LimitName, LimitKey } from "./definitions";

const g = globalThis as unknown as { __livemarketLimits?: Limits; __livemarketProxies?: BlockList };

export function getLimits(): Limits {
  return (g.__livemarketLimits ??= createLimits({
    redis: getLimitsRedis(),
    rules: parseLimitOverrides(env.RATE_LIMITS),
    multiplier: env.RATE_LIMIT_MULTIPLIER,
  }));
}

/** The client address of a request (headers of a route handler, tRPC call, RSC render or
 * next-auth callback), with TRUSTED_PROXIES from the environment. */
export function requestAddress(headers: Headers | Record<string, unknown> | undefined): string {
  return clientAddressOf(headers, (g.__livemarketProxies ??= parseTrustedProxies(env.TRUSTED_PROXIES)));
}
