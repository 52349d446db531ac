import { ORDER_SOURCE_LABEL } from "@/shared/orders";

/** Where an order came from (storefront, API, event stream). */
export function OrderSource({ source }: { source: keyof typeof ORDER_SOURCE_LABEL }) {
  return (
    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" data-testid="order-source">
      {ORDER_SOURCE_LABEL[source]}
    </span>
  );
}

/** The lines stock could not cover (an order received as an event that needs attention). */
export function Shortfall({ lines }: { lines: readonly { name: string; chrtId: number; short: number }[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 text-xs text-orange-900" data-testid="order-shortfall" aria-label="Short of stock">
      {lines.map((l) => (
        <li key={l.chrtId}>
          Short: {l.name} (chrt_id {l.chrtId}) × {l.short}
        </li>
      ))}
    </ul>
  );
}
