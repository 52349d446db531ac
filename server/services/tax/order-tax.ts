// The tax of an order or a cart for a destination (decisions 190-191): reads the destination
// country's rates and the stores' "prices include tax" settings, then works it out with the pure
// rules of shared/tax.ts. place-order calls it inside the order's transaction (the rates as they
// are then); the checkout's quote calls it on the cart as shown.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { computeTax, matchTaxRate, type TaxResult } from "@/shared/tax";
import { ratesForCountry } from "./rates";

export interface OrderTaxLine {
  storeId: string | null;
  /** price × quantity */
  totalMinor: number;
  /** the line's share of a discount code */
  discountMinor: number;
}

export interface OrderTaxShipping {
  /** Per-seller shipping names its store (taxed inclusive when that store's prices include tax);
   * null: one order-level delivery cost, tax-exclusive. */
  storeId: string | null;
  amountMinor: number;
}

export interface Destination {
  country: string | null | undefined;
  region: string | null | undefined;
}

/** Which of these stores enter prices with tax included. */
export async function storesWithInclusivePrices(db: DbClient, storeIds: readonly (string | null)[]): Promise<Set<string>> {
  const ids = [...new Set(storeIds.filter((s): s is string => !!s))];
  if (ids.length === 0) return new Set();
  const rows = await db.store.findMany({ where: { id: { in: ids }, pricesIncludeTax: true }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export async function taxForDestination(db: DbClient, to: Destination, lines: readonly OrderTaxLine[], shipping: readonly OrderTaxShipping[] = []): Promise<TaxResult> {
  const rates = to.country ? await ratesForCountry(db, to.country) : [];
  const rate = matchTaxRate(rates, to.country, to.region);
  const inclusive = await storesWithInclusivePrices(db, [...lines.map((l) => l.storeId), ...shipping.map((s) => s.storeId)]);
  return computeTax(
    rate,
    lines.map((l) => ({ totalMinor: l.totalMinor, discountMinor: l.discountMinor, included: !!l.storeId && inclusive.has(l.storeId) })),
    shipping.map((s) => ({ storeId: s.storeId, amountMinor: s.amountMinor, included: !!s.storeId && inclusive.has(s.storeId) })),
  );
}
