// An offline card provider that behaves like the well-known test cards:
// 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, anything else is refused.
// It answers after PAYMENT_TEST_LATENCY_MS (0 by default), like a gateway across a network, so
// benchmarks and the crash test see what a real round trip does to checkout. Deterministic per
// orderUid, so authorising one order twice is the same authorisation (an idempotent gateway).
import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import type { PaymentOutcome, PaymentProvider, TPaymentInput } from "./provider";

export const TEST_CARDS = { success: "4242424242424242", declined: "4000000000000002" } as const;

function expired(expiry: string, now: Date): boolean {
  const [mm, yy] = expiry.split("/").map((s) => Number(s.trim()));
  const end = new Date(Date.UTC(2000 + yy!, mm!, 1)); // first day of the following month
  return end.getTime() <= now.getTime();
}

/** The test-card provider's round trip; benchmarks may change it at run time. */
export const testCardSettings = { latencyMs: env.PAYMENT_TEST_LATENCY_MS };

function checkCard(payment: TPaymentInput): void {
  if (payment.method !== "card") throw new Error("testCardProvider takes card payments only");
  if (expired(payment.expiry, new Date())) {
    throw new AppError("VALIDATION", "This card has expired", { fieldErrors: { "payment.expiry": ["This card has expired"] } });
  }
  if (payment.cardNumber !== TEST_CARDS.success && payment.cardNumber !== TEST_CARDS.declined) {
    const message = "This shop takes test cards only: use 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined)";
    throw new AppError("VALIDATION", message, { fieldErrors: { "payment.cardNumber": [message] } });
  }
}

export const testCardProvider: PaymentProvider = {
  id: "test-card",
  remote: true,
  check: checkCard,
  async authorize({ orderUid, payment }): Promise<PaymentOutcome> {
    checkCard(payment);
    if (testCardSettings.latencyMs > 0) await delay(testCardSettings.latencyMs);
    if (payment.method === "card" && payment.cardNumber === TEST_CARDS.success) {
      return { status: "SUCCEEDED", provider: "test-card", transaction: `tc_${orderUid}`, bank: "Livemarket Test Bank" };
    }
    return { status: "DECLINED", provider: "test-card", reason: "Your card was declined. Try another card or pay on delivery." };
  },
  async void() {
    // Nothing was held anywhere; a gateway would release the authorisation of orderUid here.
    if (testCardSettings.latencyMs > 0) await delay(testCardSettings.latencyMs);
  },
};

export const cashOnDeliveryProvider: PaymentProvider = {
  id: "cod",
  remote: false,
  async authorize({ orderUid }): Promise<PaymentOutcome> {
    return { status: "PENDING", provider: "cod", transaction: `cod_${orderUid}`, bank: "" };
  },
  async void() {},
};
