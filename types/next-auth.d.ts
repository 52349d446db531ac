import "next-auth";
import "next-auth/jwt";

type Role = "CUSTOMER" | "SELLER" | "ADMIN";
type Mfa = "not-enrolled" | "required" | "verified";

declare module "next-auth" {
  interface Session {
    /** `sid`: the server-side session (server/auth/sessions.ts); not a credential by itself.
     * Empty in sessions built by tests without one. */
    user: { id: string; role: Role; name: string; email: string; mfa: Mfa; sid?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    mfa?: Mfa;
    /** The server-side session this token stands for (server/auth/sessions.ts). */
    sid?: string;
    /** Set for one request when the session could not be checked (database outage). */
    unchecked?: boolean;
  }
}
