// The discount code of a cart (decision 172): the shopper enters it in the cart or at checkout;
// it is checked at once (a refusal says why, and changes nothing), kept on the cart, and worked
// out again on every read from current prices, so the cart and checkout show each store's part's
// saving and the total. Placing the order checks it once more under lock (place-order.ts).
import "server-only";
import { z } from "zod";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { ensureCartId, findCartId, type CartOwner } from "@/server/services/cart/cart-owner";
import type { DiscountRefusal } from "@/shared/promotions";
import { zText } from "@/shared/text";
import { applyDiscountCode, categoryPaths, customerKeyOf, type PricedLine } from "./apply-code";

export const ZCartCodeInput = z.object({ code: zText().trim().min(1, "Enter a code").max(64, "A discount code is at most 64 characters") });

/** A cart line as the discount preview needs it. */
export interface CartCodeLine {
  variantId: string;
  productId: string;
  storeId: string;
  storeName: string;
  categoryId: string;
  currency: string;
  lineTotalMinor: number;
  /** Sold out or unavailable lines are not counted (as in the subtotal). */
  counted: boolean;
}

export interface CartDiscount {
  /** The code as the promotion spells it (or as typed, when it no longer applies). */
  code: string;
  applied: boolean;
  /** Why it does not apply now (it expired, the cart fell below the minimum…). */
  message: string | null;
  /** The refusal's reason (with `message`), so a page can say it in the shopper's language. */
  refusal: DiscountRefusal | null;
  discountMinor: number;
  /** Variant id -> its share. */
  lines: Record<string, number>;
  /** Each store's part of the cart: its subtotal, its saving, its total (shipping and tax come later). */
  parts: { storeId: string; storeName: string; subtotalMinor: number; discountMinor: number; totalMinor: number }[];
}

/** Works out a code on the cart's lines; a refusal is answered as `applied: false` with its message. */
export async function previewCartCode(db: DbClient, code: string, lines: readonly CartCodeLine[], userId: string | null): Promise<CartDiscount> {
  const counted = lines.filter((l) => l.counted);
  const paths = await categoryPaths(db, counted.map((l) => l.categoryId));
  const priced: PricedLine[] = counted.map((l) => ({ ...l, categoryIds: paths.get(l.categoryId) ?? [l.categoryId] }));
  let shares = new Map<string, number>();
  let shown = code;
  let message: string | null = null;
  let refusal: DiscountRefusal | null = null;
  try {
    const applied = await applyDiscountCode(db, code, priced, { customerKey: customerKeyOf(userId, null) });
    shares = applied.lines;
    shown = applied.code;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "VALIDATION") throw err;
    message = err.message;
    refusal = (err.details?.discountRefusal as DiscountRefusal | undefined) ?? null;
  }
  const parts = new Map<string, CartDiscount["parts"][number]>();
  for (const l of counted) {
    const p = parts.get(l.storeId) ?? { storeId: l.storeId, storeName: l.storeName, subtotalMinor: 0, discountMinor: 0, totalMinor: 0 };
    const d = shares.get(l.variantId) ?? 0;
    p.subtotalMinor += l.lineTotalMinor;
    p.discountMinor += d;
    p.totalMinor += l.lineTotalMinor - d;
    parts.set(l.storeId, p);
  }
  const discountMinor = [...shares.values()].reduce((s, d) => s + d, 0);
  return { code: shown, applied: message === null, message, refusal, discountMinor, lines: Object.fromEntries(shares), parts: [...parts.values()] };
}

/** Checks a code against the cart as it is now; kept only when it applies (else a 400 that says why). */
export async function applyCartCode(tx: Tx, owner: CartOwner, raw: z.input<typeof ZCartCodeInput>, readLines: (db: DbClient) => Promise<CartCodeLine[]>) {
  const { code } = ZCartCodeInput.parse(raw);
  const lines = await readLines(tx);
  if (!lines.some((l) => l.counted)) throw new AppError("VALIDATION", "Add something to your cart first", { fieldErrors: { discountCode: ["Add something to your cart first"] } });
  const counted = lines.filter((l) => l.counted);
  const paths = await categoryPaths(tx, counted.map((l) => l.categoryId));
  // Throws the refusal (400, field discountCode) as it is.
  const applied = await applyDiscountCode(
    tx,
    code,
    counted.map((l) => ({ ...l, categoryIds: paths.get(l.categoryId) ?? [l.categoryId] })),
    { customerKey: customerKeyOf(owner.userId, null) },
  );
  const cartId = await ensureCartId(tx, owner);
  await tx.cart.update({ where: { id: cartId }, data: { discountCode: applied.code } });
  return { code: applied.code, discountMinor: applied.discountMinor };
}

export async function removeCartCode(tx: Tx, owner: CartOwner): Promise<{ removed: boolean }> {
  const cartId = await findCartId(tx, owner);
  if (!cartId) return { removed: false };
  await tx.cart.update({ where: { id: cartId }, data: { discountCode: null } });
  return { removed: true };
}
