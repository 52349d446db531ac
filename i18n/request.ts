// next-intl's request configuration (without i18n routing, docs/decisions.md 182): the locale of
// this request from the lm_locale cookie or Accept-Language, and its messages.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, pickLocale, type AppLocale } from "@/shared/locale";
import en from "@/messages/en.json";
import de from "@/messages/de.json";

const MESSAGES: Record<AppLocale, typeof en> = { en, de };

export default getRequestConfig(async () => {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(jar.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
  // Dates are written by shared/dates.ts in the viewer's zone (components/ui/date-time.tsx); a
  // zone here only silences next-intl's warning for its own formatter, which we do not use for dates.
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});
