"use client";
// Revenue (bars, left axis) and orders (line, right axis) for the last 30 UTC days, drawn in
// SVG. The picture is role="img" with a summary as its name; each day has a <title> tooltip;
// the exact figures are in a data table behind a disclosure (the text alternative).
import { formatMoney } from "@/shared/money";
import { formatCalendarDay } from "@/shared/dates";

export interface ChartDay {
  date: string;
  orders: number;
  revenueMinor: number;
}

const W = 720;
const H = 260;
const M = { top: 16, right: 44, bottom: 36, left: 64 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const TICKS = 4;

/** A round step (1, 2, 2.5, 5 x 10^n) so that TICKS steps cover `max`. */
function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / TICKS;
  const exp = 10 ** Math.floor(Math.log10(raw));
  const f = raw / exp;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * exp;
}

const dayLabel = (date: string, long = false) => formatCalendarDay(date, long ? "weekday" : "short");

/** Axis labels: "$0", "$12.5", "$250", "$1.5K", "$2M". Written here rather than with
 * Intl.NumberFormat's compact notation: Node's ICU and Chromium's disagree on it ("$10.0" on the
 * server, "$10" in the browser), which broke hydration (React #418) on dashboards with small
 * revenue. Only the currency's symbol comes from Intl (the same in both). */
export function compactMoney(minor: number, currency: string): string {
  const symbol = new Intl.NumberFormat("en-US", { style: "currency", currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? `${currency} `;
  const value = minor / 100;
  const [scaled, suffix] = Math.abs(value) >= 1e6 ? [value / 1e6, "M"] : Math.abs(value) >= 1e3 ? [value / 1e3, "K"] : [value, ""];
  const rounded = Math.round(scaled * 10) / 10;
  return `${rounded < 0 ? "-" : ""}${symbol}${String(Math.abs(rounded))}${suffix}`;
}

export function chartSummary(days: ChartDay[], currency: string): string {
  const orders = days.reduce((s, d) => s + d.orders, 0);
  const revenue = days.reduce((s, d) => s + d.revenueMinor, 0);
  if (orders === 0) return `Revenue and orders, last ${days.length} days (UTC): no orders yet.`;
  const best = days.reduce((b, d) => (d.revenueMinor > b.revenueMinor ? d : b), days[0]!);
  return `Revenue and orders, last ${days.length} days (UTC): ${orders} ${orders === 1 ? "order" : "orders"}, ${formatMoney(revenue, currency)} in total; best day ${dayLabel(best.date)} with ${formatMoney(best.revenueMinor, currency)} from ${best.orders} ${best.orders === 1 ? "order" : "orders"}.`;
}

export function RevenueChart({ days, currency }: { days: ChartDay[]; currency: string }) {
  const maxRevenue = Math.max(0, ...days.map((d) => d.revenueMinor));
  const maxOrders = Math.max(0, ...days.map((d) => d.orders));
  const revStep = niceStep(maxRevenue || 100 * TICKS);
  const revTop = revStep * TICKS;
  const ordStep = Math.max(1, Math.ceil(maxOrders / TICKS));
  const ordTop = ordStep * TICKS;
  const slot = PW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.62);
  const x = (i: number) => M.left + i * slot + slot / 2;
  const yRev = (v: number) => M.top + PH - (v / revTop) * PH;
  const yOrd = (v: number) => M.top + PH - (v / ordTop) * PH;
  const summary = chartSummary(days, currency);
  const line = days.map((d, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${yOrd(d.orders).toFixed(1)}`).join(" ");
  const labelEvery = days.length > 15 ? 5 : 1;

  return (
    <figure className="flex flex-col gap-3" data-testid="revenue-chart">
      <div className="flex flex-wrap items-center gap-4 text-xs text-slate-600" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="h-3 w-3 rounded-sm bg-indigo-400" /> Revenue (left axis)
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="h-0.5 w-4 bg-amber-600" /> Orders (right axis)
        </span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={summary} data-testid="revenue-chart-svg">
        {/* gridlines and axes */}
        {Array.from({ length: TICKS + 1 }, (_, k) => {
          const y = M.top + PH - (k / TICKS) * PH;
          return (
            <g key={k}>
              <line x1={M.left} x2={W - M.right} y1={y} y2={y} className={k === 0 ? "stroke-slate-400" : "stroke-slate-200"} strokeWidth={1} />
              <text x={M.left - 8} y={y} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[11px]">
                {compactMoney(revStep * k, currency)}
              </text>
              <text x={W - M.right + 8} y={y} dy="0.32em" textAnchor="start" className="fill-slate-600 text-[11px]">
                {ordStep * k}
              </text>
            </g>
          );
        })}
        <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + PH} className="stroke-slate-400" />
        <line x1={W - M.right} x2={W - M.right} y1={M.top} y2={M.top + PH} className="stroke-slate-400" />
        {days.map((d, i) =>
          i % labelEvery === (days.length - 1) % labelEvery ? (
            <text key={d.date} x={x(i)} y={H - M.bottom + 16} textAnchor="middle" className="fill-slate-600 text-[11px]">
              {dayLabel(d.date)}
            </text>
          ) : null,
        )}
        <text x={M.left + PW / 2} y={H - 4} textAnchor="middle" className="fill-slate-500 text-[11px]">
          Day (UTC)
        </text>
        {/* revenue bars */}
        {days.map((d, i) => {
          const y = yRev(d.revenueMinor);
          return d.revenueMinor > 0 ? (
            <rect key={d.date} x={x(i) - barW / 2} y={y} width={barW} height={M.top + PH - y} rx={2} className="fill-indigo-400" />
          ) : null;
        })}
        {/* orders line */}
        <path d={line} fill="none" className="stroke-amber-600" strokeWidth={2} strokeLinejoin="round" />
        {days.map((d, i) => (
          <circle key={d.date} cx={x(i)} cy={yOrd(d.orders)} r={d.orders > 0 ? 3 : 2} className="fill-amber-600" />
        ))}
        {/* one hover target per day, the whole column high, with its figures as a tooltip */}
        {days.map((d, i) => (
          <rect key={d.date} x={M.left + i * slot} y={M.top} width={slot} height={PH} className="fill-transparent hover:fill-slate-900/5" data-testid="chart-day" data-date={d.date}>
            <title>{`${dayLabel(d.date, true)}: ${d.orders} ${d.orders === 1 ? "order" : "orders"}, ${formatMoney(d.revenueMinor, currency)}`}</title>
          </rect>
        ))}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-indigo-700 hover:underline">Show the figures as a table</summary>
        <div className="mt-2 max-h-72 overflow-y-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Orders and revenue per day, last {days.length} days (UTC)</caption>
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-1.5">Day (UTC)</th>
                <th scope="col" className="px-3 py-1.5 text-right">Orders</th>
                <th scope="col" className="px-3 py-1.5 text-right">Revenue</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row" className="px-3 py-1 font-normal">
                    <time dateTime={d.date}>{dayLabel(d.date, true)}</time>
                  </th>
                  <td className="px-3 py-1 text-right tabular-nums">{d.orders}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{formatMoney(d.revenueMinor, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
