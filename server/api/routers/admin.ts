import { adminProcedure, router } from "../trpc";

export const adminRouter = router({
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
