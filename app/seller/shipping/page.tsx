import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { getQueryClient, HydrateClient, trpc } from "@/server/api/rsc";
import { ShippingManager } from "@/components/seller/shipping/shipping-manager";

export const metadata: Metadata = { title: "Shipping" };

export default async function SellerShippingPage() {
  await requireRole("SELLER", "/seller/shipping");
  const qc = getQueryClient();
  await qc.prefetchQuery(trpc.seller.shipping.zones.queryOptions());
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Shipping</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Where you ship and what it costs. At checkout a shopper sees the options of the zone that covers their address (a region zone wins over its country&apos;s,
        a country&apos;s over rest of world), priced on your items in their order; an address none of your zones covers cannot order your items.
      </p>
      <HydrateClient>
        <ShippingManager />
      </HydrateClient>
    </div>
  );
}
