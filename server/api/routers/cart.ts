import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { acceptCartChanges, addToCart, removeFromCart, setCartQuantity, ZCartAddInput, ZCartRemoveInput, ZCartSetQuantityInput } from "@/server/services/cart/cart-items";
import { cartCodeLines, countCart, getCart } from "@/server/services/cart/get-cart";
import { applyCartCode, removeCartCode, ZCartCodeInput } from "@/server/services/promotions/cart-code";
import { cartShippingQuote, ZShippingAddress } from "@/server/services/shipping/quote";
import { quoteCartTax } from "@/server/services/tax/quote";
import { ZTaxQuoteInput } from "@/shared/tax";
import { cartProcedure, limited, router } from "../trpc";

/** Cart writes: limited per address and per signed-in user. */
const cartWrite = cartProcedure.use(limited("cart"));

/** Guests and signed-in customers alike: the cart is found from the session or the cookie. */
export const cartRouter = router({
  get: cartProcedure.query(({ ctx }) => getCart(ctx.db, ctx.cart)),
  count: cartProcedure.query(({ ctx }) => countCart(ctx.db, ctx.cart)),
  add: cartWrite.input(ZCartAddInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => addToCart(tx, ctx.cart, input))),
  setQuantity: cartWrite.input(ZCartSetQuantityInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setCartQuantity(tx, ctx.cart, input))),
  remove: cartWrite.input(ZCartRemoveInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => removeFromCart(tx, ctx.cart, input))),
  /** A discount code: kept on the cart when it applies; otherwise 400 with the reason (nothing changes). */
  applyCode: cartWrite.input(ZCartCodeInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => applyCartCode(tx, ctx.cart, input, (db) => cartCodeLines(db, ctx.cart)))),
  removeCode: cartWrite.mutation(({ ctx }) => inTransaction(ctx.db, (tx) => removeCartCode(tx, ctx.cart))),
  /** Each store's shipping options for the cart to an address (decision 195), cheapest preselected;
   * a store that does not ship there says so. */
  shippingQuote: cartProcedure.input(ZShippingAddress).query(({ ctx, input }) => cartShippingQuote(ctx.db, ctx.cart, input)),
  /** The cart's tax for a destination (country, region) and delivery cost: what the checkout
   * shows per line and in its totals once an address is chosen (decision 192). */
  taxQuote: cartProcedure.input(ZTaxQuoteInput).query(({ ctx, input }) => quoteCartTax(ctx.db, ctx.cart, input)),
  acceptChanges: cartWrite.mutation(({ ctx }) => inTransaction(ctx.db, (tx) => acceptCartChanges(tx, ctx.cart))),
});
