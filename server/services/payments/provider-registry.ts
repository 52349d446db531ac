import "server-only";
import type { PaymentProvider } from "./provider";
import { cashOnDeliveryProvider, testCardProvider } from "./test-card";

/** The provider for each payment method. A real gateway is added here. */
const PROVIDERS: Record<"card" | "cod", PaymentProvider> = {
  card: testCardProvider,
  cod: cashOnDeliveryProvider,
};

export type PaymentMethod = keyof typeof PROVIDERS;

export function providerFor(method: PaymentMethod): PaymentProvider {
  return PROVIDERS[method];
}

/** The provider that wrote a Payment row (Payment.provider), to void what it authorised. */
export function providerById(id: string): PaymentProvider | null {
  return Object.values(PROVIDERS).find((p) => p.id === id) ?? null;
}
