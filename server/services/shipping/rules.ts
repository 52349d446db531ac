// Shipping rules (decisions 194-195), pure: which of a seller's zones serves an address, and
// what each of that zone's rates costs for a part (one store's lines of an order). No database:
// the checkout's quote, place-order's pricing and the tests all use these functions.
//
// Zone matching: the most specific zone wins. A zone with regions matches an address in one of
// its countries whose region is one of them (case and spacing ignored: "CA" and "California" are
// different names, a seller lists both if it wants both); a zone without regions matches its
// countries; a rest-of-world zone matches any address no other zone matches. Among zones of the
// same rank, the oldest (the first listed) wins; the seller pages refuse overlaps of one rank.
//
// Pricing: on the part's goods subtotal (list price × quantity, before its share of a discount
// code and before tax) and its weight (Variant.weightGrams × quantity).
//   FLAT      amountMinor
//   WEIGHT    amountMinor + perKgMinor × every started kilogram (0 g: amountMinor)
//   SUBTOTAL  the cost of the highest tier whose fromMinor is at or below the subtotal
// then 0 when freeAboveMinor is set and the subtotal reaches it. A rate in another currency than
// the part's does not price it (it is not offered).
import "server-only";

export type RateKind = "FLAT" | "WEIGHT" | "SUBTOTAL";

export interface ShippingTier {
  fromMinor: number;
  costMinor: number;
}

export interface ZoneRule {
  id: string;
  name: string;
  countries: readonly string[];
  regions: readonly string[];
  restOfWorld: boolean;
}

export interface RateRule {
  id: string;
  name: string;
  kind: RateKind;
  amountMinor: number;
  perKgMinor: number;
  tiers: readonly ShippingTier[];
  freeAboveMinor: number | null;
  currency: string;
  position: number;
}

export interface PartMeasure {
  subtotalMinor: number;
  weightGrams: number;
  currency: string;
}

export interface PricedOption {
  rateId: string;
  name: string;
  costMinor: number;
  /** The price before a free-above threshold made it 0 (for "free above $50" hints). */
  freeAboveMinor: number | null;
}

export const normRegion = (r: string) => r.trim().replace(/\s+/g, " ").toLowerCase();

/** The zone serving `address` among one store's zones (oldest first), or null: the store does not ship there. */
export function matchZone<Z extends ZoneRule>(zones: readonly Z[], address: { country: string; region?: string | null }): Z | null {
  const country = address.country.trim().toUpperCase();
  const region = normRegion(address.region ?? "");
  const inCountry = zones.filter((z) => !z.restOfWorld && z.countries.includes(country));
  if (region) {
    const byRegion = inCountry.find((z) => z.regions.length > 0 && z.regions.some((r) => normRegion(r) === region));
    if (byRegion) return byRegion;
  }
  const byCountry = inCountry.find((z) => z.regions.length === 0);
  if (byCountry) return byCountry;
  return zones.find((z) => z.restOfWorld) ?? null;
}

/** What `rate` costs for a part, or null when it cannot price it (another currency, no tier). */
export function priceRate(rate: RateRule, part: PartMeasure): number | null {
  if (rate.currency !== part.currency) return null;
  let cost: number;
  if (rate.kind === "FLAT") cost = rate.amountMinor;
  else if (rate.kind === "WEIGHT") cost = rate.amountMinor + rate.perKgMinor * Math.ceil(Math.max(0, part.weightGrams) / 1000);
  else {
    const tier = [...rate.tiers].sort((a, b) => a.fromMinor - b.fromMinor).filter((t) => t.fromMinor <= part.subtotalMinor).at(-1);
    if (!tier) return null;
    cost = tier.costMinor;
  }
  if (rate.freeAboveMinor !== null && part.subtotalMinor >= rate.freeAboveMinor) return 0;
  return cost;
}

/** The options a zone's rates give a part, in the seller's order. */
export function priceOptions(rates: readonly RateRule[], part: PartMeasure): PricedOption[] {
  return [...rates]
    .sort((a, b) => a.position - b.position)
    .flatMap((r) => {
      const costMinor = priceRate(r, part);
      return costMinor === null ? [] : [{ rateId: r.id, name: r.name, costMinor, freeAboveMinor: r.freeAboveMinor }];
    });
}

/** The cheapest option (the first of equal prices): what the checkout preselects and what an
 * order that names no choice for a store gets. */
export function cheapest(options: readonly PricedOption[]): PricedOption | null {
  return options.reduce<PricedOption | null>((best, o) => (best === null || o.costMinor < best.costMinor ? o : best), null);
}
