import "server-only";
// The money of an order's parts (one per store), from its items: what each part's page shows and
// what a part's refund gives back. Structured as subtotal - discount + shipping + tax = total so
// per-part shipping and tax add fields here, not new arithmetic everywhere.
// Shipping is each part's own (OrderShipping, decision 196; Order.deliveryCostMinor is their sum);
// an order placed before per-part shipping has none per part. Tax is each line's and each part's
// shipping's (decision 191): all of it is the part's taxMinor; only the part not already inside
// the prices (taxIncluded false) is added to the total.

export interface PartTotals {
  subtotalMinor: number;
  /** The part's share of the order's discount code (the sum of its lines' shares). */
  discountMinor: number;
  shippingMinor: number;
  /** The part's tax, included in prices or added. */
  taxMinor: number;
  /** The share of taxMinor already inside the prices (a store whose prices include tax). */
  taxIncludedMinor: number;
  totalMinor: number;
}

export function partTotals(
  items: readonly { totalPriceMinor: number; discountMinor: number; taxMinor?: number; taxIncluded?: boolean }[],
  shipping?: { costMinor: number; taxMinor?: number; taxIncluded?: boolean } | null,
): PartTotals {
  const subtotalMinor = items.reduce((s, i) => s + i.totalPriceMinor, 0);
  const discountMinor = items.reduce((s, i) => s + i.discountMinor, 0);
  const shippingMinor = shipping?.costMinor ?? 0;
  const taxed = [...items, ...(shipping ? [shipping] : [])];
  const taxMinor = taxed.reduce((s, i) => s + (i.taxMinor ?? 0), 0);
  const taxIncludedMinor = taxed.reduce((s, i) => s + (i.taxIncluded ? (i.taxMinor ?? 0) : 0), 0);
  return { subtotalMinor, discountMinor, shippingMinor, taxMinor, taxIncludedMinor, totalMinor: subtotalMinor - discountMinor + shippingMinor + taxMinor - taxIncludedMinor };
}
