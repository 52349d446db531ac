// next-auth 4: credentials provider, JWT sessions carrying the role. The token also carries
// `mfa` so seller/admin pages can require a second factor later without a session redesign.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/server/db";
import { getAuthSecret } from "@/server/env";
import { signInWithPassword } from "./sign-in";
import { safeCallbackUrl } from "@/shared/safe-callback";

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
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const db = await getDb();
          const result = await signInWithPassword(db, credentials, clientAddress(req.headers));
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
      // Only the app's own paths: next-auth would otherwise follow any URL on its base URL's
      // origin as written, including values with control characters (shared/safe-callback.ts).
      redirect({ url, baseUrl }) {
        return `${new URL(baseUrl).origin}${safeCallbackUrl(url, new URL(baseUrl).origin)}`;
      },
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
