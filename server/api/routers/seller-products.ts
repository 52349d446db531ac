// Seller catalogue: the products table (search, filters, sort, pages), the product editor
// (create, update with optimistic locking, archive/restore) and inline price edits. Everything is
// scoped to the caller's store; another store's product answers NOT_FOUND. The CSV export is a
// route handler (app/seller/products/export/route.ts) over the same list service.
import "server-only";
import { updateVariantPrice } from "@/server/services/inventory/update-price";
import { ZBulkEditInput, ZUpdatePriceInput } from "@/server/services/inventory/schemas";
import { bulkEditVariants } from "@/server/services/inventory/bulk-edit";
import { getEditorProduct, listCategoryTree } from "@/server/services/product-editor/get-product";
import { createProduct, setProductStatus, updateProduct } from "@/server/services/product-editor/save-product";
import { ZCreateProductInput, ZGetEditorProductInput, ZSetStatusInput, ZUpdateProductInput } from "@/server/services/product-editor/schemas";
import { listSellerProducts, ZSellerProductsInput } from "@/server/services/seller-catalog/list-products";
import { router, sellerProcedure, sellerWrite } from "../trpc";

export const sellerProductsRouter = router({
  /** One page of the store's products with their variants, filtered and sorted. */
  list: sellerProcedure.input(ZSellerProductsInput).query(({ ctx, input }) => listSellerProducts(ctx.db, ctx.store.id, input)),
  /** The product with every editable field and its variants, for the editor. */
  get: sellerProcedure.input(ZGetEditorProductInput).query(({ ctx, input }) => getEditorProduct(ctx.db, ctx.store.id, input.id)),
  /** Top-level categories with their children, for the category select. */
  categories: sellerProcedure.query(({ ctx }) => listCategoryTree(ctx.db)),
  create: sellerProcedure.input(ZCreateProductInput).mutation(sellerWrite(createProduct)),
  /** The whole form, refused with VERSION_CONFLICT (details.current = the saved product) if stale. */
  update: sellerProcedure.input(ZUpdateProductInput).mutation(sellerWrite(updateProduct)),
  /** Publish (ACTIVE), unpublish (DRAFT), archive (ARCHIVED) or restore; version-checked. */
  setStatus: sellerProcedure.input(ZSetStatusInput).mutation(sellerWrite(setProductStatus)),
  /** Change one variant's price; refused with VERSION_CONFLICT if the product changed since it was loaded. */
  updatePrice: sellerProcedure.input(ZUpdatePriceInput).mutation(sellerWrite(updateVariantPrice)),
  /** One price, stock or status change for the selected variants in one transaction; rows whose
   * check fails (changed since loaded, below zero, gone) are reported and left as they are. */
  bulkEdit: sellerProcedure.input(ZBulkEditInput).mutation(sellerWrite(bulkEditVariants)),
});
