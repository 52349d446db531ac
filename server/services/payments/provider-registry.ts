import "server-only";
import type { PaymentProvider } from "./provider";
import { cashOnDeliveryProvider, testCardProvider } from "./test-card";

/** The provider for each payment method. A real gateway is added here. */
const PROVIDERS: Record<"card" | "cod", PaymentProvider> = {
  card: testCardProvider,
  cod: cashOnDeliveryProvider,
};

export function providerFor(method: keyof typeof PROVIDERS): PaymentProvider {
  return PROVIDERS[method];
}
