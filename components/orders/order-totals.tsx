"use client";
import { useTranslations } from "next-intl";
import { useFormatMoney } from "@/components/ui/price";

/** Subtotal, discount (a code's saving), delivery and total of an order (or of a cart at checkout).
 * `className` adds the spacing. */
export function OrderTotals({
  currency,
  subtotalMinor,
  deliveryMinor,
  totalMinor,
  className,
  totalTestId,
  discountMinor = 0,
  discountCode,
}: {
  discountMinor?: number;
  discountCode?: string | null;
  currency: string;
  subtotalMinor: number;
  deliveryMinor: number;
  totalMinor: number;
  className: string;
  totalTestId?: string;
}) {
  const t = useTranslations("orders.totals");
  const formatMoney = useFormatMoney();
  return (
    <dl className={`flex flex-col gap-1 border-t border-slate-200 text-sm ${className}`}>
      <div className="flex justify-between"><dt>{t("subtotal")}</dt><dd>{formatMoney(subtotalMinor, currency)}</dd></div>
      {discountMinor > 0 ? (
        <div className="flex justify-between text-green-800">
          <dt>{discountCode ? t("discountCode", { code: discountCode }) : t("discount")}</dt>
          <dd data-testid="discount-total">−{formatMoney(discountMinor, currency)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between"><dt>{t("delivery")}</dt><dd>{formatMoney(deliveryMinor, currency)}</dd></div>
      <div className="flex justify-between text-base font-semibold"><dt>{t("total")}</dt><dd data-testid={totalTestId}>{formatMoney(totalMinor, currency)}</dd></div>
    </dl>
  );
}
