import "server-only";
import { adminProcedure, router } from "../trpc";
import { adminApiKeysRouter } from "./api-keys";
import { adminAuditRouter } from "./admin-audit";
import { adminCurrenciesRouter } from "./admin-currencies";
import { adminOrdersRouter } from "./admin-orders";
import { adminStoresRouter } from "./admin-stores";
import { adminUsersRouter } from "./admin-users";
import { adminReviewsRouter } from "./reviews";
import { adminWebhooksRouter } from "./webhooks";
import { adminPromotionsRouter } from "./promotions";
import { adminTaxRatesRouter } from "./admin-tax-rates";

export const adminRouter = router({
  users: adminUsersRouter,
  stores: adminStoresRouter,
  orders: adminOrdersRouter,
  audit: adminAuditRouter,
  apiKeys: adminApiKeysRouter,
  webhooks: adminWebhooksRouter,
  currencies: adminCurrenciesRouter,
  reviews: adminReviewsRouter,
  promotions: adminPromotionsRouter,
  taxRates: adminTaxRatesRouter,
  overview: adminProcedure.query(async ({ ctx }) => {
    const [users, sellers, stores, orders] = await Promise.all([
      ctx.db.user.count(),
      ctx.db.user.count({ where: { role: "SELLER" } }),
      ctx.db.store.count(),
      ctx.db.order.count(),
    ]);
    return { users, sellers, stores, orders };
  }),
});
