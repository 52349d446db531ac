// The caller's profile on /account: name, email (and whether it is verified, and a change waiting
// for its link), and the default address that prefills the checkout.
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { ZProfileInput, type TProfileInput } from "@/shared/account";
import { pendingEmailChange } from "./email-verification";

export async function getProfile(db: DbClient, userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true, emailVerifiedAt: true } });
  return { name: user.name, email: user.email, emailVerified: user.emailVerifiedAt !== null, pendingEmail: await pendingEmailChange(db, userId) };
}

export async function updateProfile(tx: Tx, userId: string, raw: TProfileInput) {
  const input = ZProfileInput.parse(raw);
  await tx.user.update({ where: { id: userId }, data: { name: input.name } });
  return { name: input.name };
}
