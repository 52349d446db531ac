"use client";
// A price as the shopper chose to see it. In the shop's own currency: the amount. In another
// display currency: "≈ €11.95", marked as an estimate, with what is charged in its title and in
// text for screen readers; without a rate for it, the charged amount as is. Written in the
// shopper's language ("$10.00" in English, "10,00 $" in German).
import { useLocale, useTranslations } from "next-intl";
import { useDisplayCurrency } from "@/client/currency/display-currency";
import { convertMinor, formatMoney } from "@/shared/money";
import { INTL_LOCALE } from "@/shared/locale";

export function usePriceText() {
  const { display, rates } = useDisplayCurrency();
  const locale = INTL_LOCALE[useLocale()];
  return (minor: number, currency: string): { text: string; charged: string; estimate: boolean } => {
    const charged = formatMoney(minor, currency, locale);
    if (display === currency) return { text: charged, charged, estimate: false };
    const converted = convertMinor(minor, currency, display, rates);
    if (converted === null) return { text: charged, charged, estimate: false };
    return { text: `≈ ${formatMoney(converted, display, locale)}`, charged, estimate: true };
  };
}

export function Price({ minor, currency, className }: { minor: number; currency: string; className?: string }) {
  const t = useTranslations("price");
  const p = usePriceText()(minor, currency);
  if (!p.estimate) return <span className={className}>{p.text}</span>;
  return (
    <span className={className} title={t("estimateTitle", { charged: p.charged })} data-estimate="true">
      {p.text}
      <span className="sr-only">{t("estimateSr", { charged: p.charged })}</span>
    </span>
  );
}

/** "$10.00 – $20.00", or "≈ €9.20 – €18.40" (one mark for the range) in another display currency. */
export function PriceRange({ min, max, currency }: { min: number; max: number; currency: string }) {
  const t = useTranslations("price");
  const text = usePriceText();
  if (min === max) return <Price minor={min} currency={currency} />;
  const lo = text(min, currency);
  const hi = text(max, currency);
  if (!lo.estimate || !hi.estimate) return <span>{`${lo.charged} – ${hi.charged}`}</span>;
  return (
    <span title={t("estimateTitle", { charged: `${lo.charged} – ${hi.charged}` })} data-estimate="true">
      {`${lo.text} – ${hi.text.replace(/^≈ /, "")}`}
      <span className="sr-only">{t("estimateSr", { charged: `${lo.charged} – ${hi.charged}` })}</span>
    </span>
  );
}

/** Beside a total that is charged as shown: its estimate in the shopper's display currency, said
 * to be one; nothing when the display currency is the charged one. */
export function ChargedEstimate({ minor, currency }: { minor: number; currency: string }) {
  const t = useTranslations("price");
  const p = usePriceText()(minor, currency);
  if (!p.estimate) return null;
  return (
    <p className="text-xs text-slate-600" data-testid="charged-estimate">
      {t("chargedEstimate", { estimate: p.text.replace(/^≈ /, ""), charged: p.charged })}
    </p>
  );
}

/** formatMoney in the shopper's language: for amounts shown as charged (order lines, totals). */
export function useFormatMoney(): (minor: number, currency: string) => string {
  const locale = INTL_LOCALE[useLocale()];
  return (minor, currency) => formatMoney(minor, currency, locale);
}
