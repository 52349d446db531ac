// Who must have two-factor: staff (sellers and admins) while REQUIRE_2FA_FOR_STAFF is on, except
// the demo accounts of the seed (twoFactorExempt). Kept apart from the service so the guard chain
// does not load the TOTP and QR code libraries.
import "server-only";
import { env } from "@/server/env";

export function twoFactorRequiredFor(u: { role: "CUSTOMER" | "SELLER" | "ADMIN"; twoFactorExempt: boolean }): boolean {
  return env.REQUIRE_2FA_FOR_STAFF && (u.role === "SELLER" || u.role === "ADMIN") && !u.twoFactorExempt;
}
