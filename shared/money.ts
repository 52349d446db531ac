// Money, one way everywhere: amounts are integer minor units (cents) from the form, the CSV and
// the API to the database and back; nothing parses or adds prices as floating-point numbers.
import { z } from "zod";

/** The largest price anything accepts, in minor units (1,000,000.00). */
export const MAX_PRICE_MINOR = 100_000_000;
/** The largest order total (goods and delivery, minor units): what an order's integer columns
 * hold (PostgreSQL integer). A bigger order is refused before any payment is attempted. */
export const MAX_ORDER_TOTAL_MINOR = 2_147_483_647;

const decimalsCache = new Map<string, number>();

/** How many decimals a currency's minor unit has (ISO 4217, from the runtime's ICU): USD 2, JPY 0,
 * KWD 3. Every amount is an integer count of that unit. */
export function currencyDecimals(currency: string): number {
  let d = decimalsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    decimalsCache.set(currency, d);
  }
  return d;
}

/** Whether `code` is a currency the runtime knows (three capital letters it can format). */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf("currency").includes(code);
}

/**
 * "12.5" / "12.50" / "12" to 1250: the one parser for prices typed into forms, read from CSV
 * files or sent as text. Null when the text is not a non-negative amount with at most the
 * currency's decimals (two unless told) and a dot (no currency signs, thousands separators,
 * exponents or decimal commas). With 0 decimals (JPY) only whole numbers are read.
 */
export function parseMoney(text: string, decimals = 2): number | null {
  const re = decimals === 0 ? /^(\d{1,9})$/ : new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${decimals}}))?$`);
  const m = re.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 10 ** decimals + Number((m[2] ?? "0").padEnd(decimals, "0") || "0");
}

/** Integer minor units to the text `parseMoney` reads back, e.g. 1250 -> "12.50" (0 decimals: "1250"). */
export function formatMajor(minor: number, decimals = 2): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (decimals === 0) return `${sign}${abs}`;
  const unit = 10 ** decimals;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(decimals, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units to a localised price for display, e.g. 1299 USD -> "$12.99", 1299 JPY -> "¥1,299". */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const key = `${locale}:${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, f);
  }
  return f.format(minor / 10 ** currencyDecimals(currency));
}

/** Exchange rates as kept by admins: per currency, how many of its major units one major unit of
 * the base currency buys, times 1,000,000 (an integer: 1 USD = 0.92 EUR is 920000). */
export interface Rates {
  base: string;
  /** currency -> micro-rate against `base` (the base itself needs no entry) */
  micros: Record<string, number>;
}

/** The micro-rate written as a decimal ("0.92", "155.5"); null when it is not a positive rate
 * with at most six decimals. */
export function parseRate(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) return null;
  const micros = Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(6, "0"));
  return micros > 0 && Number.isSafeInteger(micros) ? micros : null;
}

/** A micro-rate as the decimal `parseRate` reads: 920000 -> "0.92". */
export function formatRate(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const frac = String(micros % 1_000_000).padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * An amount in `from` shown in `to`, in `to`'s minor units, or null when a rate is missing.
 * Exact integer arithmetic (BigInt), rounded half away from zero once, at the end: 1299 USD at
 * 0.92 EUR -> 1195 (11.9508 EUR); 1299 USD at 155.5 JPY -> 2020 (2019.945 JPY).
 */
export function convertMinor(minor: number, from: string, to: string, rates: Rates): number | null {
  if (from === to) return minor;
  const rateOf = (c: string) => (c === rates.base ? 1_000_000 : rates.micros[c]);
  const rFrom = rateOf(from);
  const rTo = rateOf(to);
  if (!rFrom || !rTo) return null;
  // minor / 10^dFrom = major amount in `from`; / rFrom * rTo = major in `to`; * 10^dTo = minor in `to`.
  const num = BigInt(Math.abs(minor)) * BigInt(rTo) * 10n ** BigInt(currencyDecimals(to));
  const den = BigInt(rFrom) * 10n ** BigInt(currencyDecimals(from));
  const rounded = Number((num * 2n + den) / (den * 2n));
  return minor < 0 ? -rounded : rounded;
}

/** A price field of any input: whole minor units above 0. */
export const ZPriceMinor = z
  .number({ error: "Enter a price" })
  .int("Whole cents only")
  .min(1, "A price must be above 0")
  .max(MAX_PRICE_MINOR, "Too large");
