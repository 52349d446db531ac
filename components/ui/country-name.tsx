"use client";
import { useLocale } from "next-intl";
import { countryName } from "@/shared/countries";

/** A country's name in the shopper's language, from the runtime's own names (shared/countries.ts).
 * The server's Node and the browser may carry different editions of those names ("Turkey" or
 * "Türkiye"): the server's text is kept on hydration rather than failing it. */
export function CountryName({ code }: { code: string }) {
  const locale = useLocale();
  return <span suppressHydrationWarning>{countryName(code, locale)}</span>;
}
