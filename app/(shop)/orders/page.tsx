import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { getSession } from "@/server/auth/session";
import { OrderList } from "@/components/orders/order-list";
import { cursorPages } from "@/shared/catalog";
import { ORDER_PAGE_SIZE } from "@/shared/orders";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  if (!(await getSession())) redirect("/signin?callbackUrl=%2Forders");
  await getQueryClient().prefetchInfiniteQuery(trpc.orders.list.infiniteQueryOptions({ limit: ORDER_PAGE_SIZE }, cursorPages));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Your orders</h1>
      <HydrateClient>
        <OrderList />
      </HydrateClient>
    </div>
  );
}
