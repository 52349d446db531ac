// Tax by destination (decisions 190-193), shared by the server (which alone decides what an order
// is charged) and the pages that show it. Integer arithmetic only:
//  - a rate is in millionths (parts per million of the amount): 88750 = 8.875%, 190000 = 19%;
//  - the rate of an address is the most specific one admins keep: its country and region (matched
//    trimmed and case-insensitively) over its country alone (region ""); none: no tax;
//  - tax is worked out per line on its net amount (the line total less its share of a discount
//    code), rounded half away from zero per line in BigInt:
//      prices without tax (exclusive): tax = round(net × rate), added to the total;
//      prices with tax (inclusive):    tax = net − round(net / (1 + rate)), already in the price;
//  - shipping is taxed the same way when the rate says it applies to shipping, per amount given
//    (today one order-level delivery cost, tax-exclusive; per seller once shipping is per seller);
//  - the order's tax is the sum of its lines' and its shipping's; only the exclusive part is added.
import { z } from "zod";
import { zText } from "./text";
import { isCountryCode } from "./countries";

export { isCountryCode };

/** A rate of 1,000,000 millionths is 100%. */
export const TAX_RATE_SCALE = 1_000_000;

export interface TaxRateLike {
  country: string;
  /** "" = the whole country */
  region: string;
  name: string;
  ratePpm: number;
  appliesToShipping: boolean;
}

/** How an address's region is compared: trimmed, lower case. */
export function regionKey(region: string | null | undefined): string {
  return (region ?? "").trim().toLowerCase();
}

/** The rate for a destination: country and region beat country alone; null when none applies. */
export function matchTaxRate<R extends TaxRateLike>(rates: readonly R[], country: string | null | undefined, region: string | null | undefined): R | null {
  const c = (country ?? "").trim().toUpperCase();
  if (!c) return null;
  const key = regionKey(region);
  let whole: R | null = null;
  for (const r of rates) {
    if (r.country !== c) continue;
    const rk = regionKey(r.region);
    if (rk === "") whole ??= r;
    else if (key !== "" && rk === key) return r;
  }
  return whole;
}

/** n / d rounded half away from zero, for n >= 0 and d > 0 (BigInt, exact). */
function divRound(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (d * 2n);
}

/** The tax of one amount (minor units, >= 0) at `ratePpm`: added on top (`included` false) or
 * contained in it (`included` true). */
export function taxOf(amountMinor: number, ratePpm: number, included: boolean): number {
  if (amountMinor <= 0 || ratePpm <= 0) return 0;
  const n = BigInt(amountMinor);
  const r = BigInt(ratePpm);
  const scale = BigInt(TAX_RATE_SCALE);
  if (!included) return Number(divRound(n * r, scale));
  return Number(n - divRound(n * scale, scale + r));
}

export interface TaxLineInput {
  /** The line's total before any discount (price × quantity). */
  totalMinor: number;
  /** Its share of a discount code (OrderItem.discountMinor). */
  discountMinor: number;
  /** Whether the line's price already contains tax (its store's setting). */
  included: boolean;
}

export interface TaxShippingInput {
  /** The store the shipping is for (per-seller shipping), or null for one order-level cost. */
  storeId: string | null;
  amountMinor: number;
  /** Whether the shipping price contains tax; order-level delivery today is tax-exclusive. */
  included: boolean;
}

export interface TaxLineResult {
  taxMinor: number;
  ratePpm: number;
  included: boolean;
}

export interface TaxResult {
  /** The rate used (null: no tax applies to this destination). */
  rate: { name: string; ratePpm: number; appliesToShipping: boolean } | null;
  lines: TaxLineResult[];
  /** Per shipping amount given, in the same order. */
  shipping: TaxLineResult[];
  shippingTaxMinor: number;
  /** All of it: lines and shipping, included or added. */
  taxMinor: number;
  /** The part added to the total (exclusive prices). */
  addedMinor: number;
  /** The part already inside prices (inclusive prices). */
  includedMinor: number;
}

