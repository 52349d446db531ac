import "server-only";
import { listFeaturedProducts, ZFeaturedProductsInput } from "@/server/services/catalog/featured-products";
import { getProductBySlug, ZGetProductInput } from "@/server/services/catalog/get-product";
import { listCategories, listProducts, ZListProductsInput } from "@/server/services/catalog/list-products";
import { searchProducts, ZSearchProductsInput } from "@/server/services/catalog/search-products";
import { limited, router, sharedReadProcedure } from "../trpc";

/** Every catalog read answers the same to everyone: ETag + no-cache (server/api/http.ts). */
export const catalogRouter = router({
  list: sharedReadProcedure.input(ZListProductsInput).query(({ ctx, input }) => listProducts(ctx.db, input)),
  categories: sharedReadProcedure.query(({ ctx }) => listCategories(ctx.db)),
  search: sharedReadProcedure.use(limited("search")).input(ZSearchProductsInput).query(({ ctx, input }) => searchProducts(ctx.db, input)),
  featured: sharedReadProcedure.input(ZFeaturedProductsInput).query(({ ctx, input }) => listFeaturedProducts(ctx.db, input)),
  bySlug: sharedReadProcedure.input(ZGetProductInput).query(({ ctx, input }) => getProductBySlug(ctx.db, input)),
});
