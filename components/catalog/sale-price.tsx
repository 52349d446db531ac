import { useTranslations } from "next-intl";
import { Price } from "@/components/ui/price";

/** A price, and while a sale lasts its "was" price struck through (decision 175): shown only when
 * the was price is above the price, so a stale one never claims a saving. Both amounts are shown
 * in the shopper's display currency (decision 181), marked as estimates when it is not USD. */
export function SalePrice({ priceMinor, compareAtMinor, currency }: { priceMinor: number; compareAtMinor?: number | null; currency: string }) {
  const t = useTranslations("catalog");
  const was = compareAtMinor != null && compareAtMinor > priceMinor ? compareAtMinor : null;
  return (
    <>
      <Price minor={priceMinor} currency={currency} />
      {was !== null ? (
        <>
          {" "}
          <s className="text-[0.85em] font-normal text-slate-500" data-testid="was-price">
            <span className="sr-only">{t("was")}</span>
            <Price minor={was} currency={currency} />
          </s>
        </>
      ) : null}
    </>
  );
}

/** For a card showing a price range: when any variant is on sale, "Sale · up to 25% off" (the
 * largest saving of them), since one struck-through price cannot stand for several. */
export function RangeSaleNote({ variants }: { variants: readonly { priceMinor: number; compareAtMinor?: number | null }[] }) {
  const pct = Math.max(0, ...variants.map((v) => (v.compareAtMinor != null && v.compareAtMinor > v.priceMinor ? Math.floor(((v.compareAtMinor - v.priceMinor) * 100) / v.compareAtMinor) : 0)));
  if (pct < 1) return null;
  return (
    <span className="ml-1 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800" data-testid="range-sale">
      Sale · up to {pct}% off
    </span>
  );
}