/** The tax of an order's lines (and shipping) at the destination's rate. */
export function computeTax(rate: TaxRateLike | null, lines: readonly TaxLineInput[], shipping: readonly TaxShippingInput[] = []): TaxResult {
  const ratePpm = rate?.ratePpm ?? 0;
  const lineResults = lines.map((l) => ({ taxMinor: taxOf(Math.max(0, l.totalMinor - l.discountMinor), ratePpm, l.included), ratePpm, included: l.included }));
  const shipRate = rate?.appliesToShipping ? ratePpm : 0;
  const shipResults = shipping.map((s) => ({ taxMinor: taxOf(s.amountMinor, shipRate, s.included), ratePpm: shipRate, included: s.included }));
  let added = 0;
  let inside = 0;
  for (const r of [...lineResults, ...shipResults]) {
    if (r.included) inside += r.taxMinor;
    else added += r.taxMinor;
  }
  const shippingTaxMinor = shipResults.reduce((s, r) => s + r.taxMinor, 0);
  return {
    rate: rate ? { name: rate.name, ratePpm: rate.ratePpm, appliesToShipping: rate.appliesToShipping } : null,
    lines: lineResults,
    shipping: shipResults,
    shippingTaxMinor,
    taxMinor: added + inside,
    addedMinor: added,
    includedMinor: inside,
  };
}

/** "8.875%" / "19%" from millionths. */
export function formatTaxRate(ppm: number): string {
  const hundredths = TAX_RATE_SCALE / 100; // 10,000 millionths per percent
  const whole = Math.floor(ppm / hundredths);
  const frac = String(ppm % hundredths).padStart(4, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/** A percentage as admins type it ("8.875", "19", "7.25%") to millionths; null when it is not
 * 0..100 with at most four decimals. */
export function parseTaxRate(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  const ppm = Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
  return ppm <= TAX_RATE_SCALE ? ppm : null;
}

/** How a line's or an order's tax reads: "incl. VAT 19%" (in the price) or "Sales tax 8.875%". */
export function taxLabel(name: string, ratePpm: number, included: boolean): string {
  return `${included ? "incl. " : ""}${name} ${formatTaxRate(ratePpm)}`;
}

export const ZTaxCountry = zText({ error: "Enter a country code" })
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCountryCode, "Enter a two-letter ISO 3166 country code, like US or DE");

const ZTaxRateFields = {
  country: ZTaxCountry,
  /** A state or province ("CA", "Bavaria"); empty: the whole country. */
  region: zText().trim().max(100, "Keep the region under 100 characters").default(""),
  name: zText({ error: "Enter the tax's name" }).trim().min(1, "Enter the tax's name, like VAT or Sales tax").max(40, "Keep the name under 40 characters"),
  /** A percentage ("8.875"), at most four decimals. */
  rate: zText({ error: "Enter a rate" })
    .trim()
    .min(1, "Enter a rate")
    .refine((s) => parseTaxRate(s) !== null, "Enter a percentage from 0 to 100 with at most four decimals, like 8.875"),
  appliesToShipping: z.boolean().default(false),
};

export const ZCreateTaxRateInput = z.object(ZTaxRateFields);
export type TCreateTaxRateInput = z.input<typeof ZCreateTaxRateInput>;
export const ZUpdateTaxRateInput = z.object({ id: zText().min(1).max(64), ...ZTaxRateFields });
export const ZRemoveTaxRateInput = z.object({ id: zText().min(1).max(64) });

/** The destination a tax quote is for (the checkout's country and region). */
export const ZTaxQuoteInput = z.object({
  country: zText().trim().max(2).default(""),
  region: zText().trim().max(100).default(""),
  /** Each seller's shipping price as the shopper chose it, for a rate that taxes shipping. */
  shipping: z
    .array(z.object({ storeId: zText().trim().min(1).max(64), amountMinor: z.number().int().min(0).max(100_000_000) }).strict())
    .max(100)
    .default([]),
});

/** An order's tax as pages show it (from what the order stored): null when it had none. The
 * included part is its lines' tax that was inside their prices; the rest (with shipping's) was
 * added to the total. */
export function orderTaxView(o: { taxMinor: number; taxName: string; taxRatePpm: number; items: readonly { taxMinor: number; taxIncluded: boolean }[] }): {
  name: string;
  ratePpm: number;
  addedMinor: number;
  includedMinor: number;
} | null {
  if (o.taxMinor <= 0 && !o.taxName) return null;
  const includedMinor = o.items.reduce((s, i) => s + (i.taxIncluded ? i.taxMinor : 0), 0);
  return { name: o.taxName, ratePpm: o.taxRatePpm, addedMinor: o.taxMinor - includedMinor, includedMinor };
}
