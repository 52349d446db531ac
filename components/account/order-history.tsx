"use client";
// /account/orders: the order history, searched by order number or product and filtered by status.
// The search is in the URL (?q=…&status=…), so a result can be reloaded and shared with oneself.
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTRPC } from "@/client/trpc";
import { useLivePrivate } from "@/client/live/live-provider";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { Button } from "@/components/ui/button";
import { ORDER_SEARCH_STATUSES } from "@/shared/account";
import { cursorPages } from "@/shared/catalog";
import { useFormatMoney } from "@/components/ui/price";
import { DateTime } from "@/components/ui/date-time";

export type HistoryStatus = (typeof ORDER_SEARCH_STATUSES)[number];

export function OrderHistory({ q, status }: { q: string; status?: HistoryStatus }) {
  const t = useTranslations("account.history");
  const ts = useTranslations("orders.status");
  const formatMoney = useFormatMoney();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const query = useSuspenseInfiniteQuery(trpc.account.orders.infiniteQueryOptions({ q, status, limit: 20 }, cursorPages));
  useLivePrivate();
  const orders = query.data.pages.flatMap((p) => p.items);
  const searching = q !== "" || status !== undefined;

  return (
    <div className="flex flex-col gap-4">
      <form
        role="search"
        aria-label={t("search")}
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const params = new URLSearchParams();
          const text = String(f.get("q") ?? "").trim();
          const st = String(f.get("status") ?? "");
          if (text) params.set("q", text);
          if (st) params.set("status", st);
          router.push(params.size ? `${pathname}?${params}` : pathname);
        }}
      >
        <div className="flex min-w-60 flex-1 flex-col gap-1">
          <label htmlFor="history-q" className="text-sm font-medium text-slate-800">{t("q")}</label>
          <input id="history-q" name="q" type="search" defaultValue={q} className="rounded-md border border-slate-300 px-3 py-2 text-sm" placeholder={t("placeholder")} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="history-status" className="text-sm font-medium text-slate-800">{t("status")}</label>
          <select id="history-status" name="status" defaultValue={status ?? ""} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">{t("anyStatus")}</option>
            {ORDER_SEARCH_STATUSES.map((s) => (
              <option key={s} value={s}>{ts(s)}</option>
            ))}
          </select>
        </div>
        <Button type="submit">{t("submit")}</Button>
        {searching ? <Link href={pathname} className="py-2 text-sm text-brand-700 underline">{t("clear")}</Link> : null}
      </form>
      {orders.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600" data-testid="history-empty">
          {searching ? t("noMatch") : t("none")} <Link href="/" className="text-brand-700 underline">{t("continue")}</Link>
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("list")}>
          {orders.map((o) => (
            <li key={o.id} data-testid="history-row">
              <Link href={`/orders/${o.number}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-4 hover:bg-slate-50">
                <span className="font-mono text-sm">{o.number}</span>
                <DateTime value={o.createdAt} style="date" className="text-sm text-slate-600" />
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium">{ts(o.status)}</span>
                <span className="ml-auto font-medium">{formatMoney(o.totalMinor, o.currency)}</span>
                <span className="basis-full truncate text-sm text-slate-600">{o.itemNames.join(", ")}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage ? <LoadMoreButton query={query} className="self-center">{t("older")}</LoadMoreButton> : null}
    </div>
  );
}
