// Payments go through providers so real gateways can be added beside the offline ones.
// `authorize` runs inside the order transaction: it must be quick and must not have lasting
// effects if the transaction rolls back. A networked gateway would authorize outside the
// transaction and void the authorization when the order fails (see docs/decisions.md).
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";

export const ZCardPayment = z.object({
  method: z.literal("card"),
  cardNumber: zText({ error: "Enter a card number" })
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(zText().regex(/^\d{12,19}$/, "Enter the card number without letters")),
  expiry: zText({ error: "Enter the expiry date" })
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, "Use MM/YY"),
  cvc: zText({ error: "Enter the security code" }).trim().regex(/^\d{3,4}$/, "3 or 4 digits"),
  nameOnCard: zText().trim().max(100).optional(),
});

export const ZCashOnDelivery = z.object({ method: z.literal("cod") });

export const ZPaymentInput = z.discriminatedUnion("method", [ZCardPayment, ZCashOnDelivery]);
export type TPaymentInput = z.infer<typeof ZPaymentInput>;

export type PaymentOutcome =
  | { status: "SUCCEEDED"; provider: string; transaction: string; bank: string }
  | { status: "PENDING"; provider: string; transaction: string; bank: string }
  | { status: "DECLINED"; provider: string; reason: string };

export interface PaymentProvider {
  readonly id: string;
  authorize(args: { amountMinor: number; currency: string; orderUid: string; payment: TPaymentInput }): Promise<PaymentOutcome>;
}
