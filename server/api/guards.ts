// The one guard chain. tRPC procedures (server/api/trpc.ts) and route handlers
// (server/api/route.ts) both call these: who is signed in, which role, and for sellers the store
// every query is scoped to. Each refusal is an AppError, mapped to a status in one table
// (server/errors.ts).
import "server-only";
import type { Session } from "next-auth";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { twoFactorRequiredFor } from "@/server/auth/two-factor/policy";

export type SessionUser = Session["user"];

export interface StoreScope {
  id: string;
  name: string;
  slug: string;
}

export function requireUser(session: Session | null): SessionUser {
  if (!session?.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return session.user;
}

/** A current, enabled seller with a store. The store read checks the owner is still an enabled
 * seller, whatever the session says: a demotion or a disabling applies at once. */
export async function requireSellerStore(db: DbClient, user: SessionUser): Promise<StoreScope> {
  const found = await sellerStoreOf(db, user);
  if (found === "refused") throw new AppError("FORBIDDEN", "Seller access only");
  if (found === "no-store") throw new AppError("FORBIDDEN", "This seller has no store yet");
  if (found === "two-factor") throw twoFactorNeeded();
  return found;
}

/** The store a user may act for as its seller, or why not ("two-factor": the seller must set up
 * two-factor, or this session must pass it, first). */
export async function sellerStoreOf(db: DbClient, user: SessionUser): Promise<StoreScope | "refused" | "no-store" | "two-factor"> {
  if (user.role !== "SELLER") return "refused";
  const row = await db.store.findUnique({
    where: { ownerId: user.id },
    select: { id: true, name: true, slug: true, owner: { select: { role: true, disabledAt: true, totpEnabled: true, twoFactorExempt: true } } },
  });
  if (row && (row.owner.role !== "SELLER" || row.owner.disabledAt)) return "refused";
  if (!row) return "no-store";
  if (!secondFactorSatisfied(row.owner, user)) return "two-factor";
  return { id: row.id, name: row.name, slug: row.slug };
}

/** A current, enabled admin whose two-factor requirement is met: read from the database on every
 * call (one primary-key read), not taken from the session, so a demotion, a disabling, an
 * exemption or a disabled 2FA applies to the very next call. */
export async function requireAdmin(db: DbClient, user: SessionUser): Promise<void> {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "Admin access only");
  const row = await db.user.findUnique({
    where: { id: user.id },
    select: { role: true, disabledAt: true, totpEnabled: true, twoFactorExempt: true },
  });
  if (!row || row.role !== "ADMIN" || row.disabledAt) throw new AppError("FORBIDDEN", "Admin access only");
  if (!secondFactorSatisfied(row, user)) throw twoFactorNeeded();
}

/** Staff (REQUIRE_2FA_FOR_STAFF, not exempt) need two-factor on and a session that passed it:
 * signed in with a code, or the session that confirmed enrolment. */
function secondFactorSatisfied(row: { role: "CUSTOMER" | "SELLER" | "ADMIN"; totpEnabled: boolean; twoFactorExempt: boolean }, user: SessionUser): boolean {
  if (!twoFactorRequiredFor(row)) return true;
  return row.totpEnabled && user.mfa === "verified";
}

function twoFactorNeeded(): AppError {
  return new AppError("TWO_FACTOR_REQUIRED", "Set up two-factor authentication on your account's security page to continue");
}
