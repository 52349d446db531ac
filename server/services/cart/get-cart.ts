// The cart as the shopper sees it, with what changed since each line was added.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { cartLineProblems, cartTotals, lineCannotBeBought } from "@/shared/cart";
import { previewCartCode, type CartCodeLine } from "@/server/services/promotions/cart-code";
import { findCartId, type CartOwner } from "./cart-owner";
import type { CartNotice } from "./merge-guest-cart";

const cartLineSelect = {
  quantity: true,
  priceMinorAdded: true,
  variant: {
    select: {
      id: true,
      title: true,
      sku: true,
      priceMinor: true,
      currency: true,
      stock: true,
      lowStockThreshold: true,
      version: true,
      compareAtMinor: true,
      product: { select: { id: true, slug: true, title: true, brand: true, images: true, status: true, deletedAt: true, storeId: true, categoryId: true, store: { select: { name: true } } } },
    },
  },
} satisfies Prisma.CartItemSelect;

export async function getCart(db: DbClient, owner: CartOwner) {
  const cartId = await findCartId(db, owner);
  const cart = cartId
    ? await db.cart.findUnique({
        where: { id: cartId },
        select: { notices: true, discountCode: true, items: { select: cartLineSelect, orderBy: { addedAt: "asc" } } },
      })
    : null;
  const lines = (cart?.items ?? []).map((i) => {
    const v = i.variant;
    const available = v.product.status === "ACTIVE" && !v.product.deletedAt;
    const problems = cartLineProblems({ available, stock: v.stock, quantity: i.quantity, priceMinor: v.priceMinor, priceMinorAdded: i.priceMinorAdded });
    return {
      variantId: v.id,
      productId: v.product.id,
      slug: v.product.slug,
      title: v.product.title,
      brand: v.product.brand,
      image: v.product.images[0] ?? null,
      variantTitle: v.title,
      sku: v.sku,
      quantity: i.quantity,
      priceMinor: v.priceMinor,
      /** "Was" price of a sale, only while above the price (decision 175). */
      compareAtMinor: v.compareAtMinor !== null && v.compareAtMinor > v.priceMinor ? v.compareAtMinor : null,
      storeId: v.product.storeId,
      storeName: v.product.store.name,
      priceMinorAdded: i.priceMinorAdded,
      currency: v.currency,
      stock: available ? v.stock : 0,
      lowStockThreshold: v.lowStockThreshold,
      version: v.version,
      lineTotalMinor: v.priceMinor * i.quantity,
      problems,
    };
  });
  const currency = lines[0]?.currency ?? "USD";
  const totals = cartTotals(lines);
  // The code the shopper entered, worked out again from the current lines (never a stored amount).
  const discount =
    cart?.discountCode && lines.length > 0
      ? await previewCartCode(
          db,
          cart.discountCode,
          cart.items.map((i, n) => ({
            variantId: i.variant.id,
            productId: i.variant.product.id,
            storeId: i.variant.product.storeId,
            storeName: i.variant.product.store.name,
            categoryId: i.variant.product.categoryId,
            currency: i.variant.currency,
            lineTotalMinor: lines[n]!.lineTotalMinor,
            counted: !lineCannotBeBought(lines[n]!.problems),
          })),
          owner.userId,
        )
      : null;
  return {
    lines,
    ...totals,
    discount,
    /** Subtotal less the code's saving (delivery is added at checkout). */
    totalMinor: totals.subtotalMinor - (discount?.discountMinor ?? 0),
    currency,
    notices: (Array.isArray(cart?.notices) ? cart.notices : []) as unknown as CartNotice[],
  };
}

/** Just the number of units, for the header's cart link. */
export async function countCart(db: DbClient, owner: CartOwner): Promise<{ itemCount: number }> {
  const cartId = await findCartId(db, owner);
  if (!cartId) return { itemCount: 0 };
  const r = await db.cartItem.aggregate({ where: { cartId }, _sum: { quantity: true } });
  return { itemCount: r._sum.quantity ?? 0 };
}

/** The cart's lines as a discount code sees them (applying a code checks them in its transaction). */
export async function cartCodeLines(db: DbClient, owner: CartOwner): Promise<CartCodeLine[]> {
  const cartId = await findCartId(db, owner);
  if (!cartId) return [];
  const items = await db.cartItem.findMany({ where: { cartId }, select: cartLineSelect, orderBy: { addedAt: "asc" } });
  return items.map((i) => {
    const v = i.variant;
    const available = v.product.status === "ACTIVE" && !v.product.deletedAt;
    const problems = cartLineProblems({ available, stock: v.stock, quantity: i.quantity, priceMinor: v.priceMinor, priceMinorAdded: i.priceMinorAdded });
    return {
      variantId: v.id,
      productId: v.product.id,
      storeId: v.product.storeId,
      storeName: v.product.store.name,
      categoryId: v.product.categoryId,
      currency: v.currency,
      lineTotalMinor: v.priceMinor * i.quantity,
      counted: !lineCannotBeBought(problems),
    };
  });
}
