// Failed sign-in throttling. A fixed one-minute window per key (an email, or a client address):
// after `limit` failures in the window, further attempts are refused until it ends, with the
// seconds left. With REDIS_URL the counters live in Redis, so every app instance shares them;
// otherwise in this process's memory (the embedded default runs one app process).
import "server-only";
import type { Redis } from "ioredis";

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface FailureLimiter {
  /** May another attempt for this key be tried now? */
  check(key: string): Promise<RateLimitDecision>;
  /** Record a failed attempt. */
  fail(key: string): Promise<void>;
  /** Forget a key's failures (after a successful sign-in). */
  reset(key: string): Promise<void>;
}

export function memoryFailureLimiter(limit: number, windowMs = 60_000, now = () => Date.now()): FailureLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  return {
    async check(key) {
      const w = current(key);
      if (!w || w.count < limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - now()) / 1000)) };
    },
    async fail(key) {
      const w = current(key);
      if (w) w.count += 1;
      else windows.set(key, { count: 1, resetAt: now() + windowMs });
      if (windows.size > 50_000) {
        // Bound memory under a flood of distinct keys: drop expired windows.
        for (const [k, v] of windows) if (v.resetAt <= now()) windows.delete(k);
      }
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

export function redisFailureLimiter(redis: Redis, limit: number, windowMs = 60_000): FailureLimiter {
  const k = (key: string) => `livemarket:signin-failures:${key}`;
  return {
    async check(key) {
      const [count, ttl] = await redis.multi().get(k(key)).pttl(k(key)).exec().then((r) => [r?.[0]?.[1], r?.[1]?.[1]]);
      const n = Number(count ?? 0);
      if (n < limit) return { allowed: true, retryAfterSeconds: 0 };
      const ms = typeof ttl === "number" && ttl > 0 ? ttl : windowMs;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
    },
    async fail(key) {
      // SET NX starts the window once; INCR counts inside it.
      await redis.multi().set(k(key), "0", "PX", windowMs, "NX").incr(k(key)).exec();
    },
    async reset(key) {
      await redis.del(k(key));
    },
  };
}
