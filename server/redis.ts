// One shared Redis connection when REDIS_URL is set (rate limits now; Socket.IO fan-out,
// the order event stream and caching in later work). Errors are logged once per outage.
import "server-only";
import { Redis } from "ioredis";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";

const g = globalThis as unknown as { __livemarketRedis?: Redis | null };

export function getRedis(): Redis | null {
  if (g.__livemarketRedis !== undefined) return g.__livemarketRedis;
  if (!env.REDIS_URL) return (g.__livemarketRedis = null);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  let down = false;
  redis.on("error", (err) => {
    if (!down) logger.error("redis unavailable", { err });
    down = true;
  });
  redis.on("ready", () => {
    if (down) logger.info("redis back");
    down = false;
  });
  return (g.__livemarketRedis = redis);
}

/**
 * A Redis connection for rate limits that never makes a request wait for Redis: no offline
 * queue (a command while disconnected fails at once), a short connect timeout, one retry at
 * most, and a command timeout, so the limiter falls back to its in-memory insurance within
 * COMMAND_TIMEOUT_MS when Redis is down, unreachable or hung.
 */
export const LIMITS_REDIS_COMMAND_TIMEOUT_MS = 250;
export function createFailFastRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    connectTimeout: 1000,
    commandTimeout: LIMITS_REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    // Keep trying to reconnect in the background, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let down = false;
  redis.on("error", (err) => {
    if (!down) logger.warn("redis (rate limits) unavailable: limits count in memory until it is back", { err });
    down = true;
  });
  redis.on("ready", () => {
    down = false;
  });
  return redis;
}

const gl = globalThis as unknown as { __livemarketLimitsRedis?: Redis | null };
export function getLimitsRedis(): Redis | null {
  if (gl.__livemarketLimitsRedis !== undefined) return gl.__livemarketLimitsRedis;
  return (gl.__livemarketLimitsRedis = env.REDIS_URL ? createFailFastRedis(env.REDIS_URL) : null);
}
