import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { cartRouter } from "./routers/cart";
import { ordersRouter } from "./routers/orders";
import { catalogRouter } from "./routers/catalog";
import { inventoryRouter } from "./routers/inventory";
import { productRouter } from "./routers/product";
import { realtimeRouter } from "./routers/realtime";
import { variantRouter } from "./routers/variant";
import { sellerRouter } from "./routers/seller";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  catalog: catalogRouter,
  cart: cartRouter,
  orders: ordersRouter,
  seller: sellerRouter,
  product: productRouter,
  inventory: inventoryRouter,
  variant: variantRouter,
  admin: adminRouter,
  realtime: realtimeRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
