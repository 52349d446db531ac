"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/client/trpc";
import { useLivePrivate } from "@/client/live/live-provider";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { cursorPages } from "@/shared/catalog";
import { useFormatMoney } from "@/components/ui/price";
import { ORDER_PAGE_SIZE } from "@/shared/orders";
import { DateTime } from "@/components/ui/date-time";

export function OrderList() {
  const t = useTranslations("orders");
  const ts = useTranslations("orders.status");
  const formatMoney = useFormatMoney();
  const trpc = useTRPC();
  const q = useSuspenseInfiniteQuery(trpc.orders.list.infiniteQueryOptions({ limit: ORDER_PAGE_SIZE }, cursorPages));
  useLivePrivate(); // statuses change as sellers fulfil

  const orders = q.data.pages.flatMap((p) => p.items);
  if (orders.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
        {t.rich("none", { link: (chunks) => <Link href="/" className="text-brand-700 underline">{chunks}</Link> })}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("list")}>
        {orders.map((o) => (
          <li key={o.id} data-testid="order-row">
            <Link href={`/orders/${o.number}`} className="flex flex-wrap items-center gap-4 p-4 hover:bg-slate-50">
              <span className="font-mono text-sm" data-testid="order-number">{o.number}</span>
              <DateTime value={o.createdAt} style="date" className="text-sm text-slate-600" />
              <span className="text-sm">{t("items", { count: o.itemCount })}</span>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium">{ts(o.status)}</span>
              <span className="ml-auto font-medium">{formatMoney(o.totalMinor, o.currency)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {q.hasNextPage ? (
        <LoadMoreButton query={q} className="self-center">
          {t("showOlder")}
        </LoadMoreButton>
      ) : null}
    </div>
  );
}
