// Credential checks with throttling, independent of next-auth so tests can call it directly.
import "server-only";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { getRedis } from "@/server/redis";
import { logger } from "@/server/observability/logger";
import { getDummyHash, verifyPassword } from "./password";
import { memoryFailureLimiter, redisFailureLimiter, type FailureLimiter } from "./rate-limit";
import { ZSignInInput } from "@/shared/auth-schemas";
import { inTransaction } from "@/server/db/transaction";
import { checkSecondFactor } from "./two-factor/service";
import type { CodeAttemptLimiter } from "./two-factor/limiter";
import { AppError } from "@/server/errors";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: "CUSTOMER" | "SELLER" | "ADMIN";
  /** "verified": this sign-in passed the second step; "not-enrolled": the account has no 2FA. */
  mfa: "verified" | "not-enrolled";
}

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number }
  /** The password is right and the account has two-factor on: send it again with a code. */
  | { ok: false; reason: "code-required" }
  | { ok: false; reason: "code-invalid" }
  | { ok: false; reason: "code-rate-limited"; retryAfterSeconds: number };

const g = globalThis as unknown as { __livemarketLimiter?: FailureLimiter };

/** Redis-backed when REDIS_URL is set; falls back to memory while Redis is unreachable. */
export function getSignInLimiter(): FailureLimiter {
  if (g.__livemarketLimiter) return g.__livemarketLimiter;
  const limit = env.LOGIN_MAX_ATTEMPTS_PER_MINUTE;
  const memory = memoryFailureLimiter(limit);
  const redis = getRedis();
  if (!redis) return (g.__livemarketLimiter = memory);
  const shared = redisFailureLimiter(redis, limit);
  const guarded = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, fallback: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await fn(...a);
      } catch (err) {
        logger.debug("sign-in limiter fell back to memory", { err });
        return fallback(...a);
      }
    };
  return (g.__livemarketLimiter = {
    check: guarded(shared.check, memory.check),
    fail: guarded(shared.fail, memory.fail),
    reset: guarded(shared.reset, memory.reset),
  });
}

/**
 * One sign-in attempt: the password, then, for an account with two-factor on, the code sent with
 * it. The password alone never signs such an account in: it only learns "code required" (and only
 * when the password is right), and sends everything again with the code.
 */
export async function signInWithPassword(
  db: Db,
  input: unknown,
  clientAddress: string,
  limiter: FailureLimiter = getSignInLimiter(),
  codeLimiter?: CodeAttemptLimiter,
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, code } = parsed.data;
  const keys = [`email:${email}`, `ip:${clientAddress}`];

  const decisions = await Promise.all(keys.map((k) => limiter.check(k)));
  const blocked = decisions.filter((d) => !d.allowed);
  if (blocked.length > 0) {
    return { ok: false, reason: "rate-limited", retryAfterSeconds: Math.max(...blocked.map((d) => d.retryAfterSeconds)) };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true, totpEnabled: true },
  });
  // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !valid || user.disabledAt) {
    await Promise.all(keys.map((k) => limiter.fail(k)));
    return { ok: false, reason: "invalid" };
  }
  await limiter.reset(keys[0]!);
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  if (!user.totpEnabled) return { ok: true, user: { ...signedIn, mfa: "not-enrolled" } };
  if (!code) return { ok: false, reason: "code-required" };
  try {
    const accepted = await inTransaction(db, (tx) => checkSecondFactor(tx, user.id, code, { limiter: codeLimiter }));
    if (!accepted) return { ok: false, reason: "code-invalid" };
  } catch (err) {
    if (err instanceof AppError && err.code === "RATE_LIMITED") {
      return { ok: false, reason: "code-rate-limited", retryAfterSeconds: Number(err.details?.retryAfterSeconds) || 60 };
    }
    throw err;
  }
  return { ok: true, user: { ...signedIn, mfa: "verified" } };
}
