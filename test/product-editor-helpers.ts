// The product editor's update input for a product as loaded, with changes: what a seller saving
// the editor page sends. Shared by the editor's and the search index's tests.
import type { EditorProduct } from "@/server/services/product-editor/get-product";
import type { TUpdateProductInput } from "@/server/services/product-editor/schemas";

export const toUpdate = (p: EditorProduct, patch: Partial<TUpdateProductInput> = {}): TUpdateProductInput => ({
  id: p.id,
  expectedVersion: p.version,
  title: p.title,
  slug: p.slug,
  description: p.description,
  brand: p.brand,
  categoryId: p.categoryId,
  images: p.images,
  status: p.status,
  variants: p.variants.map((v) => ({ id: v.id, sku: v.sku, title: v.title, options: v.options, priceMinor: v.priceMinor, lowStockThreshold: v.lowStockThreshold })),
  ...patch,
});
