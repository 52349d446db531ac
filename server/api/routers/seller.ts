import { getSellerDashboard, getVariantSummary, ZVariantSummaryInput } from "@/server/services/seller-dashboard/dashboard";
import { sellerProcedure, router } from "../trpc";
import { sellerImportRouter } from "./seller-import";
import { sellerOrdersRouter } from "./seller-orders";
import { sellerProductsRouter } from "./seller-products";

export const sellerRouter = router({
  products: sellerProductsRouter,
  import: sellerImportRouter,
  orders: sellerOrdersRouter,
  /** The dashboard: today, the last 30 UTC days, latest orders, low and out-of-stock variants. */
  dashboard: sellerProcedure.query(({ ctx }) => getSellerDashboard(ctx.db, ctx.store)),
  /** Names a variant of this store (for low-stock alerts); another store's answers NOT_FOUND. */
  variantSummary: sellerProcedure.input(ZVariantSummaryInput).query(({ ctx, input }) => getVariantSummary(ctx.db, ctx.store.id, input)),
  /** The seller's store at a glance: counts (kept for API clients; the page uses `dashboard`). */
  overview: sellerProcedure.query(async ({ ctx }) => {
    const storeId = ctx.store.id;
    const [products, active, outOfStock, lowStock] = await Promise.all([
      ctx.db.product.count({ where: { storeId, deletedAt: null } }),
      ctx.db.product.count({ where: { storeId, deletedAt: null, status: "ACTIVE" } }),
      ctx.db.variant.count({ where: { product: { storeId, deletedAt: null }, stock: 0 } }),
      ctx.db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
        WHERE p."storeId" = ${storeId} AND p."deletedAt" IS NULL AND v.stock > 0 AND v.stock <= v."lowStockThreshold"`,
    ]);
    return { store: ctx.store, products, active, outOfStock, lowStock: Number(lowStock[0]?.n ?? 0) };
  }),
});
