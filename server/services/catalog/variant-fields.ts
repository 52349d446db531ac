// What every view of a variant reads (the storefront's product page, the seller's editor), and
// how its free-form `options` JSON is read everywhere (pages, the editor, CSV export and import).
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";

export const variantFieldsSelect = {
  id: true,
  sku: true,
  title: true,
  options: true,
  priceMinor: true,
  compareAtMinor: true,
  currency: true,
  stock: true,
  lowStockThreshold: true,
  version: true,
} satisfies Prisma.VariantSelect;

/** A variant's options as name -> value text: numbers and booleans written out, anything else
 * (empty text, nested objects, a non-object) left out. */
export function readOptions(json: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!json || typeof json !== "object" || Array.isArray(json)) return out;
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === "string" && value !== "") out[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") out[key] = String(value);
  }
  return out;
}
