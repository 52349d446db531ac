// The one guard chain. tRPC procedures (server/api/trpc.ts) and route handlers
// (server/api/route.ts) both call these: who is signed in, which role, and for sellers the store
// every query is scoped to. Each refusal is an AppError, mapped to a status in one table
// (server/errors.ts).
import "server-only";
import type { Session } from "next-auth";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";

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
  return found;
}

/** The store a user may act for as its seller, or why not. */
export async function sellerStoreOf(db: DbClient, user: SessionUser): Promise<StoreScope | "refused" | "no-store"> {
  if (user.role !== "SELLER") return "refused";
  const row = await db.store.findUnique({
    where: { ownerId: user.id },
    select: { id: true, name: true, slug: true, owner: { select: { role: true, disabledAt: true } } },
  });
  if (row && (row.owner.role !== "SELLER" || row.owner.disabledAt)) return "refused";
  if (!row) return "no-store";
  return { id: row.id, name: row.name, slug: row.slug };
}

/** A current, enabled admin: read from the database on every call (one primary-key read), not
 * taken from the session, so a demotion or a disabling applies to the very next call. */
export async function requireAdmin(db: DbClient, user: SessionUser): Promise<void> {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "Admin access only");
  const row = await db.user.findUnique({ where: { id: user.id }, select: { role: true, disabledAt: true } });
  if (!row || row.role !== "ADMIN" || row.disabledAt) throw new AppError("FORBIDDEN", "Admin access only");
}
