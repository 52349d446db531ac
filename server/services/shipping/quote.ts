// What each seller's part of an order can ship with to an address, priced (decision 195): the
// checkout's quote (the cart's lines) and place-order's pricing (the lines it took, at the
// prices it read under lock) both come through here, so the shopper is shown what the order is
// charged. A part whose store has no zone for the address cannot ship there: the quote says so,
// and placing the order is refused with the same words, nothing changed.
import "server-only";
import { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { findCartId, type CartOwner } from "@/server/services/cart/cart-owner";
import { countryName, ZCountry } from "@/shared/countries";
import { zText } from "@/shared/text";
import { cheapest, matchZone, priceOptions, type PricedOption, type RateKind, type ShippingTier } from "./rules";

export const ZShippingAddress = z.object({
  country: ZCountry,
  region: zText().trim().max(100, "Keep the region under 100 characters").default(""),
});
export type TShippingAddress = z.output<typeof ZShippingAddress>;

/** An order's shipping choices: one rate per store (a store left out gets its cheapest option). */
export const ZShippingChoices = z
  .array(z.object({ storeId: zText().min(1).max(64), rateId: zText().min(1).max(64) }))
  .max(100)
  .refine((cs) => new Set(cs.map((c) => c.storeId)).size === cs.length, "Choose one shipping option per store");

export interface StoreShipping {
  storeId: string;
  storeName: string;
  zones: {
    id: string;
    name: string;
    countries: string[];
    regions: string[];
    restOfWorld: boolean;
    rates: { id: string; name: string; kind: RateKind; amountMinor: number; perKgMinor: number; tiers: ShippingTier[]; freeAboveMinor: number | null; currency: string; position: number }[];
  }[];
}

/** The stores' zones and rates (oldest zone first), one read. */
export async function loadStoreShipping(db: DbClient, storeIds: string[]): Promise<Map<string, StoreShipping>> {
  const stores = await db.store.findMany({
    where: { id: { in: storeIds } },
    select: {
      id: true,
      name: true,
      shippingZones: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true, name: true, countries: true, regions: true, restOfWorld: true,
          rates: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, name: true, kind: true, amountMinor: true, perKgMinor: true, tiers: true, freeAboveMinor: true, currency: true, position: true } },
        },
      },
    },
  });
  return new Map(
    stores.map((s) => [
      s.id,
      { storeId: s.id, storeName: s.name, zones: s.shippingZones.map((z) => ({ ...z, rates: z.rates.map((r) => ({ ...r, tiers: (Array.isArray(r.tiers) ? r.tiers : []) as unknown as ShippingTier[] })) })) },
    ]),
  );
}

export interface PartLine {
  storeId: string;
  priceMinor: number;
  quantity: number;
  weightGrams: number;
  currency: string;
}

export interface PartQuote {
  storeId: string;
  storeName: string;
  currency: string;
  /** The part's goods: list price × quantity (what shipping is priced on). */
  subtotalMinor: number;
  weightGrams: number;
  /** The zone that serves the address; null: this store does not ship there. */
  zone: { id: string; name: string } | null;
  options: PricedOption[];
  /** The cheapest option (preselected); null when the part cannot ship. */
  cheapestRateId: string | null;
  /** Why the part cannot ship ("Northwind does not ship to Germany"); null when it can. */
  unavailable: string | null;
}

export function cannotShipMessage(storeName: string, country: string): string {
  return `${storeName} does not ship to ${countryName(country)}`;
}

