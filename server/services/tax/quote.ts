// The checkout's tax quote (decision 192): the cart as shown (its counted lines and its code's
// saving, getCart) taxed for the destination the shopper chose. A quote only: the order works the
// tax out again in its own transaction from the prices and rates of that moment. Kept apart from
// the shipping quote so the two can be composed into one checkout read.
import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { getCart } from "@/server/services/cart/get-cart";
import type { CartOwner } from "@/server/services/cart/cart-owner";
import { lineCannotBeBought } from "@/shared/cart";
import { taxLabel, type ZTaxQuoteInput } from "@/shared/tax";
import { taxForDestination, type OrderTaxShipping } from "./order-tax";

export interface TaxQuote {
  currency: string;
  /** The rate for the destination; null: no tax applies there (or no country chosen yet). */
  rate: { name: string; ratePpm: number; appliesToShipping: boolean } | null;
  /** The counted lines of the cart, in its order. */
  lines: { variantId: string; taxMinor: number; included: boolean; label: string | null }[];
  shippingTaxMinor: number;
  /** All tax, included or added. */
  taxMinor: number;
  /** Added to the total (tax-exclusive prices). */
  addedMinor: number;
  /** Already inside prices (tax-inclusive stores). */
  includedMinor: number;
}

/** The tax of lines with their code shares for a destination; `shipping` as the order would pass it. */
export async function quoteTax(
  db: DbClient,
  to: { country: string; region: string },
  lines: readonly { variantId: string; storeId: string; lineTotalMinor: number; discountMinor: number }[],
  shipping: readonly OrderTaxShipping[],
  currency: string,
): Promise<TaxQuote> {
  const tax = await taxForDestination(
    db,
    to,
    lines.map((l) => ({ storeId: l.storeId, totalMinor: l.lineTotalMinor, discountMinor: l.discountMinor })),
    shipping,
  );
  return {
    currency,
    rate: tax.rate,
    lines: lines.map((l, i) => {
      const t = tax.lines[i]!;
      return { variantId: l.variantId, taxMinor: t.taxMinor, included: t.included, label: tax.rate ? taxLabel(tax.rate.name, t.ratePpm, t.included) : null };
    }),
    shippingTaxMinor: tax.shippingTaxMinor,
    taxMinor: tax.taxMinor,
    addedMinor: tax.addedMinor,
    includedMinor: tax.includedMinor,
  };
}

/** The caller's cart taxed for a destination, with each seller's shipping price as chosen. */
export async function quoteCartTax(db: DbClient, owner: CartOwner, input: z.output<typeof ZTaxQuoteInput>): Promise<TaxQuote> {
  const cart = await getCart(db, owner);
  const shares = cart.discount?.applied ? cart.discount.lines : {};
  const counted = cart.lines.filter((l) => !lineCannotBeBought(l.problems));
  return quoteTax(
    db,
    { country: input.country, region: input.region },
    counted.map((l) => ({ variantId: l.variantId, storeId: l.storeId, lineTotalMinor: l.lineTotalMinor, discountMinor: shares[l.variantId] ?? 0 })),
    input.shipping.filter((s) => s.amountMinor > 0),
    cart.currency,
  );
}
