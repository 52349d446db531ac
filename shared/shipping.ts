// What of an address the delivery options depend on (decision 195): the checkout's quote input.
import { DEFAULT_COUNTRY } from "./countries";

export function shippingAddressOf(a: { country?: string; region?: string }): { country: string; region: string } {
  return { country: a.country || DEFAULT_COUNTRY, region: (a.region ?? "").trim() };
}
