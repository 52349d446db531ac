// Customers: registration, tokens, the cart and orders. The same services as auth.register,
// the sign-in page (signInWithPassword), cart.* and orders.*.
import "server-only";
import { z } from "zod";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { issueTokens, refreshTokens, revokeTokens, REFRESH_TOKEN_PREFIX } from "@/server/auth/api-tokens";
import { registerUser } from "@/server/services/users/register-user";
import { ZRegisterInput, ZSignInInput } from "@/shared/auth-schemas";
import { getCart } from "@/server/services/cart/get-cart";
import { addToCart, removeFromCart, setCartQuantity, ZCartSetQuantityInput } from "@/server/services/cart/cart-items";
import type { CartOwner } from "@/server/services/cart/cart-owner";
import { checkout } from "@/server/services/orders/checkout";
import { guestCheckout } from "@/server/services/orders/guest-checkout";
import { sendEmailVerification } from "@/server/services/account/email-verification";
import { getAppUrl } from "@/server/env";
import { ZPlaceOrderInput } from "@/server/services/orders/schemas";
import { cartShippingQuote, ZShippingAddress } from "@/server/services/shipping/quote";
import { cancelMyOrder } from "@/server/services/orders/cancel-order";
import { getMyOrder, listMyOrders } from "@/server/services/orders/read-orders";
import { zText } from "@/shared/text";
import { countedOrder } from "@/server/observability/counters";
import { op, type Principal } from "../operation";
import { json, listResult, pId, qCursor, qInt, ZCurrency, ZListOf, ZMinor, ZTimestamp } from "../schemas";

function customerOf(p: Principal) {
  if (p.kind !== "customer") throw new AppError("UNAUTHENTICATED", "Send a customer access token");
  return p.session;
}
function cartOwner(p: Principal): CartOwner {
  return { userId: customerOf(p).userId, token: null, setToken() {} };
}

const ZTokenPair = z
  .object({
    accessToken: zText().meta({ description: "Bearer token for customer operations (lm_at_…)" }),
    tokenType: z.literal("Bearer"),
    expiresIn: z.int32().meta({ description: "Seconds the access token lasts" }),
    refreshToken: zText().meta({ description: "Used once at POST /auth/refresh for a new pair (lm_rt_…)" }),
    refreshExpiresIn: z.int32(),
  })
  .meta({ id: "TokenPair" });
const ZRefreshToken = zText().min(1).max(200).startsWith(REFRESH_TOKEN_PREFIX, "Not a refresh token");

const ZCart = z
  .looseObject({
    lines: z.array(
      z.looseObject({
        variantId: zText(),
        productId: zText(),
        slug: zText(),
        title: zText(),
        sku: zText(),
        quantity: z.int32(),
        priceMinor: ZMinor,
        currency: ZCurrency,
        stock: z.int32(),
        lineTotalMinor: ZMinor,
        problems: z.array(zText()),
      }),
    ),
    currency: ZCurrency,
  })
  .meta({ id: "Cart" });

/** The short number people read (LM-7K3Q9); the order's id stays its key. */
const ZOrderNumber = zText().meta({ description: "The order's short number, e.g. LM-7K3Q9 (paths take it or the id)", example: "LM-7K3Q9" });
const ZOrderSummary = z
  .looseObject({ id: zText(), number: ZOrderNumber, orderUid: zText(), status: zText(), totalMinor: ZMinor, currency: ZCurrency, createdAt: ZTimestamp })
  .meta({ id: "OrderSummary" });
