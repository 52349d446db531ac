import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { getSession } from "@/server/auth/session";
import { OrderDetail } from "@/components/orders/order-detail";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orders"))("orderMeta") };
}

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!(await getSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(`/orders/${id}`)}`);
  if (id.length > 64) notFound();
  const queryClient = getQueryClient();
  let orderId: string;
  try {
    // Someone else's order and one that does not exist look the same: 404. The address names the
    // order by its number (LM-7K3Q9) or its id; the page's queries use the id (live steps name it).
    const order = await queryClient.fetchQuery(trpc.orders.byId.queryOptions({ orderId: id }));
    orderId = order.id;
    if (orderId !== id) {
      queryClient.setQueryData(trpc.orders.byId.queryKey({ orderId }), order);
      queryClient.removeQueries({ queryKey: trpc.orders.byId.queryKey({ orderId: id }), exact: true });
    }
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const justPlaced = (await searchParams).placed === "1";
  return (
    <HydrateClient>
      <OrderDetail orderId={orderId} justPlaced={justPlaced} />
    </HydrateClient>
  );
}
