// Inputs of the products table and export. Plain zod, no server imports: the browser's URL
// parsing (components/seller/products-table/params.ts) shares these lists.
import { z } from "zod";
import { zText } from "@/shared/text";

export const SORT_FIELDS = ["title", "updated", "price", "stock"] as const;
export const STOCK_STATES = ["in", "low", "out"] as const;
export const PRODUCT_STATUSES = ["DRAFT", "ACTIVE", "ARCHIVED"] as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Filters and sort, without paging: the table and the CSV export share them. */
export const ZSellerProductsFilter = z
  .object({
    q: zText().trim().max(200, "At most 200 characters").optional(),
    status: z.enum(PRODUCT_STATUSES).optional(),
    /** category slug; a top-level category includes its subcategories */
    category: zText().trim().min(1).max(100).optional(),
    /** a product matches when at least one of its variants is in that state:
     * in = stock > 0, low = 0 < stock <= lowStockThreshold, out = stock 0 */
    stock: z.enum(STOCK_STATES).optional(),
    sort: z.enum(SORT_FIELDS).default("updated"),
    dir: z.enum(["asc", "desc"]).default("desc"),
  })
  .strict();

export const ZSellerProductsInput = ZSellerProductsFilter.extend({
  page: z.int32().min(1).max(100_000).default(1),
  pageSize: z
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), "Choose 10, 20, 50 or 100")
    .default(20),
}).strict();

export type TSellerProductsFilter = z.infer<typeof ZSellerProductsFilter>;
export type TSellerProductsInput = z.input<typeof ZSellerProductsInput>;
