// The one product CSV format, shared by export and import: one row per variant, product fields
// repeated on each of its variants' rows. See COLUMNS for the meaning of each column.

/** Columns in export order. Import accepts them in any order; `required` ones must be present. */
import "server-only";
import { readOptions } from "@/server/services/catalog/variant-fields";
export const COLUMNS = [
  { name: "product_slug", required: true, doc: "the product's URL slug (a-z, 0-9, dashes); identifies the product" },
  { name: "product_title", required: true, doc: "product title" },
  { name: "category", required: true, doc: "category slug, e.g. t-shirts" },
  { name: "status", required: false, doc: "DRAFT, ACTIVE or ARCHIVED (new products: DRAFT when empty)" },
  { name: "description", required: false, doc: "product description (may contain new lines)" },
  { name: "brand", required: false, doc: "brand name" },
  { name: "sku", required: true, doc: "the variant's SKU, unique across the marketplace; identifies the variant" },
  { name: "variant_title", required: false, doc: "variant title, e.g. M / Red" },
  { name: "options", required: false, doc: 'variant options as "size=M; colour=Red"' },
  { name: "price", required: true, doc: 'price in major units with at most 2 decimals, e.g. "12.50"' },
  { name: "currency", required: false, doc: "ISO 4217 code, e.g. USD (USD when empty)" },
  { name: "stock", required: true, doc: "units in stock (whole number >= 0); a difference goes through the inventory ledger" },
  { name: "low_stock_threshold", required: false, doc: "at or below this the variant counts as low stock (5 when empty)" },
] as const;

export type ColumnName = (typeof COLUMNS)[number]["name"];
export const COLUMN_NAMES: readonly ColumnName[] = COLUMNS.map((c) => c.name);

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;
export const MAX_STOCK = 1_000_000;

/** Whole number, or null. */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/** {size: "M", colour: "Red"} to "size=M; colour=Red" (in the stored order). */
export function formatOptions(options: unknown): string {
  return Object.entries(readOptions(options))
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

/** "size=M; colour=Red" to a record, or an error message. */
export function parseOptions(text: string): { ok: true; value: Record<string, string> } | { ok: false; error: string } {
  const value: Record<string, string> = {};
  const t = text.trim();
  if (t === "") return { ok: true, value };
  for (const part of t.split(";")) {
    const p = part.trim();
    if (p === "") continue;
    const eq = p.indexOf("=");
    if (eq <= 0) return { ok: false, error: `Option "${p}" must look like name=value` };
    const name = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    if (!name || !v) return { ok: false, error: `Option "${p}" must look like name=value` };
    if (Object.hasOwn(value, name)) return { ok: false, error: `Option "${name}" is given twice` };
    if (name.length > 50 || v.length > 100) return { ok: false, error: `Option "${name}" is too long` };
    value[name] = v;
  }
  return { ok: true, value };
}

/** Order-independent comparison of two option records. */
export function sameOptions(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}