const ZOrder = z
  .looseObject({
    id: zText(),
    number: ZOrderNumber,
    orderUid: zText(),
    status: zText(),
    currency: ZCurrency,
    goodsTotalMinor: ZMinor,
    deliveryCostMinor: ZMinor,
    totalMinor: ZMinor,
    taxMinor: ZMinor.meta({ description: "All the order's tax (its lines' and its shipping's), included in prices or added; 0 without tax" }),
    shippingTaxMinor: ZMinor,
    taxName: zText().meta({ description: "The tax's name at order time (VAT, Sales tax); empty without tax" }),
    taxRatePpm: z.int32().meta({ description: "The rate used, in millionths: 88750 = 8.875%" }),
    tax: z
      .object({ name: zText(), ratePpm: z.int32(), addedMinor: ZMinor, includedMinor: ZMinor })
      .nullable()
      .meta({ description: "The tax as shown: the part added to the total and the part already inside prices; null without tax" }),
    createdAt: ZTimestamp,
    items: z.array(
      z.looseObject({
        id: zText(),
        name: zText(),
        quantity: z.int32(),
        taxMinor: ZMinor.meta({ description: "The line's tax on its amount after its discount share" }),
        taxRatePpm: z.int32(),
        taxIncluded: z.boolean().meta({ description: "True: the tax was inside the price (the store's prices include tax); false: added" }),
      }),
    ),
    /** One per store: its shipping option and money (decision 196). */
    parts: z.array(
      z.looseObject({
        storeId: zText(),
        status: zText(),
        shipping: z.object({ name: zText(), costMinor: ZMinor }).nullable().meta({ description: "The shipping option this part was placed with; null for an order placed before per-seller shipping" }),
        totals: z.object({
          subtotalMinor: ZMinor,
          discountMinor: ZMinor,
          shippingMinor: ZMinor,
          taxMinor: ZMinor.meta({ description: "All tax of the part: its lines' and its shipping's" }),
          taxIncludedMinor: ZMinor.meta({ description: "The part of taxMinor already inside the prices (not added to totalMinor)" }),
          totalMinor: ZMinor,
        }),
      }),
    ),
  })
  .meta({ id: "Order" });
const ZShippingQuote = z
  .object({
    country: zText(),
    region: zText(),
    shippable: z.boolean().meta({ description: "False when a store's part cannot ship to the address (its `unavailable` says why)" }),
    parts: z.array(
      z.object({
        storeId: zText(),
        storeName: zText(),
        currency: ZCurrency,
        subtotalMinor: ZMinor,
        options: z.array(z.object({ rateId: zText(), name: zText(), costMinor: ZMinor, freeAboveMinor: ZMinor.nullable() })),
        cheapestRateId: zText().nullable(),
        unavailable: zText().nullable(),
      }),
    ),
  })
  .meta({ id: "ShippingQuote" });
const ZPlacedOrder = z
  .object({ id: zText(), number: ZOrderNumber, orderUid: zText(), status: z.enum(["PLACED", "PAID"]), totalMinor: ZMinor, currency: ZCurrency })
  .meta({ id: "PlacedOrder" });

const ZOrderBody = ZPlaceOrderInput.omit({ idempotencyKey: true }).meta({ id: "PlaceOrderInput" });
const ZGuestOrderBody = ZPlaceOrderInput.omit({ idempotencyKey: true })
  .extend({ lines: ZPlaceOrderInput.shape.lines.unwrap() })
  .meta({ id: "PlaceGuestOrderInput" });
const ZGuestPlacedOrder = ZPlacedOrder.extend({
  link: zText().meta({ description: "The order's page for whoever holds this signed link (no account needed); also mailed to delivery.email" }),
}).meta({ id: "GuestPlacedOrder" });
const ZIdempotencyKey = ZPlaceOrderInput.shape.idempotencyKey;


/** The request's Idempotency-Key header, validated (VALIDATION when missing or malformed). */
function idempotencyKeyOf(req: Request): string {
  const key = ZIdempotencyKey.safeParse(req.headers.get("idempotency-key") ?? "");
  if (!key.success) throw new AppError("VALIDATION", "Send an Idempotency-Key header (8-100 letters, digits, - or _)", { fieldErrors: { "header.Idempotency-Key": key.error.issues.map((i) => i.message) } });
  return key.data;
}

