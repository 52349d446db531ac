import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { requireAdmin, requireSellerStore } from "@/server/api/guards";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { SECURITY_PAGE } from "@/shared/two-factor";
import { getSession } from "./session";

/** For layouts and pages of role-only areas, through the same guard chain as procedures and
 * route handlers (server/api/guards.ts): signed-out visitors go to sign in; anyone the chain
 * refuses (another role, a seller demoted or disabled since signing in) sees 404; staff who must
 * set up two-factor (or pass it in this session) first go to the security page, and come back. */
export async function requireRole(role: "SELLER" | "ADMIN", callbackUrl: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  try {
    if (role === "ADMIN") await requireAdmin(await getDb(), session.user);
    else await requireSellerStore(await getDb(), session.user);
  } catch (err) {
    if (err instanceof AppError && err.code === "TWO_FACTOR_REQUIRED") redirect(`${SECURITY_PAGE}?next=${encodeURIComponent(callbackUrl)}`);
    if (err instanceof AppError && err.code === "FORBIDDEN") notFound();
    throw err;
  }
  return session;
}
