// Adding, changing and removing cart lines. Quantities are checked against live stock; the
// price at the time of adding is kept so the cart can say when it changed.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { ensureCartId, findCartId, type CartOwner } from "./cart-owner";
import { MAX_LINE_QUANTITY, MAX_LINE_QUANTITY_MESSAGE, ZLineQuantity } from "@/shared/stock";

export const ZCartAddInput = z.object({
  variantId: zText().min(1).max(64),
  quantity: ZLineQuantity,
});
export const ZCartSetQuantityInput = z.object({
  variantId: zText().min(1).max(64),
  quantity: ZLineQuantity.min(0),
});
export const ZCartRemoveInput = z.object({ variantId: zText().min(1).max(64) });

async function sellableVariant(db: DbClient, variantId: string) {
  const v = await db.variant.findUnique({
    where: { id: variantId },
    select: { id: true, stock: true, priceMinor: true, title: true, product: { select: { title: true, status: true, deletedAt: true } } },
  });
  if (!v || v.product.status !== "ACTIVE" || v.product.deletedAt) {
    throw new AppError("NOT_FOUND", "This product is no longer available");
  }
  return v;
}

async function itemCount(db: DbClient, cartId: string): Promise<number> {
  const r = await db.cartItem.aggregate({ where: { cartId }, _sum: { quantity: true } });
  return r._sum.quantity ?? 0;
}

export async function addToCart(db: Tx, owner: CartOwner, raw: z.input<typeof ZCartAddInput>) {
  const input = ZCartAddInput.parse(raw);
  const v = await sellableVariant(db, input.variantId);
  const cartId = await ensureCartId(db, owner);
  const line = await db.cartItem.findUnique({ where: { cartId_variantId: { cartId, variantId: v.id } }, select: { quantity: true } });
  const quantity = (line?.quantity ?? 0) + input.quantity;
  if (v.stock <= 0) throw new AppError("INSUFFICIENT_STOCK", "This item is out of stock");
  if (quantity > v.stock) {
    throw new AppError(
      "INSUFFICIENT_STOCK",
      line ? `Only ${v.stock} left, and your cart already has ${line.quantity}` : `Only ${v.stock} left`,
      { details: { available: v.stock, inCart: line?.quantity ?? 0 } },
    );
  }
  if (quantity > MAX_LINE_QUANTITY) throw new AppError("VALIDATION", MAX_LINE_QUANTITY_MESSAGE);
  await db.cartItem.upsert({
    where: { cartId_variantId: { cartId, variantId: v.id } },
    create: { cartId, variantId: v.id, quantity, priceMinorAdded: v.priceMinor },
    update: { quantity },
  });
  await db.cart.update({ where: { id: cartId }, data: { updatedAt: new Date() } });
  return { itemCount: await itemCount(db, cartId) };
}

export async function setCartQuantity(db: Tx, owner: CartOwner, raw: z.input<typeof ZCartSetQuantityInput>) {
  const input = ZCartSetQuantityInput.parse(raw);
  const cartId = await findCartId(db, owner);
  const line = cartId
    ? await db.cartItem.findUnique({ where: { cartId_variantId: { cartId, variantId: input.variantId } }, select: { id: true } })
    : null;
  if (!cartId || !line) throw new AppError("NOT_FOUND", "That item is not in your cart");
  if (input.quantity === 0) {
    await db.cartItem.delete({ where: { id: line.id } });
    return { itemCount: await itemCount(db, cartId) };
  }
  const v = await sellableVariant(db, input.variantId);
  if (input.quantity > v.stock) {
    throw new AppError("INSUFFICIENT_STOCK", v.stock === 0 ? "This item is out of stock" : `Only ${v.stock} left`, {
      details: { available: v.stock },
    });
  }
  await db.cartItem.update({ where: { id: line.id }, data: { quantity: input.quantity } });
  return { itemCount: await itemCount(db, cartId) };
}

export async function removeFromCart(db: Tx, owner: CartOwner, raw: z.input<typeof ZCartRemoveInput>) {
  const input = ZCartRemoveInput.parse(raw);
  const cartId = await findCartId(db, owner);
  if (!cartId) throw new AppError("NOT_FOUND", "That item is not in your cart");
  const deleted = await db.cartItem.deleteMany({ where: { cartId, variantId: input.variantId } });
  if (deleted.count === 0) throw new AppError("NOT_FOUND", "That item is not in your cart");
  return { itemCount: await itemCount(db, cartId) };
}

/** The shopper has seen the changes: take current prices, cap quantities at stock, clear notices. */
export async function acceptCartChanges(tx: Tx, owner: CartOwner) {
  const cartId = await findCartId(tx, owner);
  if (!cartId) return { itemCount: 0 };
  const items = await tx.cartItem.findMany({
    where: { cartId },
    select: { id: true, quantity: true, variant: { select: { stock: true, priceMinor: true, product: { select: { status: true, deletedAt: true } } } } },
  });
  for (const i of items) {
    const available = i.variant.product.status === "ACTIVE" && !i.variant.product.deletedAt ? i.variant.stock : 0;
    if (available <= 0) await tx.cartItem.delete({ where: { id: i.id } });
    else await tx.cartItem.update({ where: { id: i.id }, data: { quantity: Math.min(i.quantity, available), priceMinorAdded: i.variant.priceMinor } });
  }
  await tx.cart.update({ where: { id: cartId }, data: { notices: [] } });
  return { itemCount: await itemCount(tx, cartId) };
}
