import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { OrderList } from "@/components/orders/order-list";
import { cursorPages } from "@/shared/catalog";
import { ORDER_PAGE_SIZE } from "@/shared/orders";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  if (!(await getSession())) redirect("/signin?callbackUrl=%2Forders");
  await getQueryClient().prefetchInfiniteQuery(trpc.orders.list.infiniteQueryOptions({ limit: ORDER_PAGE_SIZE }, cursorPages));
  return (
    <HydratedPage title="Your orders">
      <OrderList />
    </HydratedPage>
  );
}
