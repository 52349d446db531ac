// The cart as the shopper sees it, with what changed since each line was added.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { cartLineProblems, cartTotals } from "@/shared/cart";
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
      product: { select: { id: true, slug: true, title: true, brand: true, images: true, status: true, deletedAt: true } },
    },
  },
} satisfies Prisma.CartItemSelect;

export async function getCart(db: DbClient, owner: CartOwner) {
  const cartId = await findCartId(db, owner);
  const cart = cartId
    ? await db.cart.findUnique({
        where: { id: cartId },
        select: { notices: true, items: { select: cartLineSelect, orderBy: { addedAt: "asc" } } },
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
  return {
    lines,
    ...cartTotals(lines),
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
