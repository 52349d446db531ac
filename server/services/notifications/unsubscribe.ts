// The low-stock digest's unsubscribe link (decision 169): the user's id signed with the app
// secret for this one purpose (server/security/signed-claims.ts), so it works without signing in,
// cannot be made for another user nor altered, and never expires (a digest is read days later).
// Following it shows a page with one button; the button, or a mail client's one-click POST
// (RFC 8058, List-Unsubscribe-Post), turns User.lowStockDigest off. Seller settings turn it back on.
import "server-only";
import { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { getAppUrl, getAuthSecret } from "@/server/env";
import { AppError } from "@/server/errors";
import { readClaims, signClaims } from "@/server/security/signed-claims";
import { zId } from "@/shared/text";

const PURPOSE = "mail-unsubscribe v1";
const ZClaims = z.object({ u: zId(), l: z.literal("low-stock-digest") });

export const UNSUBSCRIBE_PATH = "/unsubscribe/";
export const UNSUBSCRIBE_POST_PATH = "/api/mail/unsubscribe";

export function signUnsubscribe(userId: string, secret: string = getAuthSecret()): string {
  return signClaims(secret, PURPOSE, { u: userId, l: "low-stock-digest" });
}

/** The user a token was signed for, or null (altered, another purpose or secret). */
export function userIdFromUnsubscribe(token: unknown, secret: string = getAuthSecret()): string | null {
  const parsed = ZClaims.safeParse(readClaims(secret, PURPOSE, token));
  // Only the exact text issued (base64url's last character has bits a decoder ignores).
  return parsed.success && signUnsubscribe(parsed.data.u, secret) === token ? parsed.data.u : null;
}

/** The page the digest links to. */
export function unsubscribeUrl(userId: string, appUrl: string = getAppUrl()): string {
  return new URL(`${UNSUBSCRIBE_PATH}${signUnsubscribe(userId)}`, appUrl).toString();
}

/** The one-click POST target of the List-Unsubscribe header. */
export function unsubscribePostUrl(userId: string, appUrl: string = getAppUrl()): string {
  const u = new URL(UNSUBSCRIBE_POST_PATH, appUrl);
  u.searchParams.set("token", signUnsubscribe(userId));
  return u.toString();
}

/** Who a valid token is for (the confirm page shows the address); NOT_FOUND for a bad token. */
export async function unsubscribeTarget(db: DbClient, token: string): Promise<{ email: string; subscribed: boolean }> {
  const userId = userIdFromUnsubscribe(token);
  const user = userId ? await db.user.findUnique({ where: { id: userId }, select: { email: true, lowStockDigest: true } }) : null;
  if (!user) throw new AppError("NOT_FOUND", "This unsubscribe link is not valid");
  return { email: user.email, subscribed: user.lowStockDigest };
}

/** Turns the digest off for the token's user (idempotent); NOT_FOUND for a bad token. */
export async function unsubscribeDigest(db: DbClient, token: string): Promise<{ email: string }> {
  const userId = userIdFromUnsubscribe(token);
  if (!userId) throw new AppError("NOT_FOUND", "This unsubscribe link is not valid");
  const n = await db.user.updateMany({ where: { id: userId }, data: { lowStockDigest: false } });
  if (n.count === 0) throw new AppError("NOT_FOUND", "This unsubscribe link is not valid");
  const u = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return { email: u.email };
}

/** Seller settings: the digest preference of a signed-in user. */
export async function mailPreferences(db: DbClient, userId: string): Promise<{ lowStockDigest: boolean }> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { lowStockDigest: true } });
  if (!u) throw new AppError("NOT_FOUND", "User not found");
  return u;
}

export const ZMailPreferences = z.object({ lowStockDigest: z.boolean() });

export async function setMailPreferences(db: DbClient, userId: string, input: z.infer<typeof ZMailPreferences>): Promise<{ lowStockDigest: boolean }> {
  const { lowStockDigest } = ZMailPreferences.parse(input);
  await db.user.update({ where: { id: userId }, data: { lowStockDigest } });
  return { lowStockDigest };
}
