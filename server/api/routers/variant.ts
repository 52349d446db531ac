import { updateVariantPrice } from "@/server/services/inventory/update-price";
import { ZUpdatePriceInput } from "@/server/services/inventory/schemas";
import { router, sellerProcedure } from "../trpc";

export const variantRouter = router({
  /** Change one variant's price; refused with VERSION_CONFLICT if the product changed since it was loaded. */
  updatePrice: sellerProcedure
    .input(ZUpdatePriceInput)
    .mutation(({ ctx, input }) => updateVariantPrice(ctx.db, { userId: ctx.user.id, storeId: ctx.store.id }, input)),
});
