"use client";
// The display-currency choice (docs/decisions.md 181): a cookie read by the root layout; the page
// is re-rendered with it. Other currencies are estimates from the admins' rates.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import { useDisplayCurrency } from "@/client/currency/display-currency";
import { DISPLAY_CURRENCY_COOKIE, SHOP_CURRENCY } from "@/shared/currency";

export function CurrencySwitcher() {
  const t = useTranslations("layout.footer");
  const { display, rates } = useDisplayCurrency();
  const router = useRouter();
  const [pending, start] = useTransition();
  const id = useId();
  const choices = [SHOP_CURRENCY, ...Object.keys(rates.micros).sort()];
  if (choices.length < 2) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id}>{t("showPricesIn")}</label>
      <select
        id={id}
        value={display}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
        onChange={(e) => {
          document.cookie = `${DISPLAY_CURRENCY_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          start(() => router.refresh());
        }}
      >
        {choices.map((c) => (
          <option key={c} value={c}>{c}</option>
        ))}
      </select>
      {display !== SHOP_CURRENCY ? (
        <span data-testid="currency-estimate-note">{t("estimateNote", { display, shop: SHOP_CURRENCY })}</span>
      ) : null}
    </div>
  );
}
