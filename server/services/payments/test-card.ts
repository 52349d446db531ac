// An offline card provider that behaves like the well-known test cards:
// 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, anything else is refused.
import "server-only";
import { AppError } from "@/server/errors";
import type { PaymentOutcome, PaymentProvider } from "./provider";

export const TEST_CARDS = { success: "4242424242424242", declined: "4000000000000002" } as const;

function expired(expiry: string, now: Date): boolean {
  const [mm, yy] = expiry.split("/").map((s) => Number(s.trim()));
  const end = new Date(Date.UTC(2000 + yy!, mm!, 1)); // first day of the following month
  return end.getTime() <= now.getTime();
}

export const testCardProvider: PaymentProvider = {
  id: "test-card",
  async authorize({ orderUid, payment }): Promise<PaymentOutcome> {
    if (payment.method !== "card") throw new Error("testCardProvider takes card payments only");
    if (expired(payment.expiry, new Date())) {
      throw new AppError("VALIDATION", "This card has expired", { fieldErrors: { "payment.expiry": ["This card has expired"] } });
    }
    if (payment.cardNumber === TEST_CARDS.success) {
      return { status: "SUCCEEDED", provider: "test-card", transaction: `tc_${orderUid}`, bank: "Livemarket Test Bank" };
    }
    if (payment.cardNumber === TEST_CARDS.declined) {
      return { status: "DECLINED", provider: "test-card", reason: "Your card was declined. Try another card or pay on delivery." };
    }
    const message = "This shop takes test cards only: use 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined)";
    throw new AppError("VALIDATION", message, { fieldErrors: { "payment.cardNumber": [message] } });
  },
};

export const cashOnDeliveryProvider: PaymentProvider = {
  id: "cod",
  async authorize({ orderUid }): Promise<PaymentOutcome> {
    return { status: "PENDING", provider: "cod", transaction: `cod_${orderUid}`, bank: "" };
  },
};
