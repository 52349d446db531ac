import { listCategories, listProducts, ZListProductsInput } from "@/server/services/catalog/list-products";
import { publicProcedure, router } from "../trpc";

export const catalogRouter = router({
  list: publicProcedure.input(ZListProductsInput).query(({ ctx, input }) => listProducts(ctx.db, input)),
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.db)),
});
