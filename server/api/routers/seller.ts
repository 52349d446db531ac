import "server-only";
import { getSellerDashboard, getVariantSummary, ZVariantSummaryInput } from "@/server/services/seller-dashboard/dashboard";
import { mailPreferences, setMailPreferences, ZMailPreferences } from "@/server/services/notifications/unsubscribe";
import { inTransaction } from "@/server/db/transaction";
import { setStoreTaxSettings, storeTaxSettings, ZStoreTaxSettings } from "@/server/services/tax/store-setting";
import { sellerProcedure, router } from "../trpc";
import { sellerApiKeysRouter } from "./api-keys";
import { sellerImportRouter } from "./seller-import";
import { sellerInventoryRouter } from "./seller-inventory";
import { sellerOrdersRouter } from "./seller-orders";
import { sellerReviewsRouter } from "./reviews";
import { sellerProductsRouter } from "./seller-products";
import { sellerWebhooksRouter } from "./webhooks";
import { sellerPromotionsRouter } from "./promotions";
import { sellerShippingRouter } from "./shipping";

export const sellerRouter = router({
  products: sellerProductsRouter,
  inventory: sellerInventoryRouter,
  import: sellerImportRouter,
  orders: sellerOrdersRouter,
  reviews: sellerReviewsRouter,
  apiKeys: sellerApiKeysRouter,
  webhooks: sellerWebhooksRouter,
  promotions: sellerPromotionsRouter,
  shipping: sellerShippingRouter,
  /** The dashboard: today, the last 30 UTC days, latest orders, low and out-of-stock variants. */
  dashboard: sellerProcedure.query(({ ctx }) => getSellerDashboard(ctx.db, ctx.store)),
  /** Names a variant of this store (for low-stock alerts); another store's answers NOT_FOUND. */
  variantSummary: sellerProcedure.input(ZVariantSummaryInput).query(({ ctx, input }) => getVariantSummary(ctx.db, ctx.store.id, input)),
  /** The seller's own email settings: the daily low-stock digest on or off (decision 169). */
  mailSettings: sellerProcedure.query(({ ctx }) => mailPreferences(ctx.db, ctx.user.id)),
  /** Turns the daily low-stock digest on (resubscribe) or off. */
  setMailSettings: sellerProcedure.input(ZMailPreferences).mutation(({ ctx, input }) => setMailPreferences(ctx.db, ctx.user.id, input)),
  /** Whether the store's prices include tax (decision 191). */
  taxSettings: sellerProcedure.query(({ ctx }) => storeTaxSettings(ctx.db, ctx.store.id)),
  /** Prices with tax included, or tax added at checkout (audited). */
  setTaxSettings: sellerProcedure.input(ZStoreTaxSettings).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setStoreTaxSettings(tx, ctx.user.id, ctx.store.id, input))),
});
