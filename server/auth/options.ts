// next-auth 4: credentials provider, JWT sessions carrying the role and `mfa`, what this session
// proved of two-factor: "verified" (signed in with a code, or confirmed enrolment in it),
// "not-enrolled" (the account had no 2FA when it signed in), "required" (the account has 2FA
// now and this session never passed it: no session at all). Staff guards read it
// (server/api/guards.ts); docs/security.md, "Two-factor authentication".
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db";
import { getAuthSecret } from "@/server/env";
import { TWO_FACTOR_SIGN_IN_ERRORS } from "@/shared/two-factor";
import { signInWithPassword, type SignedInUser } from "./sign-in";
import { readEnrolmentTicket } from "./two-factor/crypto";

export const RATE_LIMIT_ERROR_PREFIX = "RATE_LIMITED:";
const ROLE_REFRESH_MS = 60_000;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const fwd = headers?.["x-forwarded-for"];
  const first = typeof fwd === "string" ? fwd.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
          const result = await signInWithPassword(db, credentials, clientAddress(req.headers));
          if (result.ok) return result.user;
          if (result.reason === "rate-limited") {
            // next-auth passes a thrown message to the client as `error`.
            throw new Error(`${RATE_LIMIT_ERROR_PREFIX}${result.retryAfterSeconds}`);
          }
          if (result.reason === "code-required") throw new Error(TWO_FACTOR_SIGN_IN_ERRORS.required);
          if (result.reason === "code-invalid") throw new Error(TWO_FACTOR_SIGN_IN_ERRORS.invalid);
          if (result.reason === "code-rate-limited") throw new Error(`${TWO_FACTOR_SIGN_IN_ERRORS.rateLimitedPrefix}${result.retryAfterSeconds}`);
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        if (user) {
          const u = user as unknown as SignedInUser;
          token.uid = u.id;
          token.role = u.role;
          token.mfa = u.mfa;
          token.checkedAt = Date.now();
          return token;
        }
        const update = trigger === "update";
        if (update && token.uid && token.mfa !== "verified") {
          // The session that confirmed enrolment has just proved a code: its ticket (signed,
          // five minutes, for this user and this enrolment) makes it verified.
          const ticket = readEnrolmentTicket((session as { twoFactorTicket?: unknown } | undefined)?.twoFactorTicket);
          if (ticket && ticket.uid === token.uid) {
            const db = await getDb();
            const u = await db.user.findUnique({ where: { id: token.uid }, select: { totpEnabled: true, totpEnabledAt: true } });
            if (u?.totpEnabled && u.totpEnabledAt?.getTime() === ticket.at) token.mfa = "verified";
          }
        }
        // Re-read role, disabled state and two-factor now and then (and on every update the
        // client asks for), so a role change, a disabled account or 2FA turned on elsewhere takes
        // effect within a minute rather than when the token expires.
        if (token.uid && (update || !token.checkedAt || Date.now() - token.checkedAt > ROLE_REFRESH_MS)) {
          const db = await getDb();
          const fresh = await db.user.findUnique({
            where: { id: token.uid },
            select: { role: true, disabledAt: true, name: true, totpEnabled: true },
          });
          if (!fresh || fresh.disabledAt) return { ...token, uid: undefined, role: undefined };
          token.role = fresh.role;
          token.name = fresh.name;
          if (fresh.totpEnabled && token.mfa !== "verified") token.mfa = "required";
          if (!fresh.totpEnabled) token.mfa = "not-enrolled";
          token.checkedAt = Date.now();
        }
        return token;
      },
      async session({ session, token }) {
        // A session that never passed the second step of an account with 2FA on is none.
        if (token.uid && token.role && token.mfa !== "required") {
          session.user = {
            id: token.uid,
            role: token.role,
            name: token.name ?? "",
            email: token.email ?? "",
            mfa: token.mfa ?? "not-enrolled",
          };
        } else {
          // A token without a user (disabled or deleted account) is no session at all.
          (session as { user?: unknown }).user = undefined;
        }
        return session;
      },
    },
  };
}
