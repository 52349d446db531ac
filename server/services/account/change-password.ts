// Password change from the account security page: the current password is checked (throttled
// like sign-in, per user, so a stolen session cannot guess it quickly), then the new hash is
// written and every other session of the user is revoked in one transaction; the session the
// change was made from stays signed in.
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import type { FailureLimiter } from "@/server/auth/rate-limit";
import { revokeUserSessions } from "@/server/auth/sessions";
import { invalidateResetTokens } from "@/server/auth/password-reset";
import { recordAudit } from "@/server/services/audit/record-audit";
import { ZChangePasswordInput, type TChangePasswordInput } from "@/shared/auth-schemas";

const WRONG = "That is not your current password";

/** Checks the current password and hashes the new one (outside any transaction: hashing is
 * slow, and the embedded database has one connection). Returns the new hash. */
export async function preparePasswordChange(db: DbClient, userId: string, raw: TChangePasswordInput, limiter: FailureLimiter): Promise<string> {
  const input = ZChangePasswordInput.parse(raw);
  const key = `password-change:${userId}`;
  const decision = await limiter.check(key);
  if (!decision.allowed) {
    throw new AppError("RATE_LIMITED", `Too many attempts. Try again in ${decision.retryAfterSeconds} seconds.`, { details: { retryAfterSeconds: decision.retryAfterSeconds } });
  }
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await limiter.fail(key);
    throw new AppError("VALIDATION", WRONG, { fieldErrors: { currentPassword: [WRONG] } });
  }
  await limiter.reset(key);
  return hashPassword(input.newPassword);
}

/** Writes the new hash, marks every unused password reset link used, and revokes the user's other sessions (all of them when the change was
 * not made from a session). Returns how many sessions were signed out. */
export async function applyPasswordChange(tx: Tx, userId: string, passwordHash: string, keepSessionId: string | undefined): Promise<{ signedOut: number }> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
  const revoked = await revokeUserSessions(tx, userId, keepSessionId ? { except: keepSessionId } : {});
  // A reset link mailed before the change must not undo it.
  await invalidateResetTokens(tx, userId);
  await recordAudit(tx, { actorId: userId, action: "user.password", entityType: "User", entityId: userId, after: { otherSessionsSignedOut: revoked.length } });
  return { signedOut: revoked.length };
}
