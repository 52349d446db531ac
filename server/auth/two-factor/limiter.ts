// Two-factor code attempts, per account: every attempt (at sign-in, confirming enrolment,
// disabling, new recovery codes) takes a point before the code is checked, so parallel guesses
// are counted too; a right code gives the points back. TWO_FACTOR_MAX_ATTEMPTS per 15 minutes.
// rate-limiter-flexible: in memory, or in Redis when REDIS_URL is set (shared by every app
// instance, with memory standing in while Redis is unreachable).
// The limiter itself is built by server/limits (makeLimiter), like every other limit.
import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { makeLimiter, takePoint } from "@/server/limits/limits";
import { env } from "@/server/env";
import { getLimitsRedis } from "@/server/redis";

export const CODE_ATTEMPT_WINDOW_SECONDS = 15 * 60;

export interface CodeAttemptLimiter {
  /** Takes an attempt for `userId`: allowed, or refused with the seconds until the next one. */
  take(userId: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  /** A right code: the account's count starts again. */
  reset(userId: string): Promise<void>;
}

export function codeAttemptLimiter(limiter: RateLimiterAbstract): CodeAttemptLimiter {
  return {
    async take(userId) {
      const d = await takePoint(limiter, userId);
      return d.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: d.retryAfterSeconds };
    },
    async reset(userId) {
      await limiter.delete(userId);
    },
  };
}

export function memoryCodeAttemptLimiter(points = env.TWO_FACTOR_MAX_ATTEMPTS): CodeAttemptLimiter {
  return codeAttemptLimiter(makeLimiter(null, "2fa", { points, duration: CODE_ATTEMPT_WINDOW_SECONDS }));
}

const g = globalThis as unknown as { __livemarketCodeLimiter?: CodeAttemptLimiter };

export function getCodeAttemptLimiter(): CodeAttemptLimiter {
  return (g.__livemarketCodeLimiter ??= codeAttemptLimiter(
    makeLimiter(getLimitsRedis(), "2fa", { points: env.TWO_FACTOR_MAX_ATTEMPTS, duration: CODE_ATTEMPT_WINDOW_SECONDS }),
  ));
}
