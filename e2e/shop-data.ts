// Picks products from the deterministic demo catalog (the same data the app was seeded with).
import { createHash } from "node:crypto";
import { buildCatalog, type SeedProduct, type SeedVariant } from "../prisma/seed/catalog.ts";

export const catalog = buildCatalog();

export function variantId(sku: string): string {
  return `var_${createHash("sha256").update(sku).digest("hex").slice(0, 20)}`;
}

/** Active products, each variant with at least `minStock` units. `skip` picks a different one
 * per test so tests do not share stock. */
export function pickVariant(pred: (p: SeedProduct, v: SeedVariant) => boolean, skip = 0): { product: SeedProduct; variant: SeedVariant; id: string } {
  const found: { product: SeedProduct; variant: SeedVariant; id: string }[] = [];
  for (const product of catalog.products) {
    if (product.status !== "ACTIVE") continue;
    for (const variant of product.variants) if (pred(product, variant)) found.push({ product, variant, id: variantId(variant.sku) });
  }
  const pick = found[skip];
  if (!pick) throw new Error("no such variant in the demo catalog");
  return pick;
}
