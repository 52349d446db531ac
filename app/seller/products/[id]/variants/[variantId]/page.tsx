import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VariantInventory } from "@/components/seller/inventory/movement-history";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stock history" };

type Props = { params: Promise<{ id: string; variantId: string }> };

export default async function VariantStockPage({ params }: Props) {
  const { id, variantId } = await params;
  await requireRole("SELLER", `/seller/products/${id}/variants/${variantId}`);
  if (variantId.length > 64) notFound();
  let data;
  try {
    data = await getQueryClient().fetchQuery(trpc.seller.inventory.movements.queryOptions({ variantId, limit: 100 }));
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
  if (data.variant.product.id !== id) notFound();
  return (
    <HydrateClient>
      <div className="flex flex-col gap-4">
        <Link href={`/seller/products/${id}`} className="text-sm text-brand-700 underline">
          ← Back to {data.variant.product.title}
        </Link>
        <h1 className="text-2xl font-bold">
          Stock of {data.variant.sku}
          {data.variant.title ? ` · ${data.variant.title}` : ""}
        </h1>
        <VariantInventory variantId={variantId} />
      </div>
    </HydrateClient>
  );
}
