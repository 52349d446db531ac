// /account/orders: the order history with search (number, product) and a status filter.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { OrderHistory, type HistoryStatus } from "@/components/account/order-history";
import { ORDER_SEARCH_STATUSES } from "@/shared/account";
import { cursorPages } from "@/shared/catalog";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("historyTitle") };
}

export default async function OrderHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 100) : "";
  const status = (ORDER_SEARCH_STATUSES as readonly string[]).includes(String(sp.status)) ? (sp.status as HistoryStatus) : undefined;
  if (!(await getSession())) redirect(`/signin?callbackUrl=${encodeURIComponent("/account/orders")}`);
  await getQueryClient().prefetchInfiniteQuery(trpc.account.orders.infiniteQueryOptions({ q, status, limit: 20 }, cursorPages));
  const t = await getTranslations("account");
  return (
    <HydratedPage title={t("historyTitle")}>
      <OrderHistory key={`${q}|${status ?? ""}`} q={q} status={status} />
    </HydratedPage>
  );
}
