// Admin: find users, change their role, disable or enable them. Every change writes an audit
// entry in the same transaction; an admin cannot demote or disable themselves (the platform
// must not be left without the admin who is acting). A disabled user cannot sign in
// (server/auth/sign-in.ts). Disabling a user and changing their role revoke all their sessions
// in the same transaction (server/auth/sessions.ts): their browsers are signed out at their next
// request and their live sockets dropped; a demoted user signs in again with the new role. A
// customer made seller or admin stays signed in and has the new role at their next request.
import "server-only";
import { createDefaultShipping } from "@/server/services/shipping/manage";
import { NEWEST_FIRST, pageOf, pageWindow, ZPage } from "@/server/services/paging";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { revokeUserSessions } from "@/server/auth/sessions";
import { recordAudit } from "@/server/services/audit/record-audit";
import { slugify } from "@/shared/slug";

export const ADMIN_PAGE_SIZE = 20;
export const ROLES = ["CUSTOMER", "SELLER", "ADMIN"] as const;


export const ZListUsersInput = z.object({
  q: zText().trim().max(200).default(""),
  role: z.enum(ROLES).nullish(),
  page: ZPage,
});

export const ZSetRoleInput = z.object({ userId: zText().min(1).max(64), role: z.enum(ROLES) });
export const ZSetDisabledInput = z.object({ userId: zText().min(1).max(64), disabled: z.boolean() });

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  createdAt: true,
  totpEnabled: true,
  twoFactorExempt: true,
  store: { select: { name: true, slug: true } },
} satisfies Prisma.UserSelect;

export async function listUsers(db: DbClient, raw: z.input<typeof ZListUsersInput>) {
  const input = ZListUsersInput.parse(raw);
  const where: Prisma.UserWhereInput = {
    ...(input.q
      ? { OR: [{ email: { contains: input.q, mode: "insensitive" } }, { name: { contains: input.q, mode: "insensitive" } }] }
      : {}),
    ...(input.role ? { role: input.role } : {}),
  };
  const [items, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: NEWEST_FIRST,
      ...pageWindow(input.page, ADMIN_PAGE_SIZE),
      select: userSelect,
    }),
    db.user.count({ where }),
  ]);
  return pageOf(items, total, input.page, ADMIN_PAGE_SIZE);
}

/** From customer to staff: the user gains pages and loses none. */
export function isPromotion(from: string, to: string): boolean {
  return from === "CUSTOMER" && to !== "CUSTOMER";
}

export async function setUserRole(tx: Tx, actorId: string, raw: z.input<typeof ZSetRoleInput>) {
  const input = ZSetRoleInput.parse(raw);
  if (input.userId === actorId) throw new AppError("FORBIDDEN", "You cannot change your own role; ask another admin");
  const [user] = await tx.$queryRaw<{ id: string; role: string; name: string }[]>`
    SELECT id, role::text AS role, name FROM "User" WHERE id = ${input.userId} FOR UPDATE`;
  if (!user) throw new AppError("NOT_FOUND", "User not found");
  if (user.role === input.role) return tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: userSelect });
  await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
  // Taking access away ends every session at once. A customer given a staff role keeps their
  // sessions: every request reads the role from the database (server/auth/options.ts,
  // refreshToken), so /seller or /admin opens for them on their next request (after setting up
  // two-factor, which staff need), without signing in again.
  if (!isPromotion(user.role, input.role)) await revokeUserSessions(tx, user.id);
  await recordAudit(tx, { actorId, action: "user.role", entityType: "User", entityId: user.id, before: { role: user.role }, after: { role: input.role } });
  // A new seller gets an (empty) store at once, so the seller pages work for them; a store a
  // former seller already has is kept, with its products and orders, and is theirs again.
  if (input.role === "SELLER" && !(await tx.store.findUnique({ where: { ownerId: user.id }, select: { id: true } }))) {
    const base = slugify(user.name, 40) || "store";
    const store = await tx.store.create({
      data: { ownerId: user.id, name: `${user.name}'s store`, slug: `${base}-${randomBytes(3).toString("hex")}` },
      select: { id: true, name: true, slug: true },
    });
    await recordAudit(tx, { actorId, action: "store.create", entityType: "Store", entityId: store.id, after: { ownerId: user.id, name: store.name, slug: store.slug } });
    // It ships everywhere at the platform's starting prices until the seller says otherwise (decision 194).
    await createDefaultShipping(tx, store.id);
  }
  return tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: userSelect });
}

export async function setUserDisabled(tx: Tx, actorId: string, raw: z.input<typeof ZSetDisabledInput>) {
  const input = ZSetDisabledInput.parse(raw);
  if (input.userId === actorId) throw new AppError("FORBIDDEN", "You cannot disable your own account");
  const [user] = await tx.$queryRaw<{ id: string; disabledAt: Date | null }[]>`
    SELECT id, "disabledAt" FROM "User" WHERE id = ${input.userId} FOR UPDATE`;
  if (!user) throw new AppError("NOT_FOUND", "User not found");
  if (Boolean(user.disabledAt) === input.disabled) return tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: userSelect });
  const disabledAt = input.disabled ? new Date() : null;
  const updated = await tx.user.update({ where: { id: input.userId }, data: { disabledAt }, select: userSelect });
  if (input.disabled) await revokeUserSessions(tx, user.id);
  await recordAudit(tx, {
    actorId,
    action: input.disabled ? "user.disable" : "user.enable",
    entityType: "User",
    entityId: user.id,
    before: { disabledAt: user.disabledAt ? new Date(user.disabledAt).toISOString() : null },
    after: { disabledAt: disabledAt?.toISOString() ?? null },
  });
  return updated;
}
