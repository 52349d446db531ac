// Customer self-registration. Duplicate emails get a field error and write nothing.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { AppError, fromPrismaError } from "@/server/errors";
import { hashPassword } from "@/server/auth/password";
import { ZRegisterInput, type TRegisterInput } from "@/shared/auth-schemas";

const DUPLICATE = "An account with this email already exists";

export async function registerUser(db: DbClient, rawInput: TRegisterInput) {
  const input = ZRegisterInput.parse(rawInput);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", DUPLICATE, { fieldErrors: { email: [DUPLICATE] } });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "CUSTOMER" },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (err) {
    // Two registrations racing for one email: the unique index decides, same message.
    const mapped = fromPrismaError(err);
    if (mapped?.code === "CONFLICT") throw new AppError("CONFLICT", DUPLICATE, { fieldErrors: { email: [DUPLICATE] }, cause: err });
    throw err;
  }
}
