import "next-auth";
import "next-auth/jwt";

type Role = "CUSTOMER" | "SELLER" | "ADMIN";
type Mfa = "not-enrolled" | "required" | "verified";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; name: string; email: string; mfa: Mfa };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    mfa?: Mfa;
    checkedAt?: number;
  }
}
