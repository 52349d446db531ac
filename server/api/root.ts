import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { catalogRouter } from "./routers/catalog";
import { sellerRouter } from "./routers/seller";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  catalog: catalogRouter,
  seller: sellerRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
