// Delivery services offered at checkout, with their cost in minor units. The cost is always
// taken from here on the server, never from the client.
import "server-only";
export const DELIVERY_OPTIONS = [
  { code: "standard", name: "Standard delivery (3–5 working days)", costMinor: 499 },
  { code: "express", name: "Express delivery (1–2 working days)", costMinor: 1499 },
  { code: "locker", name: "Parcel locker pickup (2–4 working days)", costMinor: 299 },
] as const;

export type DeliveryCode = (typeof DELIVERY_OPTIONS)[number]["code"];
export const DELIVERY_CODES = DELIVERY_OPTIONS.map((d) => d.code) as [DeliveryCode, ...DeliveryCode[]];

export function deliveryOption(code: DeliveryCode) {
  const d = DELIVERY_OPTIONS.find((o) => o.code === code);
  if (!d) throw new Error(`Unknown delivery option ${code}`);
  return d;
}

/** What to call an order's delivery service: the checkout's name for our codes, the code as
 * it came for anything else (an order received as an event names its own services), null for none. */
export function deliveryServiceName(code: string): string | null {
  if (!code) return null;
  return DELIVERY_OPTIONS.find((o) => o.code === code)?.name ?? code;
}
