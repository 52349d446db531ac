import type { Metadata } from "next";
import { HydrateClient, getQueryClient, serverCaller, trpc } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { ProductsTable } from "@/components/seller/products-table/products-table";
import { parseTableParams } from "@/components/seller/products-table/params";

export const metadata: Metadata = { title: "Products" };

export default async function SellerProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("SELLER", "/seller/products");
  const params = parseTableParams(await searchParams);
  const [categories] = await Promise.all([
    (await serverCaller()).catalog.categories(),
    getQueryClient().prefetchQuery(trpc.seller.products.list.queryOptions(params)),
  ]);
  return (
    <HydrateClient>
      <ProductsTable params={params} categories={categories.map((c) => ({ slug: c.slug, name: c.name, children: c.children.map((x) => ({ slug: x.slug, name: x.name })) }))} />
    </HydrateClient>
  );
}