export const customerOperations = [
  op({
    operationId: "register",
    method: "POST",
    path: "/auth/register",
    tag: "Customers",
    summary: "Create a customer account",
    access: { kind: "public" },
    body: ZRegisterInput,
    limit: "register",
    errors: ["CONFLICT"],
    response: { status: 201, description: "The new account", schema: z.object({ id: zText(), email: zText(), name: zText(), role: z.literal("CUSTOMER") }) },
    handler: async ({ db, body, clientAddress }) => {
      const user = await registerUser(db, body, { clientAddress });
      await sendEmailVerification(db, user.id);
      return { status: 201, body: user as { id: string; email: string; name: string; role: "CUSTOMER" } };
    },
  }),
  op({
    operationId: "createToken",
    method: "POST",
    path: "/auth/token",
    tag: "Customers",
    summary: "Sign in: an access token and a refresh token",
    description:
      "Email and password, plus `code` (TOTP or a recovery code) when the account has two-factor on: without it the answer is 401 with details.codeRequired. Throttled like the sign-in page.",
    access: { kind: "public" },
    body: ZSignInInput,
    response: { status: 200, description: "A token pair", schema: ZTokenPair },
    handler: async ({ db, body, clientAddress, req, limits }) => ({
      status: 200,
      body: await issueTokens(db, body, { clientAddress, userAgent: req.headers.get("user-agent"), limits }),
    }),
  }),
  op({
    operationId: "refreshToken",
    method: "POST",
    path: "/auth/refresh",
    tag: "Customers",
    summary: "A new token pair for a refresh token (each refresh token works once)",
    description: "Presenting a refresh token a second time ends its session (a copy was stolen or replayed).",
    access: { kind: "public" },
    body: z.object({ refreshToken: ZRefreshToken }).strict(),
    response: { status: 200, description: "A new token pair", schema: ZTokenPair },
    handler: async ({ db, body }) => {
      const r = await inTransaction(db, (tx) => refreshTokens(tx, body.refreshToken));
      if (r === "reused") throw new AppError("UNAUTHENTICATED", "This refresh token was already used: its session has been ended, sign in again");
      return { status: 200, body: r };
    },
  }),
  op({
    operationId: "revokeToken",
    method: "POST",
    path: "/auth/revoke",
    tag: "Customers",
    summary: "Sign out: end the session of a refresh token (or of the bearer access token)",
    access: { kind: "public" },
    body: z.object({ refreshToken: ZRefreshToken.optional() }).strict(),
    response: { status: 200, description: "Revoked (also for an unknown token, RFC 7009)", schema: z.object({ revoked: z.literal(true) }) },
    handler: async ({ db, body, principal }) => {
      await inTransaction(db, (tx) => revokeTokens(tx, { refreshToken: body.refreshToken, sessionId: principal.kind === "customer" ? principal.session.sessionId : undefined }));
      return { status: 200, body: { revoked: true as const } };
    },
  }),
  op({
    operationId: "getCart",
    method: "GET",
    path: "/cart",
    tag: "Cart",
    summary: "The customer's cart",
    access: { kind: "customer" },
    response: { status: 200, description: "The cart with its lines and totals", schema: ZCart },
    handler: async ({ db, principal }) => ({ status: 200, body: json(await getCart(db, cartOwner(principal))) as z.infer<typeof ZCart> }),
  }),
  op({
    operationId: "putCartItem",
    method: "PUT",
    path: "/cart/items/{variantId}",
    tag: "Cart",
    summary: "Set a variant's quantity in the cart (0 removes it)",
    access: { kind: "customer" },
    params: z.object({ variantId: pId("The variant") }),
    body: ZCartSetQuantityInput.pick({ quantity: true }).strict(),
    limit: "cart",
    errors: ["NOT_FOUND", "INSUFFICIENT_STOCK"],
    response: { status: 200, description: "The cart after the change", schema: ZCart },
    handler: async ({ db, principal, params, body }) => {
      const owner = cartOwner(principal);
      // PUT sets the quantity whether or not the variant is in the cart yet (add, else set).
      await inTransaction(db, async (tx) => {
        try {
          await setCartQuantity(tx, owner, { variantId: params.variantId, quantity: body.quantity });
        } catch (err) {
          if (!(err instanceof AppError && err.code === "NOT_FOUND") || body.quantity === 0) throw err;
          await addToCart(tx, owner, { variantId: params.variantId, quantity: body.quantity });
        }
      });
      return { status: 200, body: json(await getCart(db, owner)) as z.infer<typeof ZCart> };
    },
  }),
  op({
    operationId: "deleteCartItem",
    method: "DELETE",
    path: "/cart/items/{variantId}",
    tag: "Cart",
    summary: "Remove a variant from the cart",
    access: { kind: "customer" },
    params: z.object({ variantId: pId("The variant") }),
    limit: "cart",
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "The cart after the change", schema: ZCart },
    handler: async ({ db, principal, params }) => {
      const owner = cartOwner(principal);
      await inTransaction(db, (tx) => removeFromCart(tx, owner, { variantId: params.variantId }));
      return { status: 200, body: json(await getCart(db, owner)) as z.infer<typeof ZCart> };
    },
  }),
  op({
    operationId: "getShippingQuote",
    method: "GET",
    path: "/cart/shipping-quote",
    tag: "Cart",
    summary: "Each store's shipping options for the cart to an address",
    description:
      "Per store's part of the cart: its options for the address with their prices (priced on the part's goods subtotal and weight), the cheapest to preselect, or why it cannot ship there. Place the order with `shipping: [{ storeId, rateId }]`; a store left out ships with its cheapest option.",
    access: { kind: "customer" },
    query: ZShippingAddress.strict(),
    response: { status: 200, description: "The options per store", schema: ZShippingQuote },
    handler: async ({ db, principal, query }) => ({ status: 200, body: await cartShippingQuote(db, cartOwner(principal), query) }),
  }),
  op({
    operationId: "placeOrder",
    method: "POST",
    path: "/orders",
    tag: "Orders",
    summary: "Place an order (idempotent with Idempotency-Key)",
    description:
      "Orders the given lines, or the cart when `lines` is absent. The same Idempotency-Key with the same body returns the first order again (201, header Idempotent-Replayed: true); with a different body, 409. Concurrent requests with one key make one order.",
    access: { kind: "customer" },
    headers: { idempotencyKey: "required" },
    body: ZOrderBody,
    limit: "orders",
    errors: ["IDEMPOTENCY_CONFLICT", "INSUFFICIENT_STOCK", "PAYMENT_DECLINED", "PAYMENT_EXPIRED"],
    response: { status: 201, description: "The order", schema: ZPlacedOrder },
    handler: async ({ db, principal, body, req }) => {
      const key = idempotencyKeyOf(req);
      const userId = customerOf(principal).userId;
      const placed = await countedOrder("api", () => checkout(db, userId, { ...body, idempotencyKey: key }));
      const { replayed, ...order } = placed;
      return { status: 201, body: order, headers: { location: `/api/v1/orders/${order.id}`, ...(replayed ? { "idempotent-replayed": "true" } : {}) } };
    },
  }),
  op({
    operationId: "placeGuestOrder",
    method: "POST",
    path: "/guest-orders",
    tag: "Orders",
    summary: "Place an order without an account (idempotent with Idempotency-Key)",
    description:
      "Orders the given lines for a guest known by `delivery.email` (the Idempotency-Key is scoped to that email). The answer's `link` is a signed URL of the order's page, also mailed to the guest; an account later created and verified with that email takes the order over.",
    access: { kind: "public" },
    headers: { idempotencyKey: "required" },
    body: ZGuestOrderBody,
    limit: "orders",
    errors: ["IDEMPOTENCY_CONFLICT", "INSUFFICIENT_STOCK", "PAYMENT_DECLINED", "PAYMENT_EXPIRED"],
    response: { status: 201, description: "The order", schema: ZGuestPlacedOrder },
    handler: async ({ db, body, req }) => {
      const key = idempotencyKeyOf(req);
      const placed = await countedOrder("api", () => guestCheckout(db, { ...body, idempotencyKey: key }));
      const { replayed, link, ...order } = placed;
      return { status: 201, body: { ...order, link: new URL(link, getAppUrl()).toString() }, headers: replayed ? { "idempotent-replayed": "true" } : ({} as Record<string, string>) };
    },
  }),
  op({
    operationId: "listOrders",
    method: "GET",
    path: "/orders",
    tag: "Orders",
    summary: "The customer's orders, newest first",
    access: { kind: "customer" },
    query: z.object({ limit: qInt(1, 50).optional(), cursor: qCursor().optional() }).strict(),
    response: { status: 200, description: "A page of orders", schema: ZListOf(ZOrderSummary, "OrderSummaryList") },
    handler: async ({ db, principal, query, url }) => {
      const r = await listMyOrders(db, customerOf(principal).userId, { limit: query.limit, cursor: query.cursor });
      return listResult(url, json(r.items) as never[], r.nextCursor);
    },
  }),
  op({
    operationId: "getOrder",
    method: "GET",
    path: "/orders/{orderId}",
    tag: "Orders",
    summary: "One of the customer's orders",
    access: { kind: "customer" },
    params: z.object({ orderId: pId("The order's id or its number (LM-7K3Q9)") }),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "The order", schema: ZOrder },
    handler: async ({ db, principal, params }) => ({ status: 200, body: json(await getMyOrder(db, customerOf(principal).userId, params.orderId)) as z.infer<typeof ZOrder> }),
  }),
  op({
    operationId: "cancelOrder",
    method: "POST",
    path: "/orders/{orderId}/cancel",
    tag: "Orders",
    summary: "Cancel one of the customer's orders while nothing has shipped",
    access: { kind: "customer" },
    params: z.object({ orderId: pId("The order's id or its number (LM-7K3Q9)") }),
    errors: ["NOT_FOUND", "CONFLICT"],
    response: { status: 200, description: "The order after cancelling", schema: ZOrder },
    handler: async ({ db, principal, params }) => {
      const userId = customerOf(principal).userId;
      await inTransaction(db, (tx) => cancelMyOrder(tx, userId, params.orderId));
      return { status: 200, body: json(await getMyOrder(db, userId, params.orderId)) as z.infer<typeof ZOrder> };
    },
  }),
];
