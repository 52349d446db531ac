"use client";
import { useLocale, useTranslations } from "next-intl";
import { useFormatMoney } from "@/components/ui/price";
import { countryName } from "@/shared/countries";

export interface ShippingQuotePart {
  storeId: string;
  storeName: string;
  currency: string;
  subtotalMinor: number;
  options: { rateId: string; name: string; costMinor: number; freeAboveMinor: number | null }[];
  cheapestRateId: string | null;
  unavailable: string | null;
}

/** The option a part ships with: the shopper's choice while it is still offered, else the cheapest. */
export function chosenRate(part: ShippingQuotePart, choices: Record<string, string>): ShippingQuotePart["options"][number] | null {
  return part.options.find((o) => o.rateId === choices[part.storeId]) ?? part.options.find((o) => o.rateId === part.cheapestRateId) ?? null;
}

/** One option group per seller's part of the cart (decision 195): its options for the address
 * with their prices, the part's subtotal and shipping; a seller that does not ship to the
 * address says so. */
export function ShippingOptions({
  parts,
  choices,
  onChoose,
  pending,
  country,
}: {
  /** Where it goes (ISO code): named in a seller's "does not ship to …". */
  country: string;
  parts: readonly ShippingQuotePart[];
  choices: Record<string, string>;
  onChoose: (storeId: string, rateId: string) => void;
  pending: boolean;
}) {
  const t = useTranslations("checkout.shipping");
  const locale = useLocale();
  const formatMoney = useFormatMoney();
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" aria-busy={pending || undefined} data-testid="shipping-options">
      <legend className="px-1 font-semibold">{t("legend")}</legend>
      {parts.length === 0 ? <p className="text-sm text-slate-600">{t("working")}</p> : null}
      {parts.map((part) => {
        const chosen = chosenRate(part, choices);
        const groupId = `shipping-${part.storeId}`;
        return (
          <div key={part.storeId} role="radiogroup" aria-labelledby={`${groupId}-title`} className="flex flex-col gap-2" data-testid="shipping-part">
            <h3 id={`${groupId}-title`} className="text-sm font-semibold">
              {t("from", { store: part.storeName })}
            </h3>
            {part.unavailable ? (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                {t("unavailable", { store: part.storeName, country: countryName(country, locale) })}
              </p>
            ) : (
              part.options.map((o) => (
                <label key={o.rateId} className="flex items-center gap-3">
                  <input type="radio" name={groupId} value={o.rateId} checked={chosen?.rateId === o.rateId} onChange={() => onChoose(part.storeId, o.rateId)} />
                  <span className="flex-1">{o.name}</span>
                  <span>{o.costMinor === 0 ? t("free") : formatMoney(o.costMinor, part.currency)}</span>
                </label>
              ))
            )}
            <p className="flex justify-between text-xs text-slate-600" data-testid="shipping-part-totals">
              <span>{t("items", { amount: formatMoney(part.subtotalMinor, part.currency) })}</span>
              <span>
                {t("shipping")} <span data-testid="shipping-part-cost">{chosen ? formatMoney(chosen.costMinor, part.currency) : "—"}</span>
              </span>
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
