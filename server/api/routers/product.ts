// Seller product editor: get, create, update with optimistic locking, archive/restore.
// Everything is scoped to the caller's store; another store's product answers NOT_FOUND.
import { getEditorProduct, listCategoryTree } from "@/server/services/product-editor/get-product";
import { createProduct, setProductStatus, updateProduct } from "@/server/services/product-editor/save-product";
import { ZCreateProductInput, ZGetEditorProductInput, ZSetStatusInput, ZUpdateProductInput } from "@/server/services/product-editor/schemas";
import { router, sellerProcedure } from "../trpc";

export const productRouter = router({
  /** The product with every editable field and its variants, for the editor. */
  get: sellerProcedure.input(ZGetEditorProductInput).query(({ ctx, input }) => getEditorProduct(ctx.db, ctx.store.id, input.id)),
  /** Top-level categories with their children, for the category select. */
  categories: sellerProcedure.query(({ ctx }) => listCategoryTree(ctx.db)),
  create: sellerProcedure
    .input(ZCreateProductInput)
    .mutation(({ ctx, input }) => createProduct(ctx.db, { userId: ctx.user.id, storeId: ctx.store.id }, input)),
  /** The whole form, refused with VERSION_CONFLICT (details.current = the saved product) if stale. */
  update: sellerProcedure
    .input(ZUpdateProductInput)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, { userId: ctx.user.id, storeId: ctx.store.id }, input)),
  /** Publish (ACTIVE), unpublish (DRAFT), archive (ARCHIVED) or restore; version-checked. */
  setStatus: sellerProcedure
    .input(ZSetStatusInput)
    .mutation(({ ctx, input }) => setProductStatus(ctx.db, { userId: ctx.user.id, storeId: ctx.store.id }, input)),
});
