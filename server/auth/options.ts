// next-auth 4: credentials provider, JWT sessions carrying the role. The token also carries
// `mfa` so seller/admin pages can require a second factor later without a session redesign.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db";
import { getAuthSecret } from "@/server/env";
import { requestAddress } from "@/server/limits";
import { signInWithPassword } from "./sign-in";

export const RATE_LIMIT_ERROR_PREFIX = "RATE_LIMITED:";
const ROLE_REFRESH_MS = 60_000;

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const db = await getDb();
          const result = await signInWithPassword(db, credentials, requestAddress(req.headers));
          if (result.ok) return result.user;
          if (result.reason === "rate-limited") {
            // next-auth passes a thrown message to the client as `error`.
            throw new Error(`${RATE_LIMIT_ERROR_PREFIX}${result.retryAfterSeconds}`);
          }
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: "CUSTOMER" | "SELLER" | "ADMIN"; totpEnabled: boolean };
          token.uid = u.id;
          token.role = u.role;
          token.mfa = u.totpEnabled ? "required" : "not-enrolled";
          token.checkedAt = Date.now();
          return token;
        }
        // Re-read role and disabled state now and then, so a role change or a disabled
        // account takes effect within a minute rather than when the token expires.
        if (token.uid && (!token.checkedAt || Date.now() - token.checkedAt > ROLE_REFRESH_MS)) {
          const db = await getDb();
          const fresh = await db.user.findUnique({
            where: { id: token.uid },
            select: { role: true, disabledAt: true, name: true },
          });
          if (!fresh || fresh.disabledAt) return { ...token, uid: undefined, role: undefined };
          token.role = fresh.role;
          token.name = fresh.name;
          token.checkedAt = Date.now();
        }
        return token;
      },
      async session({ session, token }) {
        if (token.uid && token.role) {
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
