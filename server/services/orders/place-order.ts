// Step one of a checkout (server/services/orders/checkout.ts composes the three): reserving.
// One short transaction (the caller's) that cannot oversell:
//  - the stock of every line changes in one statement of server/services/inventory/variant-change.ts:
//    conditional decrements (UPDATE … WHERE stock >= qty, never a read-then-write) on variants
//    locked in id order, so two orders never deadlock (takeStock);
//  - then one statement writes the order with its items, payment row, delivery, status history,
//    the ledger rows and stock events takeStock built for the lines, and for an order that is
//    placed at once its fulfilment parts and the order.placed event;
//  - any line short of stock refuses the whole order with a reason per line;
//  - a card order is written as PENDING_PAYMENT with "reservedUntil": its units are off sale (the
//    stock events say so now), and the card is authorised after COMMIT, outside any transaction,
//    then the order is confirmed or released (settle-payment.ts). Pay on delivery has nothing to
//    authorise and is placed here, cart emptied, as before;
//  - a guest (no account: userId null) is known by the checkout's email, which scopes its key the
//    way an account does (Order.guestEmail), and orders the cart of its cookie (decision 146);
//  - the idempotency key (per customer) makes a repeat return the same order; the same key
//    with a different request is a conflict. Attempts with one key take turns on an advisory
//    lock, so the second always sees the first's order, and a repeat that finds the order still
//    PENDING_PAYMENT resumes its payment instead of reserving again;
//  - a discount code (decisions 171-173) locks its promotion rows before any variant's, is checked
//    against the prices the stock statement read, and its use is recorded by this transaction, so
//    a code's limits hold under any concurrency; a replay returns the order without a second use.
// Written for speed (docs/performance.md): the time between the stock change and COMMIT is what
// all buyers of a popular item wait through, so it is two statements, and no payment.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client.ts";
import { newId } from "@/server/db/ids";
import type { DbClient, Tx, TxOptions } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { takeStock } from "@/server/services/inventory/variant-change";
import { eventsRecorded, outboxEvent, outboxInsert } from "@/server/services/outbox/record-event";
import type { PaymentOutcome, PaymentProvider } from "@/server/services/payments/provider";
import { applyDiscountCode, categoryPaths, customerKeyOf, lockRules, recordRedemptions, type AppliedDiscount, type PricedLine, type PromotionRule } from "@/server/services/promotions/apply-code";
import { chooseShipping, loadStoreShipping, quoteParts } from "@/server/services/shipping/quote";
import { taxForDestination } from "@/server/services/tax/order-tax";
import type { ZPlaceOrderInput } from "./schemas";
import { MAX_LINE_QUANTITY, MAX_LINE_QUANTITY_MESSAGE } from "@/shared/stock";
import { formatMoney, MAX_ORDER_TOTAL_MINOR } from "@/shared/money";

export interface PlacedOrder {
  id: string;
  /** The short number people read (LM-7K3Q9), made by the database when the order is written. */
  number: string;
  orderUid: string;
  status: "PLACED" | "PAID";
  totalMinor: number;
  currency: string;
  /** True when this call repeated an earlier one with the same key. */
  replayed: boolean;
}

/** A card order waiting for its payment: what the next steps need. */
export interface PendingOrder {
  orderId: string;
  number: string;
  orderUid: string;
  /** Null for a guest's order. */
  userId: string | null;
  totalMinor: number;
  currency: string;
  /** Each store's share (net of its discount), for the fulfilment parts and order.placed the confirm writes. */
  stores: { storeId: string; itemCount: number; totalMinor: number }[];
  /** The order's variants: with `fromCart`, those lines leave the cart when the order is confirmed. */
  variantIds: string[];
  fromCart: boolean;
  /** The cart the lines came from (fromCart), emptied of them by the confirm. */
  cartId: string | null;
  /** A repeat of an attempt whose payment had not resolved (it died, or is still waiting). */
  resumed: boolean;
}

/** What reserving left: a finished order (a replay, or pay on delivery, placed at once) or a
 * reservation waiting for its payment. */
export type Reservation = { kind: "done"; placed: PlacedOrder } | { kind: "pending"; order: PendingOrder };

export type PlaceOrderInput = z.output<typeof ZPlaceOrderInput>;

/** Room to queue for a connection in a burst of checkouts (PGlite has one connection). */
export const PLACE_ORDER_TX: TxOptions = { maxWait: 30_000, timeout: 30_000 };

