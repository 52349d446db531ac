// Payments go through providers so real gateways can be added beside the offline ones.
// A card checkout (server/services/orders/checkout.ts) reserves the stock in one short
// transaction, calls `authorize` outside any transaction (no row lock is held while a gateway
// answers), then confirms or releases the order; `void` takes back an authorisation whose order
// was released meanwhile. Both are keyed by the order's `orderUid`: a gateway must treat it as an
// idempotency key, so a retried checkout that authorises again is not charged twice, and a void
// of an authorisation that never happened is a no-op (docs/decisions.md 119-121).
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";

export const ZCardPayment = z.object({
  method: z.literal("card"),
  cardNumber: zText({ error: "Enter your card number" })
    .trim()
    .min(1, { message: "Enter your card number", abort: true })
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(zText().regex(/^\d{12,19}$/, "Enter the 12 to 19 digits of the card number")),
  expiry: zText({ error: "Enter the expiry date" })
    .trim()
    .min(1, { message: "Enter the expiry date", abort: true })
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, "Use MM/YY"),
  cvc: zText({ error: "Enter the security code" }).trim().min(1, { message: "Enter the security code", abort: true }).regex(/^\d{3,4}$/, "3 or 4 digits"),
  nameOnCard: zText().trim().max(100).optional(),
});

export const ZCashOnDelivery = z.object({ method: z.literal("cod") });

export const ZPaymentInput = z.discriminatedUnion("method", [ZCardPayment, ZCashOnDelivery]);
export type TPaymentInput = z.infer<typeof ZPaymentInput>;

export type PaymentOutcome =
  | { status: "SUCCEEDED"; provider: string; transaction: string; bank: string }
  | { status: "PENDING"; provider: string; transaction: string; bank: string }
  | { status: "DECLINED"; provider: string; reason: string };

export interface AuthorizeArgs {
  amountMinor: number;
  currency: string;
  /** The order's uid: the idempotency key of the authorisation at the gateway. */
  orderUid: string;
  payment: TPaymentInput;
}

export interface PaymentProvider {
  readonly id: string;
  /**
   * true: authorising asks someone else (a gateway), so it happens outside any transaction while
   * the order waits as PENDING_PAYMENT. false: nothing to ask (pay on delivery): `authorize`
   * answers at once without I/O and the order is placed in the reserving transaction.
   */
  readonly remote: boolean;
  /** Checks that need nobody else (a card's format, its expiry), before any stock is reserved:
   * throws a VALIDATION AppError. */
  check?(payment: TPaymentInput): void;
  authorize(args: AuthorizeArgs): Promise<PaymentOutcome>;
  /** Takes back the authorisation of `orderUid`, if there is one (idempotent). */
  void(args: { orderUid: string; amountMinor: number; currency: string }): Promise<void>;
}
