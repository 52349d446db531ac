import "server-only";
// The money of an order's parts (one per store), from its items: what each part's page shows and
// what a part's refund gives back. Structured as subtotal - discount + shipping + tax = total so
// per-part shipping and tax (a later task) add fields here, not new arithmetic everywhere.
// Shipping is each part's own (OrderShipping, decision 196; Order.deliveryCostMinor is their sum);
// an order placed before per-part shipping has none per part. There is no tax yet: 0.

export interface PartTotals {
  subtotalMinor: number;
  /** The part's share of the order's discount code (the sum of its lines' shares). */
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export function partTotals(items: readonly { totalPriceMinor: number; discountMinor: number }[], shippingMinor = 0): PartTotals {
  const subtotalMinor = items.reduce((s, i) => s + i.totalPriceMinor, 0);
  const discountMinor = items.reduce((s, i) => s + i.discountMinor, 0);
  const taxMinor = 0;
  return { subtotalMinor, discountMinor, shippingMinor, taxMinor, totalMinor: subtotalMinor - discountMinor + shippingMinor + taxMinor };
}
