import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { countedOrder } from "@/server/observability/counters";
import { DELIVERY_OPTIONS } from "@/server/services/orders/delivery-options";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { checkout } from "@/server/services/orders/checkout";
import { getMyOrder, listMyOrders, ZListOrdersInput } from "@/server/services/orders/read-orders";
import { ZOrderId, ZPlaceOrderInput } from "@/server/services/orders/schemas";
import { limited, protectedProcedure, publicProcedure, router } from "../trpc";

export const ordersRouter = router({
  deliveryOptions: publicProcedure.query(() => DELIVERY_OPTIONS),
  place: protectedProcedure
    .use(limited("orders"))
    .input(ZPlaceOrderInput)
    // The checkout opens its own transactions: the card is authorised between them (decision 119).
    .mutation(({ ctx, input }) => countedOrder("storefront", () => checkout(ctx.db, ctx.user.id, input))),
  list: protectedProcedure.input(ZListOrdersInput).query(({ ctx, input }) => listMyOrders(ctx.db, ctx.user.id, input)),
  byId: protectedProcedure.input(ZOrderId).query(({ ctx, input }) => getMyOrder(ctx.db, ctx.user.id, input.orderId)),
  cancel: protectedProcedure.input(ZOrderId).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => cancelMyOrder(tx, ctx.user.id, input.orderId))),
});
