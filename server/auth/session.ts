import "server-only";
import { getServerSession, type Session } from "next-auth";
import { cache } from "react";
import { getAuthOptions } from "./options";

/** The signed-in user's session in a server component, route handler or tRPC context;
 * read once per request however many components ask. */
export const getSession = cache(async (): Promise<Session | null> => {
  const session = await getServerSession(getAuthOptions());
  return session?.user ? session : null;
});
