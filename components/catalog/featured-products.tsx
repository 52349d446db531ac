"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useLiveInventory } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { FEATURED_LIMIT } from "@/shared/catalog";
import { ProductCard } from "./product-card";

/** The home page's "Featured" row (best sellers, then the best-stocked), from React Query data. */
export function FeaturedProducts() {
  const trpc = useTRPC();
  const { data: products } = useSuspenseQuery(trpc.catalog.featured.queryOptions({ limit: FEATURED_LIMIT }));
  useLiveInventory(products.map((p) => p.id));
  if (products.length === 0) return null;
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-4" aria-label="Featured products">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} testId="featured-card" />
      ))}
    </ul>
  );
}
