import "server-only";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { cartRouter } from "./routers/cart";
import { ordersRouter } from "./routers/orders";
import { catalogRouter } from "./routers/catalog";
import { realtimeRouter } from "./routers/realtime";
import { reviewsRouter } from "./routers/reviews";
import { recommendationsRouter } from "./routers/recommendations";
import { sellerRouter } from "./routers/seller";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  catalog: catalogRouter,
  cart: cartRouter,
  orders: ordersRouter,
  seller: sellerRouter,
  admin: adminRouter,
  realtime: realtimeRouter,
  reviews: reviewsRouter,
  recommendations: recommendationsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
