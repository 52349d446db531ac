// A customer's saved addresses (/account, decision 150). Every call is scoped to the caller: an
// address id of another account is NOT_FOUND, exactly like one that does not exist. At most one
// address is the default (a partial unique index backs this); the first saved one becomes it, and
// deleting the default makes the newest remaining address the default.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { MAX_ADDRESSES, ZAddressInput, type TAddressInput } from "@/shared/account";

export const addressSelect = {
  id: true, name: true, phone: true, zip: true, city: true, address: true, region: true, country: true, isDefault: true,
} satisfies Prisma.AddressSelect;

const notFound = () => new AppError("NOT_FOUND", "Address not found");

export async function listAddresses(db: DbClient, userId: string) {
  return db.address.findMany({ where: { userId }, select: addressSelect, orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }, { id: "desc" }] });
}

export async function defaultAddress(db: DbClient, userId: string) {
  return db.address.findFirst({ where: { userId }, select: addressSelect, orderBy: [{ isDefault: "desc" }, { createdAt: "desc" }] });
}

/** Takes the user's row lock, so concurrent address writes of one user take turns. */
async function lockUser(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
}

export async function createAddress(tx: Tx, userId: string, raw: TAddressInput) {
  const input = ZAddressInput.parse(raw);
  await lockUser(tx, userId);
  const count = await tx.address.count({ where: { userId } });
  if (count >= MAX_ADDRESSES) throw new AppError("VALIDATION", `You can save up to ${MAX_ADDRESSES} addresses. Delete one first.`);
  const makeDefault = input.isDefault || count === 0;
  if (makeDefault) await tx.address.updateMany({ where: { userId, isDefault: true }, data: { isDefault: false } });
  return tx.address.create({ data: { ...input, isDefault: makeDefault, userId }, select: addressSelect });
}

export async function updateAddress(tx: Tx, userId: string, addressId: string, raw: TAddressInput) {
  const input = ZAddressInput.parse(raw);
  await lockUser(tx, userId);
  const current = await tx.address.findFirst({ where: { id: addressId, userId }, select: { isDefault: true } });
  if (!current) throw notFound();
  // Unticking "default" on the default keeps it the default: there is always one while any exist.
  const makeDefault = input.isDefault || current.isDefault;
  if (makeDefault && !current.isDefault) await tx.address.updateMany({ where: { userId, isDefault: true }, data: { isDefault: false } });
  return tx.address.update({ where: { id: addressId }, data: { ...input, isDefault: makeDefault }, select: addressSelect });
}

export async function setDefaultAddress(tx: Tx, userId: string, addressId: string) {
  await lockUser(tx, userId);
  const current = await tx.address.findFirst({ where: { id: addressId, userId }, select: { id: true } });
  if (!current) throw notFound();
  await tx.address.updateMany({ where: { userId, isDefault: true, NOT: { id: addressId } }, data: { isDefault: false } });
  return tx.address.update({ where: { id: addressId }, data: { isDefault: true }, select: addressSelect });
}

export async function deleteAddress(tx: Tx, userId: string, addressId: string): Promise<{ deleted: true }> {
  await lockUser(tx, userId);
  const current = await tx.address.findFirst({ where: { id: addressId, userId }, select: { isDefault: true } });
  if (!current) throw notFound();
  await tx.address.delete({ where: { id: addressId } });
  if (current.isDefault) {
    const next = await tx.address.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true } });
    if (next) await tx.address.update({ where: { id: next.id }, data: { isDefault: true } });
  }
  return { deleted: true };
}