interface ExistingOrder {
  id: string;
  number: string;
  orderUid: string;
  status: string;
  totalMinor: number;
  currency: string;
  requestHash: string | null;
}

/** Whose idempotency keys: an account's, or a guest email's (also once a claim gave the order an account). */
type KeyScope = { userId: string } | { guestEmail: string };

async function findByKey(tx: DbClient, scope: KeyScope, key: string, hash: string): Promise<ExistingOrder | null> {
  const [existing] = await tx.$queryRaw<ExistingOrder[]>`
    SELECT id, number, "orderUid", status::text AS status, "totalMinor", currency, "requestHash"
    FROM "Order" WHERE ${"userId" in scope ? Prisma.sql`"userId" = ${scope.userId}` : Prisma.sql`"guestEmail" = ${scope.guestEmail}`}
      AND "idempotencyKey" = ${key} LIMIT 1`;
  if (!existing) return null;
  if (existing.requestHash !== hash) {
    throw new AppError("IDEMPOTENCY_CONFLICT", "This checkout was already submitted with different contents. Reload the page and try again.");
  }
  return existing;
}

/** A placed order as the checkout answers it (a later step, say SHIPPED, answers PLACED). */
export function placedAnswer(o: { id: string; number: string; orderUid: string; status: string; totalMinor: number; currency: string }, replayed: boolean): PlacedOrder {
  return { id: o.id, number: o.number, orderUid: o.orderUid, status: o.status === "PAID" ? "PAID" : "PLACED", totalMinor: o.totalMinor, currency: o.currency, replayed };
}

/** Each store's share of an order's items, net of their discount and with the tax added on top of
 * them (order.placed, one fulfilment part per store). */
