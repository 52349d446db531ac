import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { getSession } from "./session";

/** For layouts of role-only areas: signed-out visitors go to sign in, other roles see 404. */
export async function requireRole(role: Session["user"]["role"], callbackUrl: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (session.user.role !== role) notFound();
  return session;
}
