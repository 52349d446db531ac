// Seller products table: list (search, filters, sort, pages), scoped to the caller's store.
// Inline edits use inventory.adjust and variant.updatePrice; the CSV export is a route handler
// (app/seller/products/export/route.ts) over the same service.
import { listSellerProducts, ZSellerProductsInput } from "@/server/services/seller-catalog/list-products";
import { router, sellerProcedure } from "../trpc";

export const sellerProductsRouter = router({
  /** One page of the store's products with their variants, filtered and sorted. */
  list: sellerProcedure.input(ZSellerProductsInput).query(({ ctx, input }) => listSellerProducts(ctx.db, ctx.store.id, input)),
});
