import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { OrderList } from "@/components/orders/order-list";
import { cursorPages } from "@/shared/catalog";
import { ORDER_PAGE_SIZE } from "@/shared/orders";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orders"))("title") };
}

export default async function OrdersPage() {
  if (!(await getSession())) redirect("/signin?callbackUrl=%2Forders");
  await getQueryClient().prefetchInfiniteQuery(trpc.orders.list.infiniteQueryOptions({ limit: ORDER_PAGE_SIZE }, cursorPages));
  const t = await getTranslations("orders");
  return (
    <HydratedPage title={t("title")}>
      <OrderList />
    </HydratedPage>
  );
}
