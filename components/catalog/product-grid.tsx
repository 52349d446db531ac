"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useLiveInventory } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { cursorPages, PRODUCT_PAGE_SIZE } from "@/shared/catalog";
import { ProductCardList } from "./product-card";

/** Active products newest first ("New arrivals"), with a client-side "Show more". */
export function ProductGrid({ categorySlug }: { categorySlug?: string }) {
  const t = useTranslations("catalog");
  const trpc = useTRPC();
  const query = useSuspenseInfiniteQuery(
    trpc.catalog.list.infiniteQueryOptions({ limit: PRODUCT_PAGE_SIZE, categorySlug }, cursorPages),
  );
  const products = query.data.pages.flatMap((p) => p.items);
  useLiveInventory(products.map((p) => p.id));
  if (products.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">{t("noProductsYet")}</p>;
  }
  return (
    <div className="flex flex-col gap-6">
      <ProductCardList products={products} label={t("products")} className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" />
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <LoadMoreButton query={query}>{t("showMoreProducts")}</LoadMoreButton>
        </div>
      ) : null}
    </div>
  );
}
