// Discount codes (server/services/promotions): seller.promotions.* for the seller's store (the
// store comes from the guard, never from the input), admin.promotions.* for the platform's codes
// (they apply to every store's lines). One router over an Owner.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import {
  createPromotion,
  getPromotion,
  listPromotions,
  promotionTargets,
  setPromotionActive,
  updatePromotion,
  ZPromotionActiveInput,
  ZPromotionIdInput,
  ZPromotionInput,
  ZPromotionUpdateInput,
} from "@/server/services/promotions/manage";
import { platformOwnerProcedure, router, storeOwnerProcedure, type OwnerProcedure } from "../trpc";

function promotionsRouter(p: OwnerProcedure) {
  const owner = (ctx: { owner: { actor: { id: string }; storeId: string | null } }) => ({ actor: ctx.owner.actor, storeId: ctx.owner.storeId });
  return router({
    /** The owner's codes with their usage counts. */
    list: p.query(({ ctx }) => listPromotions(ctx.db, { storeId: ctx.owner.storeId })),
    get: p.input(ZPromotionIdInput).query(({ ctx, input }) => getPromotion(ctx.db, { storeId: ctx.owner.storeId }, input.id)),
    create: p.input(ZPromotionInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createPromotion(tx, owner(ctx), input))),
    update: p.input(ZPromotionUpdateInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => updatePromotion(tx, owner(ctx), input))),
    /** What a code can be limited to: the category tree, and the store's own products (a seller). */
    targets: p.query(({ ctx }) => promotionTargets(ctx.db, { storeId: ctx.owner.storeId })),
    /** Deactivate (refused from now on) or reactivate. */
    setActive: p.input(ZPromotionActiveInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setPromotionActive(tx, owner(ctx), input))),
  });
}

export const sellerPromotionsRouter = promotionsRouter(storeOwnerProcedure);
export const adminPromotionsRouter = promotionsRouter(platformOwnerProcedure);
