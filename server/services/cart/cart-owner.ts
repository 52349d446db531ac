// Who a cart belongs to: a signed-in user, or a guest identified by an httpOnly cookie token.
// A signed-in request that still carries a guest token has that cart merged into the user's
// first (mergeGuestCart, run by the cart procedures before anything else).
import "server-only";
import { randomBytes } from "node:crypto";
import type { DbClient, Tx } from "@/server/db/transaction";

export interface CartOwner {
  userId: string | null;
  token: string | null;
  /** Set or clear the guest cookie (no-op where the response cannot carry cookies). */
  setToken(token: string | null): void;
}

export const ZCART_TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

export function newCartToken(): string {
  return randomBytes(24).toString("base64url");
}

/** The owner's cart id, if there is a cart. */
export async function findCartId(db: DbClient, owner: CartOwner): Promise<string | null> {
  if (owner.userId) {
    const cart = await db.cart.findUnique({ where: { userId: owner.userId }, select: { id: true } });
    return cart?.id ?? null;
  }
  if (!owner.token) return null;
  const cart = await db.cart.findUnique({ where: { token: owner.token }, select: { id: true } });
  return cart?.id ?? null;
}

/** The owner's cart, created on first use (and the guest cookie set). */
export async function ensureCartId(db: Tx, owner: CartOwner): Promise<string> {
  const found = await findCartId(db, owner);
  if (found) return found;
  if (owner.userId) {
    const cart = await db.cart.upsert({ where: { userId: owner.userId }, create: { userId: owner.userId }, update: {}, select: { id: true } });
    return cart.id;
  }
  const token = newCartToken();
  const cart = await db.cart.create({ data: { token }, select: { id: true } });
  owner.setToken(token);
  return cart.id;
}
