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
