import "server-only";
import { acceptCartChanges, addToCart, removeFromCart, setCartQuantity, ZCartAddInput, ZCartRemoveInput, ZCartSetQuantityInput } from "@/server/services/cart/cart-items";
import { countCart, getCart } from "@/server/services/cart/get-cart";
import { publicProcedure, router } from "../trpc";

/** Guests and signed-in customers alike: the cart is found from the session or the cookie. */
export const cartRouter = router({
  get: publicProcedure.query(({ ctx }) => getCart(ctx.db, ctx.cart)),
  count: publicProcedure.query(({ ctx }) => countCart(ctx.db, ctx.cart)),
  add: publicProcedure.input(ZCartAddInput).mutation(({ ctx, input }) => addToCart(ctx.db, ctx.cart, input)),
  setQuantity: publicProcedure.input(ZCartSetQuantityInput).mutation(({ ctx, input }) => setCartQuantity(ctx.db, ctx.cart, input)),
  remove: publicProcedure.input(ZCartRemoveInput).mutation(({ ctx, input }) => removeFromCart(ctx.db, ctx.cart, input)),
  acceptChanges: publicProcedure.mutation(({ ctx }) => acceptCartChanges(ctx.db, ctx.cart)),
});
