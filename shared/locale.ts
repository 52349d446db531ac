// The storefront's languages (docs/decisions.md 182): English and German. The shopper's choice is
// the lm_locale cookie (the footer's switcher); without it, the browser's Accept-Language; else
// English. No locale in the URL. Seller and admin pages stay English.

export const LOCALES = ["en", "de"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "en";

/** The cookie holding the shopper's chosen language. */
export const LOCALE_COOKIE = "lm_locale";

/** Each language's name in itself, for the switcher. */
export const LOCALE_NAMES: Record<AppLocale, string> = { en: "English", de: "Deutsch" };

/** The BCP 47 tag Intl formats numbers, money and dates with. */
export const INTL_LOCALE: Record<AppLocale, string> = { en: "en-US", de: "de-DE" };

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language of an Accept-Language header: the first listed (by q, then order) that we have,
 * matched on its primary subtag ("de-AT" → de); null when none matches. */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((e) => e.tag && e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isAppLocale(primary)) return primary;
  }
  return null;
}

/** The cookie's language if it names one we have; else the browser's; else English. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): AppLocale {
  if (isAppLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
