// The countries a delivery address may name: ISO 3166-1 alpha-2 codes, the same codes shipping
// zones and tax rates are keyed by. Names come from the runtime's own CLDR data
// (Intl.DisplayNames), so they follow the shopper's language without a table of our own.
import { z } from "zod";
import { zText } from "./text";

export const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
  "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
  "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
  "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
  "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");

const KNOWN = new Set(COUNTRY_CODES);

/** The country a new address starts with (the shop's home market). */
export const DEFAULT_COUNTRY = "US";

export function isCountryCode(code: string): boolean {
  return KNOWN.has(code);
}

/** A country code as forms and the API send it: trimmed, upper-cased, one of COUNTRY_CODES. */
export const ZCountry = zText({ error: "Choose a country" })
  .trim()
  .toUpperCase()
  .min(1, { message: "Choose a country", abort: true })
  .refine(isCountryCode, "Choose a country from the list");

const names = new Map<string, Intl.DisplayNames>();

/** A country's name in `locale` ("DE" -> "Germany", or "Deutschland" for "de"); the code when
 * the runtime has no name for it. */
export function countryName(code: string, locale = "en"): string {
  let dn = names.get(locale);
  if (!dn) {
    dn = new Intl.DisplayNames([locale, "en"], { type: "region", fallback: "code" });
    names.set(locale, dn);
  }
  try {
    return dn.of(code) ?? code;
  } catch {
    return code;
  }
}

/** [code, name] pairs sorted by name in `locale`, for a select. */
export function countryChoices(locale = "en"): [string, string][] {
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((c): [string, string] => [c, countryName(c, locale)]).sort((a, b) => collator.compare(a[1], b[1]));
}

export type CountryCode = z.infer<typeof ZCountry>;
