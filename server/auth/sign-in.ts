// Credential checks with throttling, independent of next-auth so tests can call it directly.
// Throttling (server/limits): failed attempts count against the client address (a hard limit
// per address, whatever the accounts) and against the (account, address) pair, which past a
// few free failures must wait 1 s, 2 s, 4 s… before its next try. Nothing is kept per account
// alone, so nobody can lock an owner out by failing on their account from elsewhere.
import "server-only";
import type { Db } from "@/server/db/client";
import { getLimits, type Limits } from "@/server/limits";
import { getDummyHash, verifyPassword } from "./password";
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
  /** The password is right but an admin disabled the account: said only after the password was
   * verified, so it tells nothing about which emails exist to someone who does not know it. */
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number }
  /** The password is right and the account has two-factor on: send it again with a code. */
  | { ok: false; reason: "code-required" }
  | { ok: false; reason: "code-invalid" }
  | { ok: false; reason: "code-rate-limited"; retryAfterSeconds: number };

/**
 * One sign-in attempt: the password, then, for an account with two-factor on, the code sent with
 * it. The password alone never signs such an account in: it only learns "code required" (and only
 * when the password is right), and sends everything again with the code.
 */
export async function signInWithPassword(
  db: Db,
  input: unknown,
  clientAddress: string,
  limits: Limits = getLimits(),
  codeLimiter?: CodeAttemptLimiter,
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, code } = parsed.data;

  const decision = await limits.signIn.check(email, clientAddress);
  if (!decision.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true, totpEnabled: true },
  });
  // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !valid) {
    await limits.signIn.failed(email, clientAddress);
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) {
    // Counted as a failure too, so a disabled account cannot be used to probe passwords faster.
    await limits.signIn.failed(email, clientAddress);
    return { ok: false, reason: "disabled" };
  }
  await limits.signIn.succeeded(email, clientAddress);
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
