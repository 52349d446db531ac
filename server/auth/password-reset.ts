// Password reset by email. The link carries 32 random bytes; only their SHA-256 is stored, so a
// read of the database gives no working link. A token works once (claimed by one conditional
// UPDATE, so two submissions racing with one link cannot both win), for 30 minutes; issuing a new
// one, or a successful reset, marks the user's older ones used.
//
// Asking for a link always gets the same answer, whether or not the email has an account: the
// lookup, the token and the mail happen after the answer (`work`), so the answer's timing does not
// depend on them either. Limits: server/auth/account-limits.ts. See docs/security.md.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { getAppUrl } from "@/server/env";
import { AppError } from "@/server/errors";
import { deliver, getMailer, type Mail, type Mailer } from "@/server/mail/mailer";
import { logger } from "@/server/observability/logger";
import { ZRequestPasswordResetInput, ZResetPasswordInput } from "@/shared/auth-schemas";
import { enforce, getAccountLimits, type AccountLimits } from "./account-limits";
import { recordAudit } from "@/server/services/audit/record-audit";
import { hashPassword } from "./password";
import { revokeUserSessions } from "./sessions";

export const RESET_TOKEN_TTL_MS = 30 * 60_000;
export const INVALID_RESET_LINK = "This reset link has expired or has already been used. Ask for a new one.";

export function newResetToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface ResetDeps {
  mailer?: Mailer;
  limits?: AccountLimits;
  appUrl?: string;
  now?: () => Date;
}

/** What became of a request, once its `work` is done (for tests and logs; never shown). */
export type ResetRequestOutcome = "sent" | "no-account" | "email-limited" | "mail-failed" | "failed";

/** Marks every unused token of the user used: after a new one is issued or the password changed.
 * Any other place that changes a password must call it too. */
export async function invalidateResetTokens(tx: Tx, userId: string, now: Date = new Date()): Promise<number> {
  const r = await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  return r.count;
}

/** A new token for the enabled account with this email, older ones invalidated; null if none. */
export async function issueResetToken(tx: Tx, email: string, now: Date = new Date()) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  await invalidateResetTokens(tx, user.id, now);
  const token = newResetToken();
  await tx.passwordResetToken.create({
    data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
  });
  return { token, user: { id: user.id, email: user.email, name: user.name } };
}

export function resetLink(token: string, appUrl: string = getAppUrl()): string {
  return new URL(`/reset-password?token=${encodeURIComponent(token)}`, appUrl).toString();
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function resetMail(user: { email: string; name: string }, link: string): Mail {
  const text = [
    `Hello ${user.name},`,
    "",
    "Someone, hopefully you, asked to reset the password of your Livemarket account.",
    "Open this link within 30 minutes to choose a new password:",
    "",
    link,
    "",
    "The link works once. If you did not ask, ignore this email: your password stays as it is.",
  ].join("\n");
  const html =
    `<p>Hello ${escapeHtml(user.name)},</p>` +
    `<p>Someone, hopefully you, asked to reset the password of your Livemarket account. Open this link within 30 minutes to choose a new password:</p>` +
    `<p><a href="${escapeHtml(link)}">Choose a new password</a></p>` +
    `<p>The link works once. If you did not ask, ignore this email: your password stays as it is.</p>`;
  return { to: user.email, subject: "Reset your Livemarket password", text, html };
}

/** The part after the answer: token in its own transaction, mail once that has committed.
 * Never rejects. */
export async function processResetRequest(db: Db, email: string, deps: ResetDeps = {}): Promise<ResetRequestOutcome> {
  try {
    const now = deps.now?.() ?? new Date();
    const issued = await inTransaction(db, (tx) => issueResetToken(tx, email, now));
    if (!issued) return "no-account";
    const sent = await deliver(deps.mailer ?? getMailer(), resetMail(issued.user, resetLink(issued.token, deps.appUrl)), "password reset");
    return sent ? "sent" : "mail-failed";
  } catch (err) {
    logger.error("password reset request failed", { err });
    return "failed";
  }
}

/** auth.requestPasswordReset. Answers at once (429 only when this client address asked too
 * often); `work` does the rest in the background. Over the per-email limit, the answer is the
 * same and no mail goes out. */
export async function requestPasswordReset(
  db: Db,
  rawInput: unknown,
  clientAddress: string,
  deps: ResetDeps = {},
): Promise<{ work: Promise<ResetRequestOutcome> }> {
  const { email } = ZRequestPasswordResetInput.parse(rawInput);
  const limits = deps.limits ?? getAccountLimits();
  enforce(await limits.consume("resetRequestPerAddress", clientAddress), "Too many password reset requests from your network.");
  const perEmail = await limits.consume("resetRequestPerEmail", email);
  const work: Promise<ResetRequestOutcome> = perEmail.allowed ? processResetRequest(db, email, deps) : Promise.resolve("email-limited");
  return { work };
}

/** Is this link's token still good (unused, unexpired)? For the page; claims nothing. */
export async function resetTokenUsable(db: Db, token: string, now: Date = new Date()): Promise<boolean> {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(row && !row.usedAt && row.expiresAt > now);
}

/** auth.resetPassword: claims the token (once), sets the new password, invalidates the user's
 * other tokens and revokes every session of the user (whoever knew the old password is signed
 * out), all in one transaction. */
export async function resetPassword(
  db: Db,
  rawInput: unknown,
  clientAddress: string,
  deps: ResetDeps = {},
): Promise<{ userId: string; signedOut: number }> {
  const { token, password } = ZResetPasswordInput.parse(rawInput);
  const limits = deps.limits ?? getAccountLimits();
  enforce(await limits.consume("resetAttemptPerAddress", clientAddress), "Too many password reset attempts from your network.");
  const invalid = () => new AppError("VALIDATION", INVALID_RESET_LINK, { fieldErrors: { token: [INVALID_RESET_LINK] } });
  // A cheap look first, so a dead link costs no password hash; the claim below decides.
  if (!(await resetTokenUsable(db, token, deps.now?.()))) throw invalid();
  const passwordHash = await hashPassword(password);
  const tokenHash = hashResetToken(token);
  return inTransaction(db, async (tx) => {
    const now = deps.now?.() ?? new Date();
    // The claim: of two transactions racing with one token, the second waits on the row lock and
    // then finds usedAt set, so it updates nothing.
    const claimed = await tx.passwordResetToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw invalid();
    const { userId } = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await invalidateResetTokens(tx, userId, now);
    const revoked = await revokeUserSessions(tx, userId);
    await recordAudit(tx, { actorId: userId, action: "user.password", entityType: "User", entityId: userId, after: { via: "reset link", sessionsSignedOut: revoked.length } });
    return { userId, signedOut: revoked.length };
  });
}
