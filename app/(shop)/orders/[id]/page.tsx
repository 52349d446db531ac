import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { getSession } from "@/server/auth/session";
import { OrderDetail } from "@/components/orders/order-detail";

export const metadata: Metadata = { title: "Order" };

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
  try {
    // Someone else's order and one that does not exist look the same: 404.
    await getQueryClient().fetchQuery(trpc.orders.byId.queryOptions({ orderId: id }));
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const justPlaced = (await searchParams).placed === "1";
  return (
    <HydrateClient>
      <OrderDetail orderId={id} justPlaced={justPlaced} />
    </HydrateClient>
  );
}
