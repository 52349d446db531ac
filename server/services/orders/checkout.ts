// Checkout: placing an order, in three steps so that no row lock is held while a payment
// gateway answers (docs/decisions.md 119). With a card, every buyer of a popular item used to
// wait for each other's authorisation: one unit sold per gateway round trip.
//  1. reserve (place-order.ts), one short transaction: idempotency, the stock taken through the
//     ledger, the order written as PENDING_PAYMENT until `reservedUntil`. Pay on delivery has
//     nothing to authorise and is placed right there (steps 2 and 3 do not happen).
//  2. authorise, outside any transaction, keyed by the order's uid (a gateway's idempotency key).
//  3. confirm (PAID) or release (PAYMENT_FAILED, the units back through the ledger), each its
//     own short transaction that applies only while the order is still PENDING_PAYMENT
//     (settle-payment.ts). A confirm that finds the order released (the sweeper gave its
//     reservation back, server/services/orders/release-reservations.ts) voids the authorisation.
// A repeat with the same key while the first attempt is between steps resumes that order (step 2
// again: the same authorisation) instead of reserving again; after a confirm it returns the
// order; after a release the key is free and makes a new attempt, as a declined checkout always
// did. The buyer sees what they always saw: one request, answered once the order is placed or
// refused; a declined card leaves the cart as it was (it is emptied by the confirm).
// The one order service that opens its own transactions (it must commit between the steps), so
// it takes the app's client, not a transaction.
import "server-only";
import type { Db } from "@/server/db/client";
import { inTransaction } from "@/server/db/transaction";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { metrics, type ReleaseReason } from "@/server/observability/metrics";
import type { PaymentOutcome, PaymentProvider } from "@/server/services/payments/provider";
import { providerFor, type PaymentMethod } from "@/server/services/payments/provider-registry";
import { PLACE_ORDER_TX, reserveOrder, type PendingOrder, type PlaceOrderInput, type PlacedOrder } from "./place-order";
import { ZPlaceOrderInput, type TPlaceOrderInput } from "./schemas";
import { confirmOrder, releaseOrder } from "./settle-payment";

export interface CheckoutOptions {
  /** The provider of a payment method (tests and benchmarks bring their own). */
  providers?: (method: PaymentMethod) => PaymentProvider;
  /** How long a card order's stock stays reserved for its payment (ORDER_RESERVATION_SECONDS). */
  reservationSeconds?: number;
  /** A guest's cart cookie (userId null): the cart its order takes when `lines` is absent. */
  cartToken?: string | null;
}

export const PAYMENT_EXPIRED_MESSAGE =
  "Your payment took too long to confirm, so this checkout was cancelled and its items went back on sale. You have not been charged: place the order again.";

/** `userId` null: a guest's checkout (decision 146), known by its delivery email. */
export async function checkout(db: Db, userId: string | null, rawInput: TPlaceOrderInput, opts: CheckoutOptions = {}): Promise<PlacedOrder> {
  const input = ZPlaceOrderInput.parse(rawInput);
  const provider = (opts.providers ?? providerFor)(input.payment.method);
  // What the provider can refuse without asking anyone is refused before any stock moves.
  provider.check?.(input.payment);
  const reservationSeconds = opts.reservationSeconds ?? env.ORDER_RESERVATION_SECONDS;
  const reserved = await inTransaction(db, (tx) => reserveOrder(tx, userId, input, { provider, reservationSeconds, cartToken: opts.cartToken }), PLACE_ORDER_TX);
  if (reserved.kind === "done") return reserved.placed;
  return payAndSettle(db, reserved.order, input, provider);
}

/** Steps 2 and 3 for a reserved order. */
export async function payAndSettle(db: Db, order: PendingOrder, input: PlaceOrderInput, provider: PaymentProvider): Promise<PlacedOrder> {
  let outcome: PaymentOutcome;
  try {
    outcome = await provider.authorize({ amountMinor: order.totalMinor, currency: order.currency, orderUid: order.orderUid, payment: input.payment });
  } catch (err) {
    // The gateway's answer is unknown: give the units back and take back whatever it may have
    // authorised (a void of nothing is a no-op).
    await release(db, order, "failed", "The payment could not be completed");
    await voidQuietly(provider, order);
    throw err;
  }
  if (outcome.status === "DECLINED") {
    await release(db, order, "declined", outcome.reason);
    throw new AppError("PAYMENT_DECLINED", outcome.reason);
  }
  const confirmed = await confirmOrder(db, order, outcome);
  if (confirmed.kind !== "released") return confirmed.placed;
  // Released meanwhile (its reservation lapsed and the sweeper gave the units back, or a
  // concurrent attempt was declined): the money must not be kept for an order that is not there.
  await voidQuietly(provider, order);
  logger.warn("a payment answered after its reservation was released; the authorisation was voided", { orderId: order.orderId, status: confirmed.status });
  throw new AppError("PAYMENT_EXPIRED", PAYMENT_EXPIRED_MESSAGE);
}

/** Releases the reservation; when that fails (the database is away) the sweeper will, once it lapses. */
async function release(db: Db, order: PendingOrder, reason: Exclude<ReleaseReason, "expired">, why: string): Promise<void> {
  try {
    const released = await inTransaction(
      db,
      (tx) => releaseOrder(tx, order.orderId, { actorId: order.userId, note: reason === "declined" ? "Card declined" : "Payment failed", failureReason: why }),
      PLACE_ORDER_TX,
    );
    if (released) metrics.reservationsReleased.inc({ reason });
  } catch (err) {
    logger.error("could not release a checkout's reservation; the sweeper will when it lapses", { err, orderId: order.orderId });
  }
}

export async function voidQuietly(provider: PaymentProvider, order: { orderUid: string; totalMinor: number; currency: string }): Promise<void> {
  try {
    await provider.void({ orderUid: order.orderUid, amountMinor: order.totalMinor, currency: order.currency });
  } catch (err) {
    // The gateway lets an authorisation lapse by itself; this is logged for a person to follow up.
    logger.error("could not void a payment authorisation", { err, orderUid: order.orderUid, provider: provider.id });
  }
}
