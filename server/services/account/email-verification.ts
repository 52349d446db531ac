// Proving an email address, and what only a proven address may do (decisions 148 and 149).
//  - After registration the account's email is sent a link; opening it (and confirming on the
//    page: a mail scanner that fetches links confirms nothing) sets User.emailVerifiedAt.
//  - An email change sends the link to the NEW address; the account keeps its old email until
//    that link is opened, so a typo or someone else's address never takes the account over.
//  - Guest orders placed with an email are claimed (given the account) only by an account whose
//    email is verified and is that email: when the link is opened, and again whenever the verified
//    owner opens their order history (orders placed as a guest after the account was verified).
// The token is 32 random bytes; only its SHA-256 is stored; single use, 24 hours; issuing a new
// one marks the user's older ones used.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import { inTransaction, type DbClient, type Tx } from "@/server/db/transaction";
import { getAppUrl } from "@/server/env";
import { AppError, fromPrismaError } from "@/server/errors";
import { deliver, getMailer, type Mail, type Mailer } from "@/server/mail/mailer";
import { recordAudit } from "@/server/services/audit/record-audit";

export const EMAIL_TOKEN_TTL_MS = 24 * 60 * 60_000;
export const INVALID_EMAIL_LINK = "This link has expired or has already been used. Ask for a new one from your account page.";
export const EMAIL_TAKEN = "An account with this email already exists";

export interface EmailDeps {
  mailer?: Mailer;
  appUrl?: string;
  now?: () => Date;
}

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export function verifyEmailLink(token: string, appUrl: string = getAppUrl()): string {
  return new URL(`/verify-email?token=${encodeURIComponent(token)}`, appUrl).toString();
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function verificationMail(to: string, name: string, link: string, change: boolean): Mail {
  const what = change ? "To use this address for your Livemarket account" : "To confirm the email address of your new Livemarket account";
  const after = change
    ? "Until you do, your account keeps its current email. If you did not ask for this, ignore this email."
    : "Orders you placed as a guest with this address then appear in your account. If you did not create an account, ignore this email.";
  const text = [`Hello ${name},`, "", `${what}, open this link within 24 hours:`, "", link, "", after].join("\n");
  const html =
    `<p>Hello ${escapeHtml(name)},</p><p>${what}, open this link within 24 hours:</p>` +
    `<p><a href="${escapeHtml(link)}">Confirm your email address</a></p><p>${after}</p>`;
  return { to, subject: change ? "Confirm your new Livemarket email address" : "Confirm your Livemarket email address", text, html };
}

/** A new link for `email` (the user's own, or the one they want), older ones invalidated. */
export async function issueEmailToken(tx: Tx, userId: string, email: string, now: Date = new Date()): Promise<string> {
  await tx.emailVerificationToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  const token = randomBytes(32).toString("base64url");
  await tx.emailVerificationToken.create({ data: { userId, email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS) } });
  return token;
}

/** Issues a link to the user's current email and mails it (after commit). Never rejects: the
 * caller (registration) has already succeeded. */
export async function sendEmailVerification(db: Db, userId: string, deps: EmailDeps = {}): Promise<"sent" | "verified" | "failed"> {
  try {
    const issued = await inTransaction(db, async (tx) => {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, emailVerifiedAt: true } });
      if (user.emailVerifiedAt) return null;
      return { user, token: await issueEmailToken(tx, userId, user.email, deps.now?.()) };
    });
    if (!issued) return "verified";
    const mail = verificationMail(issued.user.email, issued.user.name, verifyEmailLink(issued.token, deps.appUrl), false);
    return (await deliver(deps.mailer ?? getMailer(), mail, "email verification")) ? "sent" : "failed";
  } catch {
    return "failed";
  }
}

/** account.changeEmail: mails a link to the new address; nothing changes until it is opened. */
export async function requestEmailChange(db: Db, userId: string, newEmail: string, deps: EmailDeps = {}): Promise<{ sent: boolean }> {
  const issued = await inTransaction(db, async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
    if (user.email === newEmail) throw new AppError("VALIDATION", "That is already your email address", { fieldErrors: { email: ["That is already your email address"] } });
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });
    return { name: user.name, token: await issueEmailToken(tx, userId, newEmail, deps.now?.()) };
  });
  const sent = await deliver(deps.mailer ?? getMailer(), verificationMail(newEmail, issued.name, verifyEmailLink(issued.token, deps.appUrl), true), "email change");
  return { sent };
}

/** The pending change, if any: the address a live link was sent to that is not the current email. */
export async function pendingEmailChange(db: DbClient, userId: string, now: Date = new Date()): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  const row = await db.emailVerificationToken.findFirst({
    where: { userId, usedAt: null, expiresAt: { gt: now }, NOT: { email: user?.email ?? "" } },
    orderBy: { createdAt: "desc" },
    select: { email: true },
  });
  return row?.email ?? null;
}

/**
 * Opens a link: claims the token once, makes its address the account's verified email (a change
 * takes effect now), and claims the guest orders placed with it. INVALID_EMAIL_LINK for a used,
 * expired or unknown token; CONFLICT when another account took the address meanwhile.
 */
export async function confirmEmail(db: Db, token: string, deps: { now?: () => Date } = {}): Promise<{ userId: string; email: string; changed: boolean; claimed: number }> {
  const invalid = () => new AppError("VALIDATION", INVALID_EMAIL_LINK, { fieldErrors: { token: [INVALID_EMAIL_LINK] } });
  if (typeof token !== "string" || token.length < 20 || token.length > 200) throw invalid();
  const tokenHash = hashToken(token);
  try {
    return await inTransaction(db, async (tx) => {
      const now = deps.now?.() ?? new Date();
      const claimedToken = await tx.emailVerificationToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (claimedToken.count !== 1) throw invalid();
      const row = await tx.emailVerificationToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, email: true } });
      const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true, disabledAt: true } });
      if (user.disabledAt) throw invalid();
      const changed = user.email !== row.email;
      await tx.user.update({ where: { id: row.userId }, data: { email: row.email, emailVerifiedAt: now } });
      if (changed) {
        // Other links (to the old address or another new one) die with the change.
        await tx.emailVerificationToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
        await recordAudit(tx, { actorId: row.userId, action: "user.email", entityType: "User", entityId: row.userId, before: { email: user.email }, after: { email: row.email } });
      }
      const claimed = await claimGuestOrders(tx, row.userId);
      return { userId: row.userId, email: row.email, changed, claimed };
    });
  } catch (err) {
    const mapped = fromPrismaError(err);
    if (mapped?.code === "CONFLICT") throw new AppError("CONFLICT", EMAIL_TAKEN, { cause: err });
    throw err;
  }
}

/**
 * Gives the user the guest orders placed with their email, only when that email is verified
 * (otherwise claims nothing). The order keeps guestEmail (its idempotency key stays scoped by it);
 * a key the account already used for another order is dropped from the claimed one so the
 * (userId, idempotencyKey) index holds. Returns how many orders were claimed.
 */
export async function claimGuestOrders(tx: DbClient, userId: string): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Order" o SET "userId" = u.id, version = o.version + 1, "updatedAt" = timezone('UTC', now()),
      "idempotencyKey" = CASE WHEN EXISTS (SELECT 1 FROM "Order" mine WHERE mine."userId" = u.id AND mine."idempotencyKey" = o."idempotencyKey")
                              THEN NULL ELSE o."idempotencyKey" END
    FROM "User" u
    WHERE u.id = ${userId} AND u."emailVerifiedAt" IS NOT NULL AND u."disabledAt" IS NULL
      AND o."guestEmail" = u.email AND o."userId" IS NULL`;
}
