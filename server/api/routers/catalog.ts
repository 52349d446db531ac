import "server-only";
import { cachedCategories, cachedFeaturedProducts, cachedListProducts, cachedProductBySlug, cachedSearchProducts } from "@/server/services/catalog/cached-reads";
import { ZFeaturedProductsInput } from "@/server/services/catalog/featured-products";
import { ZGetProductInput } from "@/server/services/catalog/get-product";
import { ZListProductsInput } from "@/server/services/catalog/list-products";
import { ZSearchProductsInput } from "@/server/services/catalog/search-products";
import { limited, router, sharedReadProcedure } from "../trpc";

/** Every catalog read answers the same to everyone: ETag + no-cache (server/api/http.ts), served
 * through the catalogue cache (server/services/catalog/catalog-cache.ts). */
export const catalogRouter = router({
  list: sharedReadProcedure.input(ZListProductsInput).query(({ ctx, input }) => cachedListProducts(ctx.db, input)),
  categories: sharedReadProcedure.query(({ ctx }) => cachedCategories(ctx.db)),
  search: sharedReadProcedure.use(limited("search")).input(ZSearchProductsInput).query(({ ctx, input }) => cachedSearchProducts(ctx.db, input)),
  featured: sharedReadProcedure.input(ZFeaturedProductsInput).query(({ ctx, input }) => cachedFeaturedProducts(ctx.db, input)),
  bySlug: sharedReadProcedure.input(ZGetProductInput).query(({ ctx, input }) => cachedProductBySlug(ctx.db, input)),
});
