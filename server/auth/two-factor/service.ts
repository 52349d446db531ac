// Two-factor authentication (TOTP, RFC 6238, through otplib) for any account, required for staff
// (server/api/guards.ts). Enrolment: `beginEnrolment` stores a new secret (encrypted) and shows
// it once as an otpauth:// URL and a QR code; `confirmEnrolment` turns 2FA on with a code from the
// app and answers ten one-time recovery codes (only their hashes are kept) and a ticket that
// upgrades the confirming session. Every code check (`checkSecondFactor`) takes an attempt from
// the account's limit first, accepts a TOTP code only for a time step later than the last one
// accepted (a code is never accepted twice) and a recovery code only once (a conditional
// update: of two concurrent uses, one wins).
import "server-only";
import { generateSecret, generateURI, verify, type VerifyResult } from "otplib";
import QRCode from "qrcode";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import {
  decryptTotpSecret,
  encryptTotpSecret,
  hashRecoveryCode,
  newRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  signEnrolmentTicket,
} from "./crypto";
import { getCodeAttemptLimiter, type CodeAttemptLimiter } from "./limiter";
import { twoFactorRequiredFor } from "./policy";

export const TOTP_ISSUER = "Livemarket";
/** Codes of the time step before and after the current one are accepted too (clock drift). */
const EPOCH_TOLERANCE_SECONDS = 30;


export async function twoFactorStatus(db: DbClient, userId: string) {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { role: true, totpEnabled: true, totpEnabledAt: true, totpSecret: true, twoFactorExempt: true },
  });
  const recoveryCodesLeft = u.totpEnabled ? await db.twoFactorRecoveryCode.count({ where: { userId, usedAt: null } }) : 0;
  return {
    enabled: u.totpEnabled,
    enabledAt: u.totpEnabledAt,
    /** an enrolment begun and not confirmed yet */
    pending: !u.totpEnabled && u.totpSecret !== null,
    recoveryCodesLeft,
    required: twoFactorRequiredFor(u),
    exempt: u.twoFactorExempt,
  };
}

/** A TOTP code as typed: six digits, spaces ignored. */
function asTotpCode(input: string): string | null {
  const s = input.replace(/\s/g, "");
  return /^\d{6}$/.test(s) ? s : null;
}

/** Step 1: a new secret, stored encrypted and not enabled yet; shown once, as an otpauth:// URL,
 * a QR code of it (SVG data URL) and the secret itself for typing in. Starting again replaces it. */
export async function beginEnrolment(tx: Tx, userId: string) {
  const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabled: true } });
  if (u.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is already on; turn it off first to set up another app");
  const secret = generateSecret();
  await tx.user.update({ where: { id: userId }, data: { totpSecret: encryptTotpSecret(secret, userId), totpLastStep: null } });
  const otpauthUrl = generateURI({ issuer: TOTP_ISSUER, label: u.email, secret });
  const svg = await QRCode.toString(otpauthUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { otpauthUrl, secret, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

const wrongCode = (field = "code") =>
  new AppError("VALIDATION", "That code is not right", { fieldErrors: { [field]: ["That code is not right, or it was used already. Try the next one."] } });

async function takeAttempt(limiter: CodeAttemptLimiter, userId: string): Promise<void> {
  const d = await limiter.take(userId);
  if (!d.allowed) {
    throw new AppError("RATE_LIMITED", `Too many code attempts. Try again in ${Math.ceil(d.retryAfterSeconds / 60)} minute(s).`, {
      details: { retryAfterSeconds: d.retryAfterSeconds },
    });
  }
}

/** Accepts a TOTP code for a time step after the last accepted one, recording it (one winner). */
async function acceptTotp(tx: Tx, userId: string, storedSecret: string | null, lastStep: number | null, code: string, now: number): Promise<boolean> {
  const secret = storedSecret ? decryptTotpSecret(storedSecret, userId) : null;
  if (!secret) return false;
  // TOTP's result (the default strategy): it names the time step the code belongs to.
  const r = (await verify({ secret, token: code, epoch: Math.floor(now / 1000), epochTolerance: EPOCH_TOLERANCE_SECONDS, afterTimeStep: lastStep ?? undefined })) as VerifyResult;
  if (!r.valid) return false;
  const won = await tx.user.updateMany({
    where: { id: userId, totpSecret: storedSecret, OR: [{ totpLastStep: null }, { totpLastStep: { lt: r.timeStep } }] },
    data: { totpLastStep: r.timeStep },
  });
  return won.count === 1;
}

async function acceptRecoveryCode(tx: Tx, userId: string, input: string): Promise<boolean> {
  const code = normalizeRecoveryCode(input);
  if (!code) return false;
  const used = await tx.twoFactorRecoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(userId, code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}

export type SecondFactor = "totp" | "recovery-code";

/**
 * The second step for an account with two-factor on: a current TOTP code or an unused recovery
 * code. Takes an attempt from the account's limit first (RATE_LIMITED when none is left), and a
 * right code resets the count. Answers which kind was accepted, or null for a wrong one.
 */
export async function checkSecondFactor(
  tx: Tx,
  userId: string,
  input: string,
  opts: { limiter?: CodeAttemptLimiter; now?: number; allowRecoveryCode?: boolean } = {},
): Promise<SecondFactor | null> {
  const limiter = opts.limiter ?? getCodeAttemptLimiter();
  await takeAttempt(limiter, userId);
  const u = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabled: true, totpSecret: true, totpLastStep: true } });
  if (!u?.totpEnabled) return null;
  const totp = asTotpCode(input);
  let accepted: SecondFactor | null = null;
  if (totp) accepted = (await acceptTotp(tx, userId, u.totpSecret, u.totpLastStep, totp, opts.now ?? Date.now())) ? "totp" : null;
  else if (opts.allowRecoveryCode !== false) accepted = (await acceptRecoveryCode(tx, userId, input)) ? "recovery-code" : null;
  if (accepted) await limiter.reset(userId);
  return accepted;
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  await tx.twoFactorRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(userId, normalizeRecoveryCode(c)!) })) });
  return codes;
}

