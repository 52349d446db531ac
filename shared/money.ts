// Money, one way everywhere: amounts are integer minor units (cents) from the form, the CSV and
// the API to the database and back; nothing parses or adds prices as floating-point numbers.
import { z } from "zod";

/** The largest price anything accepts, in minor units (1,000,000.00). */
export const MAX_PRICE_MINOR = 100_000_000;
/** The largest order total (goods and delivery, minor units): what an order's integer columns
 * hold (PostgreSQL integer). A bigger order is refused before any payment is attempted. */
export const MAX_ORDER_TOTAL_MINOR = 2_147_483_647;

const MONEY_RE = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * "12.5" / "12.50" / "12" to 1250: the one parser for prices typed into forms, read from CSV
 * files or sent as text. Null when the text is not a non-negative amount with at most two
 * decimals and a dot (no currency signs, thousands separators, exponents or decimal commas).
 */
export function parseMoney(text: string): number | null {
  const m = MONEY_RE.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** Integer minor units to the text `parseMoney` reads back, e.g. 1250 -> "12.50". */
export function formatMajor(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units to a localised price for display, e.g. 1299 USD -> "$12.99". */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const key = `${locale}:${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, f);
  }
  return f.format(minor / 100);
}

/** A price field of any input: whole minor units above 0. */
export const ZPriceMinor = z
  .number({ error: "Enter a price" })
  .int("Whole cents only")
  .min(1, "A price must be above 0")
  .max(MAX_PRICE_MINOR, "Too large");
