// Credential checks with throttling, independent of next-auth so tests can call it directly.
// Throttling (server/limits): failed attempts count against the client address (a hard limit
// per address, whatever the accounts) and against the (account, address) pair, which past a
// few free failures must wait 1 s, 2 s, 4 s… before its next try. Nothing is kept per account
// alone, so nobody can lock an owner out by failing on their account from elsewhere.
import "server-only";
import type { Db } from "@/server/db/client";
import { getLimits, type Limits } from "@/server/limits";
import { getDummyHash, verifyPassword } from "./password";
import { ZSignInInput } from "@/shared/auth-schemas";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: "CUSTOMER" | "SELLER" | "ADMIN";
  totpEnabled: boolean;
}

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export async function signInWithPassword(
  db: Db,
  input: unknown,
  clientAddress: string,
  limits: Limits = getLimits(),
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const decision = await limits.signIn.check(email, clientAddress);
  if (!decision.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true, totpEnabled: true },
  });
  // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !valid || user.disabledAt) {
    await limits.signIn.failed(email, clientAddress);
    return { ok: false, reason: "invalid" };
  }
  await limits.signIn.succeeded(email, clientAddress);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, totpEnabled: user.totpEnabled },
  };
}
