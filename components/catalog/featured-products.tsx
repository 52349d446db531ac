"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useLiveInventory } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { FEATURED_LIMIT } from "@/shared/catalog";
import { ProductCardList } from "./product-card";

/** The home page's "Featured" row (best sellers, then the best-stocked), from React Query data. */
export function FeaturedProducts() {
  const t = useTranslations("catalog");
  const trpc = useTRPC();
  const { data: products } = useSuspenseQuery(trpc.catalog.featured.queryOptions({ limit: FEATURED_LIMIT }));
  useLiveInventory(products.map((p) => p.id));
  if (products.length === 0) return null;
  return <ProductCardList products={products} label={t("featuredProducts")} className="grid grid-cols-2 gap-4 sm:grid-cols-4" cardTestId="featured-card" />;
}
