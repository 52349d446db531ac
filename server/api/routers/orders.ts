import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { countedOrder } from "@/server/observability/counters";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { checkout } from "@/server/services/orders/checkout";
import { guestCheckout } from "@/server/services/orders/guest-checkout";
import { getOrderByLink } from "@/server/services/orders/order-link";
import { AppError } from "@/server/errors";
import { z } from "zod";
import { zText } from "@/shared/text";
import { getMyOrder, listMyOrders, ZListOrdersInput } from "@/server/services/orders/read-orders";
import { ZOrderId, ZPlaceOrderInput } from "@/server/services/orders/schemas";
import { limited, protectedProcedure, publicProcedure, router } from "../trpc";

export const ordersRouter = router({
  place: protectedProcedure
    .use(limited("orders"))
    .input(ZPlaceOrderInput)
    // The checkout opens its own transactions: the card is authorised between them (decision 119).
    .mutation(({ ctx, input }) => countedOrder("storefront", () => checkout(ctx.db, ctx.user.id, input))),
  /** Checkout without an account (decision 146): the cart of the guest cookie, or `lines`. Limited
   * per address and per email; the answer carries the signed link to the order. */
  placeAsGuest: publicProcedure.input(ZPlaceOrderInput).mutation(async ({ ctx, input }) => {
    if (await ctx.getSession()) throw new AppError("CONFLICT", "You are signed in: your order is placed from your account. Reload the checkout.");
    if (ctx.limits) await ctx.limits.consume("orders", { ip: ctx.clientAddress, user: `guest:${input.delivery.email}` });
    return countedOrder("storefront", () => guestCheckout(ctx.db, input, { cartToken: ctx.cartToken }));
  }),
  /** The order a signed link shows, for whoever holds it; a bad token is NOT_FOUND. */
  byLink: publicProcedure.input(z.object({ token: zText().min(1).max(1000) })).query(({ ctx, input }) => getOrderByLink(ctx.db, input.token)),
  list: protectedProcedure.input(ZListOrdersInput).query(({ ctx, input }) => listMyOrders(ctx.db, ctx.user.id, input)),
  byId: protectedProcedure.input(ZOrderId).query(({ ctx, input }) => getMyOrder(ctx.db, ctx.user.id, input.orderId)),
  cancel: protectedProcedure.input(ZOrderId).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => cancelMyOrder(tx, ctx.user.id, input.orderId))),
});
