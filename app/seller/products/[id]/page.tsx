import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ProductEditor } from "@/components/seller/editor/product-editor";
import { Alert } from "@/components/ui/alert";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { loadEditorProduct } from "./load";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await loadEditorProduct((await params).id);
  return { title: product ? `Edit ${product.title}` : "Product not found" };
}

export default async function EditProductPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireRole("SELLER", `/seller/products/${id}`);
  const product = await loadEditorProduct(id);
  if (!product) notFound();
  await getQueryClient().prefetchQuery(trpc.seller.products.categories.queryOptions());
  const created = (await searchParams).created === "1";
  return (
    <HydrateClient>
      {created ? <Alert tone="success">Product created as a draft. Publish it when it is ready.</Alert> : null}
      <ProductEditor productId={product.id} />
    </HydrateClient>
  );
}
