// Display currencies (docs/decisions.md 181): the shop charges in one currency; a shopper may see
// prices converted into another with rates admins keep, always marked as an estimate.
import { z } from "zod";
import { isKnownCurrency, parseRate } from "./money";
import { zText } from "./text";

/** The currency every price is entered and every order is charged in. */
export const SHOP_CURRENCY = "USD";

/** The cookie holding the shopper's chosen display currency. */
export const DISPLAY_CURRENCY_COOKIE = "lm_currency";

/** At most this many display currencies: the switcher is a short list. */
export const MAX_DISPLAY_CURRENCIES = 30;

export const ZCurrencyCode = zText()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isKnownCurrency, "Enter a three-letter ISO 4217 currency code, like EUR");

export const ZSetRateInput = z.object({
  currency: ZCurrencyCode.refine((c) => c !== SHOP_CURRENCY, `${SHOP_CURRENCY} is the shop's own currency: its rate is 1`),
  /** How many units of `currency` one unit of the shop's currency buys, as a decimal ("0.92"). */
  rate: zText()
    .trim()
    .min(1, "Enter a rate")
    .refine((s) => parseRate(s) !== null, "Enter a positive rate with at most six decimals, like 0.92"),
});
export type TSetRateInput = z.input<typeof ZSetRateInput>;

export const ZRemoveRateInput = z.object({ currency: ZCurrencyCode });

/** The display currency a cookie names, when it is one the shop has a rate for (or its own). */
export function pickDisplayCurrency(cookie: string | undefined, available: readonly string[]): string {
  const c = (cookie ?? "").toUpperCase();
  return c === SHOP_CURRENCY || available.includes(c) ? c : SHOP_CURRENCY;
}
