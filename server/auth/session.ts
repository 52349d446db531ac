import "server-only";
import { getServerSession, type Session } from "next-auth";
import { getAuthOptions } from "./options";

/** The signed-in user's session in a server component, route handler or tRPC context. */
export async function getSession(): Promise<Session | null> {
  const session = await getServerSession(getAuthOptions());
  return session?.user ? session : null;
}
