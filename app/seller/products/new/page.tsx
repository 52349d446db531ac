import type { Metadata } from "next";
import { NewProductEditor } from "@/components/seller/editor/product-editor";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "New product" };
export const dynamic = "force-dynamic";

export default async function NewProductPage() {
  await requireRole("SELLER", "/seller/products/new");
  await getQueryClient().prefetchQuery(trpc.seller.products.categories.queryOptions());
  return (
    <HydrateClient>
      <NewProductEditor />
    </HydrateClient>
  );
}
