"use client";
import { useLiveInventory } from "@/client/live/live-provider";
import { ProductCardList } from "@/components/catalog/product-card";
import { TitledSection } from "@/components/ui/titled-section";
import type { ProductCard } from "@/server/services/catalog/list-products";

/** One recommendation row: a titled section of product cards (the catalogue's own card), two
 * columns on phones and four from `sm`; nothing at all when there is nothing to show. */
export function RecommendationRow({ id, title, products, testId }: { id: string; title: string; products: ProductCard[]; testId: string }) {
  useLiveInventory(products.map((p) => p.id));
  if (products.length === 0) return null;
  return (
    <div data-testid={testId} className="min-w-0">
      <TitledSection id={id} title={title} headingClassName="mb-4 text-xl font-semibold">
        <ProductCardList products={products} label={title} className="grid grid-cols-2 gap-4 sm:grid-cols-4" cardTestId={`${testId}-card`} />
      </TitledSection>
    </div>
  );
}
