// An operator creates an admin account (`npm run cli -- admin create`): the way a fresh
// installation gets its first admin, and a way back in when no admin can sign in. An email that
// already has an account is refused (promote it on /admin/users instead): the CLI never takes an
// existing account over. Audited with no actor (the operator at the server, not a user).
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/server/db/transaction";
import { AppError, fromPrismaError } from "@/server/errors";
import { hashPassword } from "@/server/auth/password";
import { recordAudit } from "@/server/services/audit/record-audit";
import { ZEmail, ZNewPassword } from "@/shared/auth-schemas";
import { zText } from "@/shared/text";

export const ZCreateAdminInput = z.object({
  email: ZEmail,
  name: zText().trim().min(1, "Enter a name").max(100, "Keep the name under 100 characters"),
  password: ZNewPassword,
});
export type TCreateAdminInput = z.input<typeof ZCreateAdminInput>;

/** A password for an operator to hand over: 24 characters, 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export async function createAdmin(tx: Tx, raw: TCreateAdminInput, opts: { via: string }) {
  const parsed = ZCreateAdminInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "input")] ??= []).push(issue.message);
    throw new AppError("VALIDATION", "Check the admin's details", { fieldErrors });
  }
  const input = parsed.data;
  const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw new AppError("CONFLICT", `An account with the email ${input.email} already exists (change its role on /admin/users instead)`);
  try {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password), role: "ADMIN" },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordAudit(tx, { actorId: null, action: "user.create", entityType: "User", entityId: user.id, after: { email: user.email, role: user.role, via: opts.via } });
    return user;
  } catch (err) {
    const mapped = fromPrismaError(err);
    if (mapped?.code === "CONFLICT") throw new AppError("CONFLICT", `An account with the email ${input.email} already exists`, { cause: err });
    throw err;
  }
}
