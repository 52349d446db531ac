// The demo stores' shipping (decision 194): zones and rates that show every rule at checkout.
// For a US address every store's cheapest option is $4.99 under $100 of its goods, so the demo
// reads simply; the differences show above that, in other regions and abroad.
//  - Northwind: US flat (free from $150) or express; anywhere else by weight.
//  - Sunset: US and Germany by subtotal tiers, or priority flat; nowhere else (its part of a cart
//    sent to France says "Sunset Home & Kitchen does not ship to France").
//  - Tidewater: US ground or overnight; California (a region zone, beating the US one) also
//    same-day; Europe by weight.
import type { RateKind, ShippingTier } from "@/server/services/shipping/rules";

export interface DemoRate {
  name: string;
  kind: RateKind;
  amountMinor?: number;
  perKgMinor?: number;
  tiers?: ShippingTier[];
  freeAboveMinor?: number;
}
export interface DemoZone {
  key: string;
  name: string;
  countries: string[];
  regions?: string[];
  restOfWorld?: boolean;
  rates: DemoRate[];
}

export const DEMO_SHIPPING: Record<string, DemoZone[]> = {
  northwind: [
    {
      key: "us",
      name: "United States",
      countries: ["US"],
      rates: [
        { name: "Standard (3–5 days)", kind: "FLAT", amountMinor: 499, freeAboveMinor: 15000 },
        { name: "Express (1–2 days)", kind: "FLAT", amountMinor: 1499 },
      ],
    },
    { key: "world", name: "Rest of world", countries: [], restOfWorld: true, rates: [{ name: "International (7–14 days)", kind: "WEIGHT", amountMinor: 1299, perKgMinor: 400 }] },
  ],
  sunset: [
    {
      key: "us-de",
      name: "United States and Germany",
      countries: ["US", "DE"],
      rates: [
        { name: "Economy (4–7 days)", kind: "SUBTOTAL", tiers: [{ fromMinor: 0, costMinor: 499 }, { fromMinor: 10000, costMinor: 299 }, { fromMinor: 20000, costMinor: 0 }] },
        { name: "Priority (2–3 days)", kind: "FLAT", amountMinor: 1299 },
      ],
    },
  ],
  tidewater: [
    {
      key: "us",
      name: "United States",
      countries: ["US"],
      rates: [
        { name: "Ground (3–5 days)", kind: "FLAT", amountMinor: 499 },
        { name: "Overnight", kind: "FLAT", amountMinor: 2499 },
      ],
    },
    {
      key: "ca",
      name: "California",
      countries: ["US"],
      regions: ["CA", "California"],
      rates: [
        { name: "Ground (2–3 days)", kind: "FLAT", amountMinor: 499 },
        { name: "Same-day courier", kind: "FLAT", amountMinor: 999 },
      ],
    },
    {
      key: "eu",
      name: "Europe",
      countries: ["AT", "BE", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT", "NL", "NO", "PL", "PT", "SE"],
      rates: [{ name: "Europe tracked (5–8 days)", kind: "WEIGHT", amountMinor: 999, perKgMinor: 300, freeAboveMinor: 25000 }],
    },
  ],
};

/** A demo variant's shipping weight in grams: by store, a little more for later variants. */
export function demoWeightGrams(storeSlug: string, position: number): number {
  const base = storeSlug === "sunset" ? 1200 : storeSlug === "tidewater" ? 300 : 700;
  return base + position * 50;
}
