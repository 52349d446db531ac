// Adding, changing and removing cart lines. Quantities are checked against live stock; the
// price at the time of adding is kept so the cart can say when it changed.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
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

interface AddRow {
  id: string;
  stock: number;
  priceMinor: number;
  sellable: boolean;
  cartId: string | null;
  inCart: number | null;
}

/**
 * Two statements, no Prisma query building: the variant, the owner's cart and its line for the
 * variant are read together; then one statement creates the cart if there is none, adds to the
 * line (an increment, so two adds at once both count) and returns the cart's new item count.
 * This is half of every checkout; as six client-built queries it cost more CPU in the app than
 * the order itself (docs/performance.md, "Order path").
 */
export async function addToCart(db: Tx, owner: CartOwner, raw: z.input<typeof ZCartAddInput>) {
  const input = ZCartAddInput.parse(raw);
  const ownerCond = owner.userId ? Prisma.sql`c."userId" = ${owner.userId}` : owner.token ? Prisma.sql`c.token = ${owner.token}` : Prisma.sql`FALSE`;
  const [v] = await db.$queryRaw<AddRow[]>`
    SELECT v.id, v.stock, v."priceMinor", (p.status = 'ACTIVE' AND p."deletedAt" IS NULL) AS sellable,
           c.id AS "cartId", ci.quantity AS "inCart"
    FROM "Variant" v
    JOIN "Product" p ON p.id = v."productId"
    LEFT JOIN "Cart" c ON ${ownerCond}
    LEFT JOIN "CartItem" ci ON ci."cartId" = c.id AND ci."variantId" = v.id
    WHERE v.id = ${input.variantId}`;
  if (!v || !v.sellable) throw new AppError("NOT_FOUND", "This product is no longer available");
  const inCart = v.inCart ?? 0;
  const quantity = inCart + input.quantity;
  if (v.stock <= 0) throw new AppError("INSUFFICIENT_STOCK", "This item is out of stock");
  if (quantity > v.stock) {
    throw new AppError(
      "INSUFFICIENT_STOCK",
      inCart ? `Only ${v.stock} left, and your cart already has ${inCart}` : `Only ${v.stock} left`,
      { details: { available: v.stock, inCart } },
    );
  }
  if (quantity > MAX_LINE_QUANTITY) throw new AppError("VALIDATION", MAX_LINE_QUANTITY_MESSAGE);

  let cartId = v.cartId;
  if (!cartId && !owner.userId) {
    // A guest's first line: a new cart and its cookie.
    cartId = await ensureCartId(db, owner);
  }
  // A signed-in customer's cart is made here when missing (the unique userId makes a race harmless).
  const cart = cartId
    ? Prisma.sql`UPDATE "Cart" SET "updatedAt" = timezone('UTC', now()) WHERE id = ${cartId} RETURNING id`
    : Prisma.sql`INSERT INTO "Cart" (id, "userId", "createdAt", "updatedAt") VALUES (${newId()}, ${owner.userId}, timezone('UTC', now()), timezone('UTC', now()))
                 ON CONFLICT ("userId") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt" RETURNING id`;
  const [r] = await db.$queryRaw<{ itemCount: number }[]>`
    WITH c AS (${cart}),
    line AS (
      INSERT INTO "CartItem" (id, "cartId", "variantId", quantity, "priceMinorAdded", "addedAt", "updatedAt")
      SELECT ${newId()}, c.id, ${v.id}, ${input.quantity}::int, ${v.priceMinor}::int, timezone('UTC', now()), timezone('UTC', now()) FROM c
      ON CONFLICT ("cartId", "variantId") DO UPDATE SET quantity = "CartItem".quantity + EXCLUDED.quantity, "updatedAt" = EXCLUDED."updatedAt"
      RETURNING quantity
    )
    SELECT ((SELECT COALESCE(SUM(ci.quantity), 0) FROM "CartItem" ci, c WHERE ci."cartId" = c.id AND ci."variantId" <> ${v.id})
            + (SELECT quantity FROM line))::int AS "itemCount"`;
  return { itemCount: r!.itemCount };
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

/** A line "Accept changes" took out of the cart, or changed. */
export interface AcceptedChange {
  variantId: string;
  title: string;
  /** Why the line was removed (none left, or the product is no longer on sale); null when it
   * stayed, with what changed. */
  removed: "sold-out" | "unavailable" | null;
  quantity: { from: number; to: number } | null;
  priceMinor: { from: number; to: number } | null;
  currency: string;
}

/** The shopper has seen the changes: take current prices, cap quantities at stock, drop lines
 * that cannot be bought, clear notices. Answers which lines it removed or changed, so the page
 * can say so. */
export async function acceptCartChanges(tx: Tx, owner: CartOwner): Promise<{ itemCount: number; changes: AcceptedChange[] }> {
  const cartId = await findCartId(tx, owner);
  if (!cartId) return { itemCount: 0, changes: [] };
  const items = await tx.cartItem.findMany({
    where: { cartId },
    orderBy: { addedAt: "asc" },
    select: {
      id: true,
      quantity: true,
      priceMinorAdded: true,
      variant: { select: { id: true, title: true, stock: true, priceMinor: true, currency: true, product: { select: { title: true, status: true, deletedAt: true } } } },
    },
  });
  const changes: AcceptedChange[] = [];
  for (const i of items) {
    const v = i.variant;
    const onSale = v.product.status === "ACTIVE" && !v.product.deletedAt;
    const available = onSale ? v.stock : 0;
    const title = v.title ? `${v.product.title} (${v.title})` : v.product.title;
    if (available <= 0) {
      await tx.cartItem.delete({ where: { id: i.id } });
      changes.push({ variantId: v.id, title, removed: onSale ? "sold-out" : "unavailable", quantity: null, priceMinor: null, currency: v.currency });
      continue;
    }
    const quantity = Math.min(i.quantity, available);
    if (quantity === i.quantity && v.priceMinor === i.priceMinorAdded) continue;
    await tx.cartItem.update({ where: { id: i.id }, data: { quantity, priceMinorAdded: v.priceMinor } });
    changes.push({
      variantId: v.id,
      title,
      removed: null,
      quantity: quantity !== i.quantity ? { from: i.quantity, to: quantity } : null,
      priceMinor: v.priceMinor !== i.priceMinorAdded ? { from: i.priceMinorAdded, to: v.priceMinor } : null,
      currency: v.currency,
    });
  }
  await tx.cart.update({ where: { id: cartId }, data: { notices: [] } });
  return { itemCount: await itemCount(tx, cartId), changes };
}
