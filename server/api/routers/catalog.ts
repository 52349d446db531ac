import "server-only";
import { listFeaturedProducts, ZFeaturedProductsInput } from "@/server/services/catalog/featured-products";
import { getProductBySlug, ZGetProductInput } from "@/server/services/catalog/get-product";
import { listCategories, listProducts, ZListProductsInput } from "@/server/services/catalog/list-products";
import { searchProducts, ZSearchProductsInput } from "@/server/services/catalog/search-products";
import { limited, publicProcedure, router } from "../trpc";

export const catalogRouter = router({
  list: publicProcedure.input(ZListProductsInput).query(({ ctx, input }) => listProducts(ctx.db, input)),
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.db)),
  search: publicProcedure.use(limited("search")).input(ZSearchProductsInput).query(({ ctx, input }) => searchProducts(ctx.db, input)),
  featured: publicProcedure.input(ZFeaturedProductsInput).query(({ ctx, input }) => listFeaturedProducts(ctx.db, input)),
  bySlug: publicProcedure.input(ZGetProductInput).query(({ ctx, input }) => getProductBySlug(ctx.db, input)),
});
