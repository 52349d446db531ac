import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { SellerOrderDetail } from "@/components/seller/orders/seller-order-detail";

export const metadata: Metadata = { title: "Order" };

export default async function SellerOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole("SELLER", `/seller/orders/${id}`);
  if (id.length > 64) notFound();
  try {
    // Another store's order and one that does not exist look the same: 404.
    await getQueryClient().fetchQuery(trpc.seller.orders.byId.queryOptions({ orderId: id }));
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return (
    <HydrateClient>
      <SellerOrderDetail orderId={id} />
    </HydrateClient>
  );
}