function storeShares(items: readonly { storeId: string | null; quantity: number; totalPriceMinor: number; discountMinor: number; taxMinor: number; taxIncluded: boolean }[]) {
  const stores = new Map<string, { storeId: string; itemCount: number; totalMinor: number }>();
  for (const it of items) {
    if (!it.storeId) continue;
    const s = stores.get(it.storeId) ?? { storeId: it.storeId, itemCount: 0, totalMinor: 0 };
    s.itemCount += it.quantity;
    s.totalMinor += it.totalPriceMinor - it.discountMinor + (it.taxIncluded ? 0 : it.taxMinor);
    stores.set(it.storeId, s);
  }
  return [...stores.values()].sort((a, b) => (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
}

/** The buyer's cart and its lines: the account's, or the one a guest's cookie names. */
async function findBuyerCart(tx: Tx, userId: string | null, cartToken: string | null) {
  const select = { id: true, items: { select: { variantId: true, quantity: true } } } as const;
  if (userId) return tx.cart.findUnique({ where: { userId }, select });
  return cartToken ? tx.cart.findUnique({ where: { token: cartToken }, select }) : null;
}

/** Why each line that could not be taken was refused, for the INSUFFICIENT_STOCK message. */
async function shortLines(tx: Tx, lines: { variantId: string; quantity: number }[], taken: Set<string>) {
  const missing = lines.filter((l) => !taken.has(l.variantId));
  const current = await tx.variant.findMany({
    where: { id: { in: missing.map((l) => l.variantId) } },
    select: { id: true, stock: true, title: true, product: { select: { title: true, status: true, deletedAt: true } } },
  });
  const byId = new Map(current.map((c) => [c.id, c]));
  return missing.map((line) => {
    const c = byId.get(line.variantId);
    const available = c && c.product.status === "ACTIVE" && !c.product.deletedAt ? c.stock : 0;
    return {
      variantId: line.variantId,
      requested: line.quantity,
      available,
      title: c ? `${c.product.title}${c.title ? ` (${c.title})` : ""}` : "An item",
    };
  });
}

/**
 * Reserves the stock of an order and writes it: placed at once when the provider has nothing to
 * ask anyone (pay on delivery), else PENDING_PAYMENT until `reservationSeconds` from now.
 * `input` is already parsed (ZPlaceOrderInput).
 */
export async function reserveOrder(
  tx: Tx,
  userId: string | null,
  input: PlaceOrderInput,
  opts: { provider: PaymentProvider; reservationSeconds: number; /** A guest's cart cookie. */ cartToken?: string | null },
): Promise<Reservation> {
  const fromCart = !input.lines;
  // A guest is its checkout's email (already lower case): the scope of its idempotency key.
  const guestEmail = userId ? null : input.delivery.email;
  const scope: KeyScope = userId ? { userId } : { guestEmail: guestEmail! };
  let lines = input.lines;
  let cartId: string | null = null;
  if (!lines) {
    const cart = await findBuyerCart(tx, userId, opts.cartToken ?? null);
    cartId = cart?.id ?? null;
    lines = cart?.items ?? [];
    if (lines.length === 0) throw new AppError("VALIDATION", "Your cart is empty", { fieldErrors: { lines: ["Your cart is empty"] } });
  }
  // One entry per variant (the stock statement locks them in id order).
  const byId = new Map<string, number>();
  for (const l of lines) byId.set(l.variantId, (byId.get(l.variantId) ?? 0) + l.quantity);
  const merged = [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([variantId, quantity]) => ({ variantId, quantity }));
  if (merged.some((l) => l.quantity > MAX_LINE_QUANTITY)) throw new AppError("VALIDATION", MAX_LINE_QUANTITY_MESSAGE);
  const pay = input.payment.method === "card" ? { m: "card", last4: input.payment.cardNumber.slice(-4) } : { m: "cod" };
  const code = input.discountCode || null; // an empty code is no code
  // The code is part of the request a key stands for (without one, the fingerprint is as before).
  // The shipping choices too (store order, so the same choices in another order are the same request).
  const shipChoices = [...(input.shipping ?? [])].sort((a, b) => (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
  const hash = createHash("sha256").update(JSON.stringify({ lines: merged, d: input.delivery, sh: shipChoices, pay, ...(code ? { code: code.toLowerCase() } : {}) })).digest("hex");

  // Attempts with the same key take turns; the unique indexes on (userId or guestEmail, idempotencyKey) are the backstop.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${userId ?? `guest:${guestEmail}`}:${input.idempotencyKey}`}, 0))`;
  const again = await findByKey(tx, scope, input.idempotencyKey, hash);
  if (again?.status === "PENDING_PAYMENT") {
    // Its payment has not resolved: go on with it (the provider is keyed by orderUid, so an
    // authorisation that already happened is not made twice), never reserve a second time.
    const items = await tx.orderItem.findMany({ where: { orderId: again.id }, select: { variantId: true, storeId: true, quantity: true, totalPriceMinor: true, discountMinor: true, taxMinor: true, taxIncluded: true } });
    return {
      kind: "pending",
      order: {
        orderId: again.id, number: again.number, orderUid: again.orderUid, userId, totalMinor: again.totalMinor, currency: again.currency,
        stores: storeShares(items), variantIds: items.flatMap((i) => (i.variantId ? [i.variantId] : [])), fromCart, cartId, resumed: true,
      },
    };
  }
  if (again) return { kind: "done", placed: placedAnswer(again, true) };

  // A code: its promotion rows are locked now, before the variants' (the one lock order).
  let promo: { rules: PromotionRule[]; lines: Map<string, { storeId: string; categoryIds: string[] }> } | null = null;
  if (code) promo = await lockPromotions(tx, code, merged.map((l) => l.variantId));

  // Each store's zones and rates, and the lines' weights, read before any stock moves (the time
  // between the stock change and COMMIT stays two statements); priced below from the prices the
  // stock statement reads (decision 195).
  const weights = await tx.$queryRaw<{ id: string; weightGrams: number; storeId: string }[]>`
    SELECT v.id, v."weightGrams", p."storeId" FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE v.id = ANY(${merged.map((l) => l.variantId)}::text[])`;
  const weightOf = new Map(weights.map((w) => [w.id, w.weightGrams]));
  const storeShipping = await loadStoreShipping(tx, [...new Set(weights.map((w) => w.storeId))]);

  const orderId = newId();
  // The ledger rows and stock events of this change are written by the order's statement below.
  const { rows, records: stockRecords } = await takeStock(
    tx,
    merged.map((l) => ({ variantId: l.variantId, stockDelta: -l.quantity })),
    { reason: "ORDER", actorId: userId, orderId, products: "on-sale" },
  );
  if (rows.length < merged.length) {
    const short = await shortLines(tx, merged, new Set(rows.map((r) => r.variantId)));
    const messages = short.map((s) =>
      s.available === 0 ? `${s.title} is no longer available` : `${s.title}: only ${s.available} left, you asked for ${s.requested}`,
    );
    throw new AppError("INSUFFICIENT_STOCK", messages.join("; "), { details: { lines: short } });
  }
  if (new Set(rows.map((r) => r.currency)).size > 1) throw new AppError("VALIDATION", "All items of one order must be in one currency");
  const currency = rows[0]!.currency;
  const goods = rows.reduce((s, r) => s + r.priceMinor * -r.delta, 0);
  // The saving from the prices just read under lock, never from what the page showed.
  const customerKey = customerKeyOf(userId, guestEmail)!;
  let discount: AppliedDiscount | null = null;
  if (code && promo) {
    const priced: PricedLine[] = rows.map((r) => ({
      variantId: r.variantId,
      productId: r.productId,
      storeId: r.storeId,
      categoryIds: promo.lines.get(r.variantId)?.categoryIds ?? [],
      currency: r.currency,
      lineTotalMinor: r.priceMinor * -r.delta,
    }));
    discount = await applyDiscountCode(tx, code, priced, { customerKey, rules: promo.rules });
  }
  const discountMinor = discount?.discountMinor ?? 0;
  // Each part's shipping, priced on the server from the lines just taken (never from the page);
  // a part that cannot ship to the address, or a choice that is not offered, refuses the order.
  const shipping = chooseShipping(
    quoteParts(rows.map((r) => ({ storeId: r.storeId, priceMinor: r.priceMinor, quantity: -r.delta, weightGrams: weightOf.get(r.variantId) ?? 0, currency: r.currency })), storeShipping, input.delivery),
    shipChoices,
  );
  const delivery = {
    // The event format's one delivery_service: the options' names, in store order (decision 196).
    code: shipping.map((s) => s.name).join(" + "),
    costMinor: shipping.reduce((sum, s) => sum + s.costMinor, 0),
  };
  const d = input.delivery;
  // Tax for the delivery address with the rates as they are in this transaction (decision 191):
  // per line on its net amount, and on each part's shipping when the rate applies to shipping
  // (inside the price for a store whose prices include tax, added otherwise).
  const tax = await taxForDestination(
    tx,
    { country: d.country, region: d.region },
    rows.map((r) => ({ storeId: r.storeId, totalMinor: r.priceMinor * -r.delta, discountMinor: discount?.lines.get(r.variantId) ?? 0 })),
    shipping.map((sh) => ({ storeId: sh.storeId, amountMinor: sh.costMinor })),
  );
  // Per order (and per part, server/services/orders/order-totals.ts): subtotal - discount + shipping + the tax not in the prices.
  const total = goods - discountMinor + delivery.costMinor + tax.addedMinor;
  // Bounded before the provider is asked: an order the database cannot record is never charged.
  if (!Number.isSafeInteger(total) || total > MAX_ORDER_TOTAL_MINOR) {
    throw new AppError("VALIDATION", `This order is too large: its total may be at most ${formatMoney(MAX_ORDER_TOTAL_MINOR, currency)}. Split it into smaller orders.`);
  }
  const orderUid = randomBytes(10).toString("hex");

  // Nothing to ask anyone (pay on delivery): placed now. Otherwise the payment row waits.
  let outcome: PaymentOutcome | null = null;
  if (!opts.provider.remote) {
    outcome = await opts.provider.authorize({ amountMinor: total, currency, orderUid, payment: input.payment });
    if (outcome.status === "DECLINED") throw new AppError("PAYMENT_DECLINED", outcome.reason);
  }
  const payment = outcome ?? { status: "PENDING" as const, provider: opts.provider.id, transaction: "", bank: "" };
  const paid = payment.status === "SUCCEEDED";
  const status = !outcome ? "PENDING_PAYMENT" : paid ? "PAID" : "PLACED";
  const now = new Date();
  const ts = now.toISOString();

  const items = rows.map((r, i) => {
    const q = -r.delta;
    return {
      id: newId(),
      variantId: r.variantId,
      productId: r.productId,
      storeId: r.storeId,
      chrtId: r.chrtId,
      nmId: r.nmId,
      priceMinor: r.priceMinor,
      rid: `${orderUid}${i.toString(16).padStart(2, "0")}`,
      name: r.title ? `${r.productTitle} (${r.title})` : r.productTitle,
      size: r.options?.size ?? "0",
      totalPriceMinor: r.priceMinor * q,
      discountMinor: discount?.lines.get(r.variantId) ?? 0,
      taxMinor: tax.lines[i]!.taxMinor,
      taxRatePpm: tax.lines[i]!.ratePpm,
      taxIncluded: tax.lines[i]!.included,
      brand: r.brand,
      quantity: q,
    };
  });
  const history = !outcome
    ? [{ id: newId(), fromStatus: null, toStatus: "PENDING_PAYMENT", note: "Awaiting card payment", actorId: userId }]
    : paid
      ? [
          { id: newId(), fromStatus: null, toStatus: "PLACED", note: "", actorId: userId },
          { id: newId(), fromStatus: "PLACED", toStatus: "PAID", note: "Card payment succeeded", actorId: null },
        ]
      : [{ id: newId(), fromStatus: null, toStatus: "PLACED", note: "Pay on delivery", actorId: userId }];
  // A placed order: one fulfilment part per store (server/services/fulfilment) in its status, and
  // order.placed. A pending one has neither yet: sellers see an order once it is placed.
  const stores = storeShares(items);
  const events = outcome ? [outboxEvent("order.placed", orderId, { orderId, orderUid, userId, totalMinor: total, currency, placedAt: ts, stores })] : [];
  const parts = outcome ? stores.map((s) => ({ id: newId(), storeId: s.storeId })) : [];
  const reservedUntil = outcome ? Prisma.sql`NULL::timestamp` : Prisma.sql`timezone('UTC', now()) + ${opts.reservationSeconds}::int * interval '1 second'`;
  const shardKey = String(parseInt(orderUid.slice(0, 2), 16) % 10);

  // The statement answers the number the database gave the order (the column's default).
  const [written] = await tx.$queryRaw<{ number: string }[]>`
    WITH o AS (
      INSERT INTO "Order" (id, "orderUid", entry, locale, "customerRef", "deliveryService", "shardKey", "smId", "dateCreated", "oofShard",
                           "userId", "guestEmail", source, status, currency, "goodsTotalMinor", "discountCode", "discountMinor", "deliveryCostMinor", "totalMinor", "idempotencyKey", "requestHash",
                           "taxMinor", "shippingTaxMinor", "taxName", "taxRatePpm",
                           "reservedUntil", "createdAt", "updatedAt")
      VALUES (${orderId}, ${orderUid}, 'LMWEB', 'en', ${userId ?? ""}, ${delivery.code}, ${shardKey}, 0, ${ts}::timestamp, '1',
              ${userId}, ${guestEmail}, 'STOREFRONT', ${status}::"OrderStatus", ${currency}, ${goods}::int, ${discount?.code ?? null}, ${discountMinor}::int, ${delivery.costMinor}::int, ${total}::int,
              ${input.idempotencyKey}, ${hash}, ${tax.taxMinor}::int, ${tax.shippingTaxMinor}::int, ${tax.rate?.name ?? ""}, ${tax.rate?.ratePpm ?? 0}::int, ${reservedUntil}, ${ts}::timestamp, ${ts}::timestamp)
      RETURNING number
    ), i AS (
      INSERT INTO "OrderItem" (id, "orderId", "variantId", "productId", "storeId", "chrtId", "nmId", "priceMinor", rid, name, sale, size,
                               "totalPriceMinor", "discountMinor", "taxMinor", "taxRatePpm", "taxIncluded", brand, status, quantity, currency, "createdAt")
      SELECT x.id, ${orderId}, x."variantId", x."productId", x."storeId", x."chrtId", x."nmId", x."priceMinor", x.rid, x.name, 0, x.size,
             x."totalPriceMinor", x."discountMinor", x."taxMinor", x."taxRatePpm", x."taxIncluded", x.brand, 0, x.quantity, ${currency}, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id text, "variantId" text, "productId" text, "storeId" text, "chrtId" int,
           "nmId" int, "priceMinor" int, rid text, name text, size text, "totalPriceMinor" int, "discountMinor" int, "taxMinor" int, "taxRatePpm" int,
           "taxIncluded" boolean, brand text, quantity int)
    ), pay AS (
      INSERT INTO "Payment" (id, "orderId", transaction, currency, provider, "amountMinor", "paymentDt", bank, "deliveryCostMinor",
                             "goodsTotalMinor", "customFeeMinor", status, "createdAt", "updatedAt")
      VALUES (${newId()}, ${orderId}, ${payment.transaction}, ${currency}, ${payment.provider}, ${total}::int,
              ${paid ? Math.floor(now.getTime() / 1000) : 0}::int, ${payment.bank}, ${delivery.costMinor}::int, ${goods - discountMinor}::int, 0,
              ${payment.status}::"PaymentStatus", ${ts}::timestamp, ${ts}::timestamp)
    ), dl AS (
      INSERT INTO "Delivery" (id, "orderId", name, phone, zip, city, address, region, country, email)
      VALUES (${newId()}, ${orderId}, ${d.name}, ${d.phone}, ${d.zip}, ${d.city}, ${d.address}, ${d.region}, ${d.country}, ${d.email})
    ), os AS (
      INSERT INTO "OrderShipping" (id, "orderId", "storeId", "rateId", name, "costMinor", "taxMinor", "taxIncluded")
      SELECT x.id, ${orderId}, x."storeId", x."rateId", x.name, x."costMinor", x."taxMinor", x."taxIncluded"
      FROM jsonb_to_recordset(${JSON.stringify(shipping.map((sh, i) => ({ ...sh, id: newId(), taxMinor: tax.shipping[i]!.taxMinor, taxIncluded: tax.shipping[i]!.included })))}::jsonb)
           AS x(id text, "storeId" text, "rateId" text, name text, "costMinor" int, "taxMinor" int, "taxIncluded" boolean)
    ), h AS (
      INSERT INTO "OrderStatusHistory" (id, "orderId", "fromStatus", "toStatus", note, "actorId", "createdAt")
      SELECT x.id, ${orderId}, x."fromStatus"::"OrderStatus", x."toStatus"::"OrderStatus", x.note, x."actorId", ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS x(id text, "fromStatus" text, "toStatus" text, note text, "actorId" text)
    )${parts.length > 0
      ? Prisma.sql`, sh AS (
      INSERT INTO "Shipment" (id, "orderId", "storeId", status, version, "createdAt", "updatedAt")
      SELECT x.id, ${orderId}, x."storeId", ${status}::"OrderStatus", 1, ${ts}::timestamp, ${ts}::timestamp
      FROM jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) AS x(id text, "storeId" text)
    )`
      : Prisma.empty}${stockRecords}${events.length > 0 ? Prisma.sql`, ev AS (${outboxInsert(events, Prisma.sql`${ts}::timestamp`)})` : Prisma.empty}
    SELECT number FROM o`;
  const number = written!.number;
  // The code's use, in this transaction: gone with it if anything fails, there as soon as the order is.
  if (discount) await recordRedemptions(tx, discount, orderId, customerKey);
  eventsRecorded(tx, events);
  if (!outcome) {
    return {
      kind: "pending",
      order: { orderId, number, orderUid, userId, totalMinor: total, currency, stores, variantIds: rows.map((r) => r.variantId), fromCart, cartId, resumed: false },
    };
  }
  if (fromCart && cartId) {
    await tx.$executeRaw`DELETE FROM "CartItem" WHERE "cartId" = ${cartId} AND "variantId" = ANY(${rows.map((r) => r.variantId)}::text[])`;
    // The code went with this order; the next order of this cart starts without one.
    if (discount) await tx.$executeRaw`UPDATE "Cart" SET "discountCode" = NULL WHERE id = ${cartId}`;
  }
  return { kind: "done", placed: { id: orderId, number, orderUid, status: paid ? "PAID" : "PLACED", totalMinor: total, currency, replayed: false } };
}

/** The promotions a code names for these variants' stores, locked (before any variant), and
 * each variant's store and categories (with parents) for the eligibility checks. Refuses an
 * unknown code before any stock moves. */
async function lockPromotions(tx: Tx, code: string, variantIds: string[]) {
  const vs = await tx.$queryRaw<{ id: string; storeId: string; categoryId: string }[]>`
    SELECT v.id, p."storeId", p."categoryId" FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE v.id = ANY(${variantIds}::text[])`;
  const paths = await categoryPaths(tx, vs.map((v) => v.categoryId));
  const rules = await lockRules(tx, code, [...new Set(vs.map((v) => v.storeId))]);
  return { rules, lines: new Map(vs.map((v) => [v.id, { storeId: v.storeId, categoryIds: paths.get(v.categoryId) ?? [v.categoryId] }])) };
}
