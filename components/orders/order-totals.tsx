import { formatMoney } from "@/shared/money";

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
  return (
    <dl className={`flex flex-col gap-1 border-t border-slate-200 text-sm ${className}`}>
      <div className="flex justify-between"><dt>Subtotal</dt><dd>{formatMoney(subtotalMinor, currency)}</dd></div>
      {discountMinor > 0 ? (
        <div className="flex justify-between text-green-800">
          <dt>Discount{discountCode ? ` (${discountCode})` : ""}</dt>
          <dd data-testid="discount-total">−{formatMoney(discountMinor, currency)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between"><dt>Delivery</dt><dd>{formatMoney(deliveryMinor, currency)}</dd></div>
      <div className="flex justify-between text-base font-semibold"><dt>Total</dt><dd data-testid={totalTestId}>{formatMoney(totalMinor, currency)}</dd></div>
    </dl>
  );
}