/** Step 2: a code from the app proves it holds the secret; two-factor is on from now. Answers the
 * recovery codes (shown this once) and the ticket that makes the confirming session verified. */
export async function confirmEnrolment(tx: Tx, userId: string, code: string, opts: { limiter?: CodeAttemptLimiter; now?: number } = {}) {
  const limiter = opts.limiter ?? getCodeAttemptLimiter();
  await takeAttempt(limiter, userId);
  const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabled: true, totpSecret: true } });
  if (u.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is already on");
  if (!u.totpSecret) throw new AppError("VALIDATION", "Start the set-up first", { fieldErrors: { code: ["Start the set-up first"] } });
  const totp = asTotpCode(code);
  if (!totp || !(await acceptTotp(tx, userId, u.totpSecret, null, totp, opts.now ?? Date.now()))) throw wrongCode();
  const enabledAt = new Date(opts.now ?? Date.now());
  const on = await tx.user.updateMany({ where: { id: userId, totpEnabled: false, totpSecret: u.totpSecret }, data: { totpEnabled: true, totpEnabledAt: enabledAt } });
  if (on.count !== 1) throw new AppError("CONFLICT", "The set-up changed meanwhile; start again");
  await limiter.reset(userId);
  const recoveryCodes = await replaceRecoveryCodes(tx, userId);
  await recordAudit(tx, { actorId: userId, action: "user.2fa.enable", entityType: "User", entityId: userId, after: { totpEnabled: true } });
  return { recoveryCodes, ticket: signEnrolmentTicket(userId, enabledAt) };
}

/** Turns two-factor off with a fresh code (TOTP or recovery code): the secret and the recovery
 * codes are deleted. Staff who must have it are sent to enrol again at their next seller/admin step. */
export async function disableTwoFactor(tx: Tx, userId: string, code: string, opts: { limiter?: CodeAttemptLimiter; now?: number } = {}) {
  const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabled: true } });
  if (!u.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is not on");
  if (!(await checkSecondFactor(tx, userId, code, opts))) throw wrongCode();
  await tx.user.update({ where: { id: userId }, data: { totpEnabled: false, totpSecret: null, totpLastStep: null, totpEnabledAt: null } });
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  await recordAudit(tx, { actorId: userId, action: "user.2fa.disable", entityType: "User", entityId: userId, before: { totpEnabled: true }, after: { totpEnabled: false } });
  return { enabled: false };
}

/** Ten new recovery codes for a fresh TOTP code; the old ones stop working. */
export async function regenerateRecoveryCodes(tx: Tx, userId: string, code: string, opts: { limiter?: CodeAttemptLimiter; now?: number } = {}) {
  const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabled: true } });
  if (!u.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is not on");
  if (!(await checkSecondFactor(tx, userId, code, { ...opts, allowRecoveryCode: false }))) throw wrongCode();
  const recoveryCodes = await replaceRecoveryCodes(tx, userId);
  await recordAudit(tx, { actorId: userId, action: "user.2fa.recovery-codes", entityType: "User", entityId: userId });
  return { recoveryCodes };
}
