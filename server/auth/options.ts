// next-auth 4: credentials provider; the session cookie is a JWT that names a server-side
// session (server/auth/sessions.ts). Every request that reads the session checks that row and
// its user in the database (one primary-key read): a revoked or missing session, or a disabled
// user, is signed out, and the role is always the current one. The token also carries `mfa`,
// what this session proved of two-factor: "verified" (signed in with a code, or confirmed
// enrolment in it), "not-enrolled" (the account had no 2FA when it signed in), "required" (the
// account has 2FA now and this session never passed it: no session at all). Staff guards read it
// (server/api/guards.ts); docs/security.md, "Two-factor authentication".
import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db";
import type { Db } from "@/server/db/client";
import type { DbClient } from "@/server/db/transaction";
import { inTransaction } from "@/server/db/transaction";
import { getAuthSecret } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { kickAppRelay } from "@/server/realtime/kick";
import { ACCOUNT_DISABLED_ERROR, TWO_FACTOR_SIGN_IN_ERRORS } from "@/shared/two-factor";
import { checkSession, createSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { signInWithPassword, type SignedInUser } from "./sign-in";
import { readEnrolmentTicket } from "./two-factor/crypto";
import { requestAddress } from "@/server/limits";
import { safeCallbackUrl } from "@/shared/safe-callback";

export const RATE_LIMIT_ERROR_PREFIX = "RATE_LIMITED:";

/** The token of a request, checked against the database: the same token with the user's current
 * role and name, or one without a user (no session) when its session is revoked or missing or
 * the user is disabled. A token from before server-side sessions (no `sid`) is no session. */
export async function refreshToken(db: DbClient, token: JWT): Promise<JWT> {
  const { unchecked: _, ...rest } = token;
  if (!rest.uid) return rest;
  let live: Awaited<ReturnType<typeof checkSession>>;
  try {
    live = rest.sid ? await checkSession(db, rest.sid, rest.uid) : null;
  } catch (err) {
    // The database cannot say (an outage): no session for this request (fail closed), but the
    // cookie keeps naming the session, so the user is signed in again once the database is back.
    logger.warn("session check failed; treating the request as signed out", { err });
    return { ...rest, unchecked: true };
  }
  if (!live) return { ...rest, uid: undefined, role: undefined, sid: undefined };
  // Two-factor turned on elsewhere makes a session that never passed it "required" (no session);
  // turned off, every session is simply "not-enrolled".
  const mfa = live.totpEnabled ? (rest.mfa === "verified" ? "verified" : "required") : "not-enrolled";
  return { ...rest, role: live.role, name: live.name, email: live.email, mfa };
}

/** Sign-out: revokes the session the signing-out cookie names. */
export async function revokeOnSignOut(db: Db, token: JWT | null): Promise<void> {
  const sid = token?.sid;
  if (sid) await inTransaction(db, (tx) => revokeSession(tx, sid));
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        async authorize(credentials, req) {
          const db = await getDb();
          const address = requestAddress(req.headers);
          const result = await signInWithPassword(db, credentials, address);
          if (result.ok) {
            const ua = req.headers?.["user-agent"];
            const session = await createSession(db, { userId: result.user.id, userAgent: typeof ua === "string" ? ua : "", address });
            return { ...result.user, sid: session.id };
          }
          if (result.reason === "rate-limited") {
            // next-auth passes a thrown message to the client as `error`.
            throw new Error(`${RATE_LIMIT_ERROR_PREFIX}${result.retryAfterSeconds}`);
          }
          if (result.reason === "disabled") throw new Error(ACCOUNT_DISABLED_ERROR);
          if (result.reason === "code-required") throw new Error(TWO_FACTOR_SIGN_IN_ERRORS.required);
          if (result.reason === "code-invalid") throw new Error(TWO_FACTOR_SIGN_IN_ERRORS.invalid);
          if (result.reason === "code-rate-limited") throw new Error(`${TWO_FACTOR_SIGN_IN_ERRORS.rateLimitedPrefix}${result.retryAfterSeconds}`);
          return null;
        },
      }),
    ],
    events: {
      // Sign-out revokes the session the cookie names, so a copy of the cookie kept elsewhere
      // stops working too (next-auth only clears the cookie in this browser).
      async signOut({ token }) {
        try {
          await revokeOnSignOut(await getDb(), token as JWT | null);
          kickAppRelay();
        } catch (err) {
          logger.error("sign-out could not revoke its session", { err });
        }
      },
    },
    callbacks: {
      // Only the app's own paths: next-auth would otherwise follow any URL on its base URL's
      // origin as written, including values with control characters (shared/safe-callback.ts).
      redirect({ url, baseUrl }) {
        return `${new URL(baseUrl).origin}${safeCallbackUrl(url, new URL(baseUrl).origin)}`;
      },
      async jwt({ token, user, trigger, session }) {
        if (user) {
          const u = user as unknown as SignedInUser & { sid: string };
          token.uid = u.id;
          token.sid = u.sid;
          token.role = u.role;
          token.mfa = u.mfa;
          return token;
        }
        const db = await getDb();
        if (trigger === "update" && token.uid && token.mfa !== "verified") {
          // The session that confirmed enrolment has just proved a code: its ticket (signed,
          // five minutes, for this user and this enrolment) makes it verified.
          const ticket = readEnrolmentTicket((session as { twoFactorTicket?: unknown } | undefined)?.twoFactorTicket);
          if (ticket && ticket.uid === token.uid) {
            const u = await db.user.findUnique({ where: { id: token.uid }, select: { totpEnabled: true, totpEnabledAt: true } });
            if (u?.totpEnabled && u.totpEnabledAt?.getTime() === ticket.at) token.mfa = "verified";
          }
        }
        return refreshToken(db, token);
      },
      async session({ session, token }) {
        // A session that never passed the second step of an account with 2FA on is none.
        if (token.uid && token.role && !token.unchecked && token.mfa !== "required") {
          session.user = {
            id: token.uid,
            role: token.role,
            sid: token.sid ?? "",
            name: token.name ?? "",
            email: token.email ?? "",
            mfa: token.mfa ?? "not-enrolled",
          };
          return session;
        }
        // A token without a live session (revoked, disabled, or not checkable now) is no session
        // at all: an empty body, which next-auth's client and getServerSession read as signed out.
        return {} as typeof session;
      },
    },
  };
}
