// Admin: all orders, read-only.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { getAnyOrder, listAllOrders, ZAdminOrdersInput } from "@/server/services/admin/orders";
import { adminProcedure, router } from "../trpc";

export const adminOrdersRouter = router({
  list: adminProcedure.input(ZAdminOrdersInput).query(({ ctx, input }) => listAllOrders(ctx.db, input)),
  byId: adminProcedure.input(z.object({ orderId: zText().min(1).max(64) })).query(({ ctx, input }) => getAnyOrder(ctx.db, input.orderId)),
});
