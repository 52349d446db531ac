// CSV export of what the products table shows (same filters and sort, every page), in the
// format that import reads back: exporting then importing the same file changes nothing.
import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/server/db/transaction";
import { serializeCsv } from "./csv";
import { formatMajor } from "@/shared/money";
import { COLUMN_NAMES, formatOptions, type ColumnName } from "./format";
import { allSellerProducts, type SellerProductRow, type ZSellerProductsFilter } from "./list-products";

export function productRows(p: SellerProductRow): string[][] {
  return p.variants.map((v) => {
    const row: Record<ColumnName, string> = {
      product_slug: p.slug,
      product_title: p.title,
      category: p.category.slug,
      status: p.status,
      description: p.description,
      brand: p.brand,
      sku: v.sku,
      variant_title: v.title,
      options: formatOptions(v.options),
      price: formatMajor(v.priceMinor),
      currency: v.currency,
      stock: String(v.stock),
      low_stock_threshold: String(v.lowStockThreshold),
    };
    return COLUMN_NAMES.map((c) => row[c]);
  });
}

export async function exportProductsCsv(db: DbClient, storeId: string, filter: z.input<typeof ZSellerProductsFilter>): Promise<string> {
  const rows: string[][] = [[...COLUMN_NAMES]];
  for await (const chunk of allSellerProducts(db, storeId, filter)) for (const p of chunk) rows.push(...productRows(p));
  return serializeCsv(rows);
}
