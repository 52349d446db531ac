// Signing in merges the guest cart into the customer's: quantities are summed and capped at
// what is in stock, and every change the shopper did not ask for is written down as a notice.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { MAX_LINE_QUANTITY } from "@/shared/stock";

export interface CartNotice {
  variantId: string;
  /** In English; the page words it in the shopper's language from `kind` and its figures
   * (notices stored before they had them show this). */
  message: string;
  kind?: "out" | "capped" | "added";
  name?: string;
  quantity?: number;
  wanted?: number;
  had?: number;
  added?: number;
}

export async function mergeGuestCart(tx: Tx, token: string, userId: string): Promise<CartNotice[]> {
  const guest = await tx.cart.findUnique({
    where: { token },
    select: {
      id: true,
      items: {
        select: {
          variantId: true,
          quantity: true,
          priceMinorAdded: true,
          variant: { select: { stock: true, title: true, product: { select: { title: true, status: true, deletedAt: true } } } },
        },
      },
    },
  });
  if (!guest) return [];
  const mine = await tx.cart.upsert({
    where: { userId },
    create: { userId },
    update: {},
    select: { id: true, notices: true, items: { select: { variantId: true, quantity: true } } },
  });
  const existing = new Map(mine.items.map((i) => [i.variantId, i.quantity]));
  const notices: CartNotice[] = [];
  for (const item of guest.items) {
    const name = `${item.variant.product.title}${item.variant.title ? ` (${item.variant.title})` : ""}`;
    const available = item.variant.product.status === "ACTIVE" && !item.variant.product.deletedAt ? item.variant.stock : 0;
    const had = existing.get(item.variantId) ?? 0;
    const wanted = had + item.quantity;
    const quantity = Math.min(wanted, available, MAX_LINE_QUANTITY);
    if (quantity <= 0) {
      notices.push({ variantId: item.variantId, message: `${name} is out of stock and was not added to your cart`, kind: "out", name });
      continue;
    }
    if (quantity < wanted) {
      notices.push({ variantId: item.variantId, message: `${name}: only ${quantity} available, so your cart has ${quantity} instead of ${wanted}`, kind: "capped", name, quantity, wanted });
    } else if (had > 0) {
      notices.push({ variantId: item.variantId, message: `${name}: added ${item.quantity} to the ${had} already in your cart`, kind: "added", name, added: item.quantity, had });
    }
    await tx.cartItem.upsert({
      where: { cartId_variantId: { cartId: mine.id, variantId: item.variantId } },
      create: { cartId: mine.id, variantId: item.variantId, quantity, priceMinorAdded: item.priceMinorAdded },
      update: { quantity },
    });
  }
  await tx.cart.delete({ where: { id: guest.id } });
  const previous = Array.isArray(mine.notices) ? (mine.notices as unknown as CartNotice[]) : [];
  if (notices.length) await tx.cart.update({ where: { id: mine.id }, data: { notices: [...previous, ...notices] as never } });
  return notices;
}
