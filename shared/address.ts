// A delivery address as forms and the server validate it (checkout, saved addresses): one schema,
// so the message a shopper sees before submitting is the one the server would give. An empty
// field says what to enter ("Enter your postcode"); a wrong one says what is wrong with it.
import { z } from "zod";
import { zText } from "./text";
import { DEFAULT_COUNTRY, ZCountry } from "./countries";

const text = (label: string, max: number) =>
  zText({ error: `Enter ${label}` }).trim().min(1, { message: `Enter ${label}`, abort: true }).max(max, `Keep ${label.replace(/^your /, "the ")} under ${max} characters`);

/** The fields of an address without the email (a saved address belongs to an account). */
export const ZAddressFields = z.object({
  name: text("your full name", 200),
  phone: zText({ error: "Enter your phone number" })
    .trim()
    .min(1, { message: "Enter your phone number", abort: true })
    .regex(/^\+?[0-9 ()-]{6,20}$/, "Enter a phone number of digits, with an optional leading +"),
  zip: text("your postcode", 20),
  city: text("your city", 100),
  address: text("your street address", 300),
  region: zText().trim().max(100, "Keep the region under 100 characters").default(""),
  // Shipping zones and tax rates are chosen by it. Clients written before it existed send none:
  // they mean the shop's home market.
  country: ZCountry.default(DEFAULT_COUNTRY),
});
export type TAddressFields = z.infer<typeof ZAddressFields>;

export const ZEmailAddress = zText({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, { message: "Enter your email address", abort: true })
  .max(254, "Keep the email address under 254 characters")
  .pipe(z.email({ error: "Enter a valid email address" }));

/** The fields of the order event format's `delivery` object. */
export const ZDeliveryAddress = ZAddressFields.extend({ email: ZEmailAddress });
export type TDeliveryAddress = z.infer<typeof ZDeliveryAddress>;

/** The order form fields in the order they appear, for the error summary. */
export const ADDRESS_FIELD_ORDER = ["name", "phone", "email", "address", "city", "zip", "region", "country"] as const;
