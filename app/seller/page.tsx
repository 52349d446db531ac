import type { Metadata } from "next";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { SellerDashboard } from "@/components/seller/dashboard/seller-dashboard";

export const metadata: Metadata = { title: "Seller dashboard" };

export default async function SellerHome() {
  // Layout and page render in parallel: the page guards its own data too.
  await requireRole("SELLER", "/seller");
  await getQueryClient().prefetchQuery(trpc.seller.dashboard.queryOptions());
  return (
    <HydrateClient>
      <SellerDashboard />
    </HydrateClient>
  );
}
