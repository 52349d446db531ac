import { formatMoney } from "@/shared/money";

/** A price, and while a sale lasts its "was" price struck through (decision 175): shown only when
 * the was price is above the price, so a stale one never claims a saving. */
export function Price({ priceMinor, compareAtMinor, currency }: { priceMinor: number; compareAtMinor?: number | null; currency: string }) {
  const was = compareAtMinor != null && compareAtMinor > priceMinor ? compareAtMinor : null;
  return (
    <>
      {formatMoney(priceMinor, currency)}
      {was !== null ? (
        <>
          {" "}
          <s className="text-[0.85em] font-normal text-slate-500" data-testid="was-price">
            <span className="sr-only">was </span>
            {formatMoney(was, currency)}
          </s>
        </>
      ) : null}
    </>
  );
}
