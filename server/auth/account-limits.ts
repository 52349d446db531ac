// Rate limits of the account flows that need no sign-in: password reset requests and link use,
// and registrations that hit an existing email. rate-limiter-flexible, in Redis when REDIS_URL is
// set (shared by every app instance; this process's memory stands in while Redis is down),
// otherwise in memory (the embedded default runs one app process). The limiters are built by
// server/limits (makeLimiter), like every other limit; these keep their own names and answers.
import "server-only";
import type { Redis } from "ioredis";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { makeLimiter, takePoint, type LimitDecision } from "@/server/limits/limits";
import { AppError } from "@/server/errors";
import { getLimitsRedis } from "@/server/redis";
import { logger } from "@/server/observability/logger";

export const ACCOUNT_LIMITS = {
  /** Reset requests from one client address (any emails): then 429 for the address. */
  resetRequestPerAddress: { points: 10, duration: 15 * 60 },
  /** Reset mails to one address (whether or not it has an account): then silently none. */
  resetRequestPerEmail: { points: 3, duration: 15 * 60 },
  /** New-password submissions (tokens tried) from one client address. */
  resetAttemptPerAddress: { points: 20, duration: 15 * 60 },
  /** Registrations answered "already exists" for one client address: then every registration
   * from it is refused until the hour ends (so the refusal itself says nothing about an email). */
  registerTakenPerAddress: { points: 10, duration: 60 * 60 },
} as const;

export type AccountLimitName = keyof typeof ACCOUNT_LIMITS;

export type { LimitDecision };

export interface AccountLimits {
  /** Counts one against `key`; refused when that goes over the limit. */
  consume(name: AccountLimitName, key: string): Promise<LimitDecision>;
  /** Is `key` over the limit now? (Counts nothing.) */
  blocked(name: AccountLimitName, key: string): Promise<LimitDecision>;
}

const ALLOWED: LimitDecision = { allowed: true, retryAfterSeconds: 0 };
const refused = (res: RateLimiterRes): LimitDecision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });

export function createAccountLimits(opts: { redis?: Redis | null; rules?: Partial<Record<AccountLimitName, { points: number; duration: number }>> } = {}): AccountLimits {
  const limiters = new Map<AccountLimitName, RateLimiterAbstract>();
  const limiter = (name: AccountLimitName): RateLimiterAbstract => {
    let l = limiters.get(name);
    if (l) return l;
    l = makeLimiter(opts.redis ?? null, `account.${name}`, opts.rules?.[name] ?? ACCOUNT_LIMITS[name]);
    limiters.set(name, l);
    return l;
  };
  return {
    consume(name, key) {
      return takePoint(limiter(name), key);
    },
    async blocked(name, key) {
      try {
        const l = limiter(name);
        const res = await l.get(key);
        return res && res.consumedPoints >= l.points ? refused(res) : ALLOWED;
      } catch (err) {
        logger.warn("account limit unavailable: allowing", { name, err });
        return ALLOWED;
      }
    },
  };
}

const g = globalThis as unknown as { __livemarketAccountLimits?: AccountLimits };

/** The app's limits (Redis-backed when REDIS_URL is set). */
export function getAccountLimits(): AccountLimits {
  return (g.__livemarketAccountLimits ??= createAccountLimits({ redis: getLimitsRedis() }));
}

/** Throws RATE_LIMITED (429) with the wait when `decision` refused. */
export function enforce(decision: LimitDecision, message: string): void {
  if (decision.allowed) return;
  throw new AppError("RATE_LIMITED", `${message} Try again in ${formatWait(decision.retryAfterSeconds)}.`, {
    details: { retryAfterSeconds: decision.retryAfterSeconds },
  });
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