/** Each store's part of `lines`, with its options for `address` (parts in store-id order). */
export function quoteParts(lines: readonly PartLine[], shipping: Map<string, StoreShipping>, address: TShippingAddress): PartQuote[] {
  const parts = new Map<string, { subtotalMinor: number; weightGrams: number; currency: string }>();
  for (const l of lines) {
    const p = parts.get(l.storeId) ?? { subtotalMinor: 0, weightGrams: 0, currency: l.currency };
    p.subtotalMinor += l.priceMinor * l.quantity;
    p.weightGrams += l.weightGrams * l.quantity;
    parts.set(l.storeId, p);
  }
  return [...parts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([storeId, m]) => {
      const store = shipping.get(storeId);
      const storeName = store?.storeName ?? "This store";
      const zone = store ? matchZone(store.zones, address) : null;
      const options = zone ? priceOptions(zone.rates, m) : [];
      const best = cheapest(options);
      return {
        storeId,
        storeName,
        currency: m.currency,
        subtotalMinor: m.subtotalMinor,
        weightGrams: m.weightGrams,
        zone: zone ? { id: zone.id, name: zone.name } : null,
        options,
        cheapestRateId: best?.rateId ?? null,
        unavailable: options.length === 0 ? cannotShipMessage(storeName, address.country) : null,
      };
    });
}

export interface ChosenShipping {
  storeId: string;
  rateId: string;
  name: string;
  costMinor: number;
}

/** The option each part ships with: the choice named for its store, or its cheapest. Refuses
 * (VALIDATION, nothing changed) a part that cannot ship to the address, a choice that is not one
 * of its part's options for the address, and a choice for a store that has no part. */
export function chooseShipping(quotes: readonly PartQuote[], choices: readonly { storeId: string; rateId: string }[]): ChosenShipping[] {
  const cannot = quotes.filter((q) => q.unavailable);
  if (cannot.length > 0) {
    const message = cannot.map((q) => q.unavailable).join("; ");
    throw new AppError("VALIDATION", `${message}. Remove its items or choose another address.`, { fieldErrors: { shipping: [message] }, details: { stores: cannot.map((q) => q.storeId) } });
  }
  const byStore = new Map(choices.map((c) => [c.storeId, c.rateId]));
  for (const storeId of byStore.keys()) {
    if (!quotes.some((q) => q.storeId === storeId)) {
      throw new AppError("VALIDATION", "A shipping choice names a store that has nothing in this order. Reload the checkout.", { fieldErrors: { shipping: ["A shipping choice names a store that has nothing in this order"] } });
    }
  }
  return quotes.map((q) => {
    const rateId = byStore.get(q.storeId) ?? q.cheapestRateId!;
    const option = q.options.find((o) => o.rateId === rateId);
    if (!option) {
      const message = `The shipping option chosen for ${q.storeName} is not available for this address. Reload the checkout and choose again.`;
      throw new AppError("VALIDATION", message, { fieldErrors: { shipping: [message] } });
    }
    return { storeId: q.storeId, rateId: option.rateId, name: option.name, costMinor: option.costMinor };
  });
}

/** The cart's lines as the quote needs them (current prices), for its owner. */
async function cartPartLines(db: DbClient, owner: CartOwner): Promise<PartLine[]> {
  const cartId = await findCartId(db, owner);
  if (!cartId) return [];
  const items = await db.cartItem.findMany({
    where: { cartId },
    select: { quantity: true, variant: { select: { priceMinor: true, currency: true, weightGrams: true, product: { select: { storeId: true } } } } },
  });
  return items.map((i) => ({ storeId: i.variant.product.storeId, priceMinor: i.variant.priceMinor, quantity: i.quantity, weightGrams: i.variant.weightGrams, currency: i.variant.currency }));
}

/** The checkout's quote: per store's part of the cart, its options for the address (cheapest
 * first to be chosen), and the shipping total with the cheapest options. */
export async function cartShippingQuote(db: DbClient, owner: CartOwner, rawAddress: z.input<typeof ZShippingAddress>) {
  const address = ZShippingAddress.parse(rawAddress);
  const lines = await cartPartLines(db, owner);
  const shipping = await loadStoreShipping(db, [...new Set(lines.map((l) => l.storeId))]);
  const parts = quoteParts(lines, shipping, address);
  return {
    country: address.country,
    region: address.region,
    parts: parts.map(({ zone: _zone, weightGrams: _w, ...p }) => p),
    /** False when a part cannot ship to the address (its `unavailable` says why). */
    shippable: parts.every((p) => !p.unavailable),
  };
}
