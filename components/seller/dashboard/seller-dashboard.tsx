"use client";
// The seller's dashboard, read from `seller.dashboard` through React Query so it follows the
// store live: the live provider refetches every seller query when an order arrives, and this
// page refetches when a stock event moves a variant between in stock / low / out.
import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback } from "react";
import { useTRPC } from "@/client/trpc";
import { formatMoney } from "@/shared/money";
import { formatCalendarDay } from "@/shared/dates";
import { useLivePrivate } from "@/client/live/live-provider";
import type { LiveEvent } from "@/shared/events";
import { StatusBadge } from "@/components/orders/status-badge";
import { EmptyState, TableFrame } from "@/components/ui/data-table";
import { TitledSection } from "@/components/ui/titled-section";
import { crossesStockLevel } from "@/shared/stock";
import { RevenueChart } from "./revenue-chart";
import type { StockAlertRow } from "@/server/services/seller-dashboard/dashboard";
import { DateTime } from "@/components/ui/date-time";

const utcDay = (date: string) => formatCalendarDay(date, "medium");

function Card({ label, value, hint, testId }: { label: string; value: React.ReactNode; hint?: React.ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

const LATEST_COLUMNS = ["Order", "Placed", "Customer", "Items", { label: "Your total", className: "text-right" }, "Status"];

type StockRow = StockAlertRow;

function StockList({ title, rows, total, empty, testId }: { title: string; rows: StockRow[]; total: number; empty: string; testId: string }) {
  return (
    <TitledSection
      id={`${testId}-h`}
      title={
        <>
          {title} <span className="text-sm font-normal text-slate-600">({total})</span>
        </>
      }
      className="flex flex-col gap-2"
    >
      {rows.length === 0 ? (
        <EmptyState compact>{empty}</EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid={testId}>
            {rows.map((v) => (
              <li key={v.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm" data-testid="stock-row" data-sku={v.sku}>
                <div className="min-w-0">
                  <Link href={v.href} className="font-medium text-indigo-700 hover:underline">
                    {v.productTitle}
                  </Link>
                  <div className="truncate text-xs text-slate-600">
                    <span className="font-mono">{v.sku}</span>
                    {v.title ? ` · ${v.title}` : ""}
                  </div>
                </div>
                <div className="shrink-0 text-right tabular-nums">
                  <span className={v.stock === 0 ? "font-semibold text-red-700" : "font-semibold text-amber-800"}>{v.stock} left</span>
                  <div className="text-xs text-slate-500">alert at {v.lowStockThreshold}</div>
                </div>
              </li>
            ))}
          </ul>
          {total > rows.length ? (
            <p className="text-xs text-slate-600">
              Showing the {rows.length} lowest of {total}.{" "}
              <Link href="/seller/products" className="text-indigo-700 hover:underline">
                See all products
              </Link>
            </p>
          ) : null}
        </>
      )}
    </TitledSection>
  );
}

export function SellerDashboard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: d } = useSuspenseQuery(trpc.seller.dashboard.queryOptions());

  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (e.type === "stock.changed" && crossesStockLevel(e.payload)) {
        void queryClient.invalidateQueries({ queryKey: trpc.seller.dashboard.queryKey() });
      }
    },
    [queryClient, trpc],
  );
  useLivePrivate(onEvent);

  const money = (minor: number) => formatMoney(minor, d.currency);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{d.store.name}</h1>
        <p className="text-sm text-slate-600">
          Days are UTC calendar days; today is {utcDay(d.today.date)} (UTC). Cancelled and refunded orders are not counted.
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Card label="Orders today" value={d.today.orders} testId="today-orders" />
        <Card label="Revenue today" value={money(d.today.revenueMinor)} testId="today-revenue" />
        <Card label="Revenue, last 30 days" value={money(d.totals30d.revenueMinor)} hint={`${d.totals30d.orders} orders`} testId="revenue-30d" />
        <Card label="Low stock variants" value={d.counts.lowStock} testId="low-stock-count" />
        <Card label="Out of stock variants" value={d.counts.outOfStock} hint={`${d.counts.activeProducts} active products`} testId="out-of-stock-count" />
      </dl>

      <TitledSection id="chart-h" title="Last 30 days" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <RevenueChart days={d.series} currency={d.currency} />
      </TitledSection>

      <TitledSection id="latest-h" title="Latest orders" className="flex flex-col gap-2" rowClassName="flex items-baseline justify-between" beside={<Link href="/seller/orders" className="text-sm text-indigo-700 hover:underline">All orders</Link>}>
        {d.latestOrders.length === 0 ? (
          <EmptyState compact>No orders yet. Orders with your products will appear here as they arrive.</EmptyState>
        ) : (
          <TableFrame columns={LATEST_COLUMNS} testId="latest-orders">
            {d.latestOrders.map((o) => {
              const names = o.items.slice(0, 2).map((i) => `${i.name} × ${i.quantity}`);
              const more = o.items.length - names.length;
              return (
                <tr key={o.orderId} data-testid="latest-order" data-order-id={o.orderId}>
                  <td className="p-3">
                    <Link href={`/seller/orders/${o.orderId}`} className="font-mono text-indigo-700 hover:underline">
                      {o.number}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap p-3">
                    <DateTime value={o.createdAt} />
                  </td>
                  <td className="p-3">{o.customer || "—"}</td>
                  <td className="p-3">
                    {names.join(", ")}
                    {more > 0 ? `, +${more} more` : ""}
                  </td>
                  <td className="p-3 text-right tabular-nums">{formatMoney(o.totalMinor, o.currency)}</td>
                  <td className="p-3">
                    <StatusBadge status={o.status} />
                  </td>
                </tr>
              );
            })}
          </TableFrame>
        )}
      </TitledSection>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <StockList
          title="Low stock"
          rows={d.lowStock}
          total={d.counts.lowStock}
          empty="No active variant is at or below its low-stock threshold."
          testId="low-stock-list"
        />
        <StockList title="Out of stock" rows={d.outOfStock} total={d.counts.outOfStock} empty="Every active variant is in stock." testId="out-of-stock-list" />
      </div>
    </div>
  );
}
