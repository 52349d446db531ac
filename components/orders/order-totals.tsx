"use client";
import { useLocale, useTranslations } from "next-intl";
import { useFormatMoney } from "@/components/ui/price";
import { TAX_RATE_SCALE } from "@/shared/tax";

/** An order's (or a quote's) tax: the part added to the total and the part already in prices. */
export interface TotalsTax {
  name: string;
  ratePpm: number;
  addedMinor: number;
  includedMinor: number;
}

/** Subtotal, discount (a code's saving), delivery, tax and total of an order (or of a cart at
 * checkout). Tax added to prices is a line of its own ("Sales tax 8.875%"); tax already in them is
 * said under the total ("incl. VAT 19%"). `className` adds the spacing. */
export function OrderTotals({
  currency,
  subtotalMinor,
  deliveryMinor,
  totalMinor,
  className,
  totalTestId,
  discountMinor = 0,
  discountCode,
  tax,
}: {
  tax?: TotalsTax | null;
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
  const taxLabel = useTaxLabel();
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
      {tax && tax.addedMinor > 0 ? (
        <div className="flex justify-between"><dt>{taxLabel(tax.name, tax.ratePpm, false)}</dt><dd data-testid="tax-total">{formatMoney(tax.addedMinor, currency)}</dd></div>
      ) : null}
      <div className="flex justify-between text-base font-semibold"><dt>{t("total")}</dt><dd data-testid={totalTestId}>{formatMoney(totalMinor, currency)}</dd></div>
      {tax && tax.includedMinor > 0 ? (
        <div className="flex justify-between text-slate-600"><dt>{taxLabel(tax.name, tax.ratePpm, true)}</dt><dd data-testid="tax-included">{formatMoney(tax.includedMinor, currency)}</dd></div>
      ) : null}
    </dl>
  );
}

/** A line's tax under its price: "incl. VAT 19% €1.60" or "+ Sales tax 8.875% $0.89"; nothing
 * when the line had none. */
export function LineTax({ taxMinor, included, ratePpm, name, currency }: { taxMinor: number; included: boolean; ratePpm: number; name: string; currency: string }) {
  const taxLabel = useTaxLabel();
  const formatMoney = useFormatMoney();
  if (taxMinor <= 0 || !name) return null;
  return (
    <span className="block text-xs text-slate-600" data-testid="line-tax">
      {included ? "" : "+ "}
      {taxLabel(name, ratePpm, included)} {formatMoney(taxMinor, currency)}
    </span>
  );
}

/** How a tax reads in the shopper's language: "Sales tax 8.875%" when added, "incl. VAT 19%" (or
 * "inkl. VAT 19 %") when inside the prices. The tax's name is the admin's, as entered. */
export function useTaxLabel(): (name: string, ratePpm: number, included: boolean) => string {
  const t = useTranslations("orders.totals");
  const locale = useLocale();
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 4 });
  return (name, ratePpm, included) => t(included ? "taxIncluded" : "taxAdded", { name, rate: percent.format(ratePpm / TAX_RATE_SCALE) });
}
