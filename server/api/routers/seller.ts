import "server-only";
import { getSellerDashboard, getVariantSummary, ZVariantSummaryInput } from "@/server/services/seller-dashboard/dashboard";
import { sellerProcedure, router } from "../trpc";
import { sellerApiKeysRouter } from "./api-keys";
import { sellerImportRouter } from "./seller-import";
import { sellerInventoryRouter } from "./seller-inventory";
import { sellerOrdersRouter } from "./seller-orders";
import { sellerProductsRouter } from "./seller-products";
import { sellerWebhooksRouter } from "./webhooks";
import { sellerPromotionsRouter } from "./promotions";

export const sellerRouter = router({
  products: sellerProductsRouter,
  inventory: sellerInventoryRouter,
  import: sellerImportRouter,
  orders: sellerOrdersRouter,
  apiKeys: sellerApiKeysRouter,
  webhooks: sellerWebhooksRouter,
  promotions: sellerPromotionsRouter,
  /** The dashboard: today, the last 30 UTC days, latest orders, low and out-of-stock variants. */
  dashboard: sellerProcedure.query(({ ctx }) => getSellerDashboard(ctx.db, ctx.store)),
  /** Names a variant of this store (for low-stock alerts); another store's answers NOT_FOUND. */
  variantSummary: sellerProcedure.input(ZVariantSummaryInput).query(({ ctx, input }) => getVariantSummary(ctx.db, ctx.store.id, input)),
});
