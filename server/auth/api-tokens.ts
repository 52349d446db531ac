// Customer tokens of the REST API. `POST /api/v1/auth/token` signs in exactly as the sign-in page
// does (signInWithPassword: password, the TOTP code when two-factor is on, the same throttling)
// and opens a server-side session (sessions.ts) like a browser's. The access token is signed
// claims naming that session (15 minutes); every request checks the session row and its user
// (checkSession), so revoking the session, a password change or disabling the user stops the
// token at once. The refresh token (30 days) is random, stored as SHA-256, used once: refreshing
// gives a new pair; presenting a used one again revokes the session (a stolen copy was used).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { DbClient, Tx } from "@/server/db/transaction";
import { inTransaction } from "@/server/db/transaction";
import { getAuthSecret } from "@/server/env";
import { AppError } from "@/server/errors";
import { readClaims, signClaims } from "@/server/security/signed-claims";
import { checkSession, createSession, revokeSession, type LiveSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { ACCOUNT_DISABLED_MESSAGE } from "@/shared/two-factor";
import type { Limits } from "@/server/limits";
import { rateLimited } from "@/server/limits";

export const ACCESS_TOKEN_PREFIX = "lm_at_";
export const REFRESH_TOKEN_PREFIX = "lm_rt_";
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
const PURPOSE = "api-access-token";

export interface TokenPair {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function issuePair(tx: DbClient, sessionId: string, userId: string, now = Date.now()): Promise<TokenPair> {
  const claims = { sid: sessionId, uid: userId, exp: now + ACCESS_TOKEN_TTL_SECONDS * 1000 };
  const refreshToken = `${REFRESH_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await tx.apiRefreshToken.create({
    data: { sessionId, tokenHash: sha256(refreshToken), expiresAt: new Date(now + REFRESH_TOKEN_TTL_SECONDS * 1000) },
    select: { id: true },
  });
  return {
    accessToken: `${ACCESS_TOKEN_PREFIX}${signClaims(getAuthSecret(), PURPOSE, claims)}`,
    tokenType: "Bearer",
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS,
  };
}

/** Email + password (+ code): a new session and its token pair, or UNAUTHENTICATED / RATE_LIMITED.
 * A wrong password and an unknown email read the same; "code required" only follows a right
 * password (as on the sign-in page). */
export async function issueTokens(
  db: Db,
  input: unknown,
  ctx: { clientAddress: string; userAgent: string | null; limits: Limits },
): Promise<TokenPair> {
  const result = await signInWithPassword(db, input, ctx.clientAddress, ctx.limits);
  if (!result.ok) {
    switch (result.reason) {
      case "rate-limited":
      case "code-rate-limited":
        throw rateLimited(result.retryAfterSeconds, "sign-in attempts");
      case "code-required":
        throw new AppError("UNAUTHENTICATED", "This account has two-factor authentication: send the code too", { details: { codeRequired: true } });
      case "code-invalid":
        throw new AppError("UNAUTHENTICATED", "That code is not right", { details: { codeRequired: true } });
      case "disabled":
        throw new AppError("UNAUTHENTICATED", ACCOUNT_DISABLED_MESSAGE);
      default:
        throw new AppError("UNAUTHENTICATED", "Wrong email or password");
    }
  }
  return inTransaction(db, async (tx) => {
    const { id } = await createSession(tx, { userId: result.user.id, userAgent: ctx.userAgent ?? "API client", address: ctx.clientAddress });
    return issuePair(tx, id, result.user.id);
  });
}

/** The live session an access token names, or UNAUTHENTICATED. */
export async function verifyAccessToken(db: DbClient, token: string, now = Date.now()): Promise<LiveSession> {
  const claims = token.startsWith(ACCESS_TOKEN_PREFIX) ? readClaims(getAuthSecret(), PURPOSE, token.slice(ACCESS_TOKEN_PREFIX.length)) : null;
  if (!claims || typeof claims.sid !== "string" || typeof claims.uid !== "string" || typeof claims.exp !== "number") {
    throw new AppError("UNAUTHENTICATED", "This is not a valid access token");
  }
  if (claims.exp <= now) throw new AppError("UNAUTHENTICATED", "This access token has expired: refresh it");
  const live = await checkSession(db, claims.sid, claims.uid);
  if (!live) throw new AppError("UNAUTHENTICATED", "This token's session has ended: sign in again");
  return live;
}

/** A new pair for a refresh token, used once. A used token presented again revokes its session. */
export async function refreshTokens(tx: Tx, refreshToken: string, now = new Date()): Promise<TokenPair | "reused"> {
  const row = await tx.apiRefreshToken.findUnique({
    where: { tokenHash: sha256(refreshToken) },
    select: { id: true, sessionId: true, usedAt: true, expiresAt: true, session: { select: { userId: true } } },
  });
  if (!row || row.expiresAt <= now) throw new AppError("UNAUTHENTICATED", "This refresh token is not valid");
  if (row.usedAt) {
    await revokeSession(tx, row.sessionId);
    return "reused";
  }
  const { count } = await tx.apiRefreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (count === 0) {
    await revokeSession(tx, row.sessionId);
    return "reused";
  }
  if (!(await checkSession(tx, row.sessionId, row.session.userId))) throw new AppError("UNAUTHENTICATED", "This token's session has ended: sign in again");
  return issuePair(tx, row.sessionId, row.session.userId, now.getTime());
}

/** Ends the session a refresh token (or access token's session id) belongs to. Unknown tokens are
 * accepted silently (RFC 7009): revocation tells nothing about a token. */
export async function revokeTokens(tx: Tx, input: { refreshToken?: string; sessionId?: string }): Promise<void> {
  let sessionId = input.sessionId;
  if (input.refreshToken) {
    const row = await tx.apiRefreshToken.findUnique({ where: { tokenHash: sha256(input.refreshToken) }, select: { sessionId: true } });
    sessionId = row?.sessionId ?? sessionId;
  }
  if (sessionId) await revokeSession(tx, sessionId);
}
