import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { forYou, frequentlyBoughtTogether, recordProductView, similarProducts, ZForYouInput, ZRecordViewInput, ZSimilarInput, ZTogetherInput } from "@/server/services/recommendations/reads";
import { protectedProcedure, router, sharedReadProcedure } from "../trpc";

/** Recommendation rows (server/services/recommendations). "Together" and "similar" answer the
 * same to everyone (ETag, like the catalogue, but not cached: stock is checked on every read);
 * "for you" and the view log are the signed-in customer's own. */
export const recommendationsRouter = router({
  together: sharedReadProcedure.input(ZTogetherInput).query(({ ctx, input }) => frequentlyBoughtTogether(ctx.db, input)),
  similar: sharedReadProcedure.input(ZSimilarInput).query(({ ctx, input }) => similarProducts(ctx.db, input)),
  forYou: protectedProcedure.input(ZForYouInput).query(({ ctx, input }) => forYou(ctx.db, ctx.user.id, input)),
  recordView: protectedProcedure.input(ZRecordViewInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => recordProductView(tx, ctx.user.id, input))),
});
