// Admin: stores with owner, product and order counts.
import "server-only";
import { listStores, ZListStoresInput } from "@/server/services/admin/stores";
import { adminProcedure, router } from "../trpc";

export const adminStoresRouter = router({
  list: adminProcedure.input(ZListStoresInput).query(({ ctx, input }) => listStores(ctx.db, input)),
});
