// Rate limits, built on rate-limiter-flexible: with REDIS_URL, counters live in Redis (shared by
// every app instance) with an in-memory limiter as insurance, used at once whenever Redis is not
// ready or a command fails or times out (server/redis.ts: getLimitsRedis fails fast), so an
// outage costs no request more than a few milliseconds. Without Redis, counters live in memory.
import "server-only";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { addressKey } from "./client-address";
import { LIMIT_DEFAULTS, resolveLimitRules, type LimitKey, type LimitName, type LimitRule } from "./definitions";

export interface Who {
  /** The client address (server/limits/client-address.ts). */
  ip: string;
  /** The signed-in user, when there is one. */
  user?: string | null;
}

export type SignInCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface Limits {
  /** Spends one point of `name` per address and per user; over either: AppError RATE_LIMITED
   * with details.retryAfterSeconds (answered as 429 with Retry-After). */
  consume(name: LimitName, who: Who): Promise<void>;
  /** Spends one point of a single limit for `id` and tells the state for RateLimit-* headers
   * (the REST API: api.key, api.user, api.ip). */
  take(key: LimitKey, id: string): Promise<LimitState>;
  signIn: {
    /** May this address try this account now? Asked before the password is checked; an allowed
     * attempt spends a point of the address's limit (given back on success). */
    check(account: string, ip: string): Promise<SignInCheck>;
    /** A failed attempt: slows the (account, address) pair past its free failures. */
    failed(account: string, ip: string): Promise<void>;
    /** A successful sign-in: the address's point is given back, the pair's failures forgotten. */
    succeeded(account: string, ip: string): Promise<void>;
  };
}

const PAIR_MEMORY_SECONDS = 24 * 60 * 60;

/** One rate-limiter-flexible limiter: in Redis (keys `lm:rl:<key>:…`, refusing at once while
 * Redis is not ready so the in-memory insurance answers) or in memory. Every limit of the app is
 * built here, the named ones below and the account flows' (2FA codes, password reset). */
export function makeLimiter(redis: Redis | null, key: string, rule: LimitRule): RateLimiterAbstract {
  const keyPrefix = `lm:rl:${key}`;
  const memory = new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.duration });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: rule.points,
    duration: rule.duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function rateLimited(retryAfterSeconds: number, what: string): AppError {
  return new AppError("RATE_LIMITED", `Too many ${what}. Try again in ${retryAfterSeconds} s.`, { details: { retryAfterSeconds } });
}

const WHAT: Record<LimitName, string> = {
  register: "registrations from this address",
  orders: "orders placed",
  cart: "cart changes",
  search: "searches",
  uploads: "uploads",
  imports: "imports",
  reviews: "reviews",
};

/** Runs a limiter call; a store failure the insurance did not absorb lets the request through. */
async function attempt<T>(fn: () => Promise<T>, onRefused: (res: RateLimiterRes) => T, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RateLimiterRes) return onRefused(err);
    logger.warn("rate limiter unavailable; request let through", { err });
    return fallback;
  }
}

export interface LimitState {
  allowed: boolean;
  /** The limit's points per window. */
  limit: number;
  remaining: number;
  /** Seconds until the window resets (and, when refused, the wait). */
  resetSeconds: number;
}

export interface LimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Spends one point of `key`: allowed, or refused with the wait. A store failure the insurance did
 * not absorb lets it through (logged). Every limit of the app counts through this. */
export async function takePoint(limiter: RateLimiterAbstract, key: string): Promise<LimitDecision> {
  const wait = await attempt(
    () => limiter.consume(key).then(() => 0),
    (res) => res.msBeforeNext,
    0,
  );
  return wait > 0 ? { allowed: false, retryAfterSeconds: seconds(wait) } : { allowed: true, retryAfterSeconds: 0 };
}

export function createLimits(opts: { redis: Redis | null; rules?: Partial<Record<LimitKey, LimitRule>>; multiplier?: number }): Limits {
  const rules = resolveLimitRules(opts.rules ?? {}, opts.multiplier ?? 1);
  const limiters = new Map<LimitKey, RateLimiterAbstract>();
  const limiter = (key: LimitKey) => {
    let l = limiters.get(key);
    if (!l) limiters.set(key, (l = makeLimiter(opts.redis, key, rules[key])));
    return l;
  };

  // Sign-in: failures per address (hard limit), failures per pair (counter, kept a day), and the
  // pair's current delay (a block of 1, 2, 4… seconds set after each failure past the free ones).
  const pairRule = opts.rules?.["signIn.pair"] ?? LIMIT_DEFAULTS["signIn.pair"];
  // Not scaled by the multiplier: a test run never fails one account from one address 5 times
  // except to test exactly this.
  const freeFailures = pairRule.points;
  const pairFailures = makeLimiter(opts.redis, "signIn.pairFailures", { points: 1_000_000, duration: PAIR_MEMORY_SECONDS });
  const pairDelay = makeLimiter(opts.redis, "signIn.pairDelay", { points: 1, duration: 1 });
  const pairKey = (account: string, ip: string) => `${account.toLowerCase()}|${addressKey(ip)}`;

  return {
    async take(key, id) {
      const rule = rules[key];
      const k = key.endsWith(".ip") ? addressKey(id) : id;
      return attempt(
        () => limiter(key).consume(k).then((res): LimitState => ({ allowed: true, limit: rule.points, remaining: res.remainingPoints, resetSeconds: seconds(res.msBeforeNext) })),
        (res): LimitState => ({ allowed: false, limit: rule.points, remaining: 0, resetSeconds: seconds(res.msBeforeNext) }),
        { allowed: true, limit: rule.points, remaining: rule.points, resetSeconds: rule.duration },
      );
    },
    async consume(name, who) {
      const keys: [LimitKey, string][] = [[`${name}.ip` as LimitKey, addressKey(who.ip)]];
      if (who.user && `${name}.user` in rules) keys.push([`${name}.user` as LimitKey, who.user]);
      const decisions = await Promise.all(keys.map(([key, k]) => takePoint(limiter(key), k)));
      const wait = Math.max(...decisions.map((d) => d.retryAfterSeconds));
      if (wait > 0) throw rateLimited(wait, WHAT[name]);
    },
    signIn: {
      async check(account, ip) {
        const key = pairKey(account, ip);
        const byPair = await attempt(() => pairDelay.get(key), () => null, null);
        if (byPair && byPair.consumedPoints > 1) return { allowed: false, retryAfterSeconds: seconds(byPair.msBeforeNext) };
        // The attempt spends its point now, atomically, so guesses sent all at once cannot all
        // pass the check before any failure is counted; a success gives it back.
        const d = await takePoint(limiter("signIn.ip"), addressKey(ip));
        return d.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: d.retryAfterSeconds };
      },
      async failed(account, ip) {
        const key = pairKey(account, ip);
        const fails = await attempt(() => pairFailures.consume(key), () => null, null);
        const n = fails?.consumedPoints ?? 0;
        if (n > freeFailures) {
          const delay = Math.min(2 ** Math.min(n - freeFailures - 1, 30), pairRule.duration);
          await attempt(() => pairDelay.block(key, delay), () => null, null);
        }
      },
      async succeeded(account, ip) {
        const key = pairKey(account, ip);
        await Promise.all([
          attempt(() => limiter("signIn.ip").reward(addressKey(ip)), () => null, null),
          attempt(() => pairFailures.delete(key), () => false, false),
          attempt(() => pairDelay.delete(key), () => false, false),
        ]);
      },
    },
  };
}
