// Seller orders and fulfilment: every query and step is scoped to ctx.store.
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { getSellerOrder, listSellerOrders, ZSellerOrdersInput } from "@/server/services/fulfilment/read";
import { ZTransitionInput } from "@/server/services/fulfilment/rules";
import { transitionPart } from "@/server/services/fulfilment/transition";
import { router, sellerProcedure, sellerWrite } from "../trpc";

export const sellerOrdersRouter = router({
  list: sellerProcedure.input(ZSellerOrdersInput).query(({ ctx, input }) => listSellerOrders(ctx.db, ctx.store.id, input)),
  byId: sellerProcedure
    .input(z.object({ orderId: zText().min(1).max(64) }))
    .query(({ ctx, input }) => getSellerOrder(ctx.db, ctx.store.id, input.orderId)),
  transition: sellerProcedure.input(ZTransitionInput).mutation(sellerWrite(transitionPart)),
});
