// Customer self-registration. A taken email gets a field error and writes nothing: registration
// does say which emails have accounts (docs/decisions.md 46 says why), and an address that gets
// that answer too often is refused every registration for the rest of the hour.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { AppError, fromPrismaError } from "@/server/errors";
import { hashPassword } from "@/server/auth/password";
import { enforce, getAccountLimits, type AccountLimits } from "@/server/auth/account-limits";
import { ZRegisterInput, type TRegisterInput } from "@/shared/auth-schemas";

export const DUPLICATE_EMAIL = "An account with this email already exists";
const RATE_LIMITED = "Too many attempts to register taken emails from your network.";

export async function registerUser(
  db: DbClient,
  rawInput: TRegisterInput,
  opts: { clientAddress?: string; limits?: AccountLimits } = {},
) {
  const input = ZRegisterInput.parse(rawInput);
  const limits = opts.limits ?? getAccountLimits();
  const address = opts.clientAddress ?? "unknown";
  // Checked before the lookup: a blocked address learns nothing about the email it sent.
  enforce(await limits.blocked("registerTakenPerAddress", address), RATE_LIMITED);
  const taken = async (cause?: unknown) => {
    await limits.consume("registerTakenPerAddress", address);
    return new AppError("CONFLICT", DUPLICATE_EMAIL, { fieldErrors: { email: [DUPLICATE_EMAIL] }, details: { taken: true }, cause });
  };
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw await taken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "CUSTOMER" },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (err) {
    // Two registrations racing for one email: the unique index decides, same message.
    const mapped = fromPrismaError(err);
    if (mapped?.code === "CONFLICT") throw await taken(err);
    throw err;
  }
}
