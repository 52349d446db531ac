// Reviews and ratings (server/services/reviews): the public list of a product's reviews, the
// customer's own review (read, write, edit), the seller's replies (`seller.reviews`) and the
// admin's moderation (`admin.reviews`).
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { getMyReview, listAllReviews, listProductReviews, listStoreReviews, ZAdminReviewsInput, ZMyReviewInput, ZProductReviewsInput, ZSellerReviewsInput } from "@/server/services/reviews/read-reviews";
import { replyToReview, saveReview, setReviewHidden } from "@/server/services/reviews/write-reviews";
import { ZReplyInput, ZSaveReviewInput, ZSetHiddenInput } from "@/shared/reviews";
import { adminProcedure, limited, protectedProcedure, router, sharedReadProcedure, sellerProcedure, sellerWrite } from "../trpc";

export const reviewsRouter = router({
  /** A visible product's visible reviews, newest first (the same for everyone). */
  forProduct: sharedReadProcedure.input(ZProductReviewsInput).query(({ ctx, input }) => listProductReviews(ctx.db, input)),
  /** The caller's own review of a product, and whether they may write one (received it). */
  mine: protectedProcedure.input(ZMyReviewInput).query(({ ctx, input }) => getMyReview(ctx.db, ctx.user.id, input)),
  /** Creates the caller's review of a product they received, or edits it. */
  save: protectedProcedure
    .use(limited("reviews"))
    .input(ZSaveReviewInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => saveReview(tx, ctx.user.id, input))),
});

export const sellerReviewsRouter = router({
  list: sellerProcedure.input(ZSellerReviewsInput).query(({ ctx, input }) => listStoreReviews(ctx.db, ctx.store.id, input)),
  reply: sellerProcedure.use(limited("reviews")).input(ZReplyInput).mutation(sellerWrite(replyToReview)),
});

export const adminReviewsRouter = router({
  list: adminProcedure.input(ZAdminReviewsInput).query(({ ctx, input }) => listAllReviews(ctx.db, input)),
  setHidden: adminProcedure.input(ZSetHiddenInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setReviewHidden(tx, ctx.user.id, input))),
});
