"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { formatMoney } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { PRODUCT_PAGE_SIZE, productPages } from "@/lib/catalog-query";
import { StockBadge } from "./stock-badge";

export function ProductGrid({ categorySlug }: { categorySlug?: string }) {
  const trpc = useTRPC();
  const query = useSuspenseInfiniteQuery(
    trpc.catalog.list.infiniteQueryOptions({ limit: PRODUCT_PAGE_SIZE, categorySlug }, productPages),
  );
  const products = query.data.pages.flatMap((p) => p.items);
  if (products.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">No products here yet.</p>;
  }
  return (
    <div className="flex flex-col gap-6">
      <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Products">
        {products.map((p) => {
          const prices = p.variants.map((v) => v.priceMinor);
          const min = Math.min(...prices);
          const max = Math.max(...prices);
          const stock = p.variants.reduce((s, v) => s + v.stock, 0);
          const threshold = Math.max(...p.variants.map((v) => v.lowStockThreshold));
          const currency = p.variants[0]?.currency ?? "USD";
          return (
            <li key={p.id} className="flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="product-card">
              {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
              <img src={p.images[0] ?? "/images/placeholder.svg"} alt="" width={600} height={600} className="aspect-square w-full object-cover" loading="lazy" />
              <div className="flex flex-1 flex-col gap-1 p-3">
                <p className="text-xs uppercase tracking-wide text-slate-500">{p.brand}</p>
                <h3 className="text-sm font-semibold text-slate-900">{p.title}</h3>
                <p className="text-sm text-slate-800">
                  {min === max ? formatMoney(min, currency) : `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`}
                </p>
                <div className="mt-auto pt-1">
                  <StockBadge stock={stock} lowStockThreshold={threshold} />
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Show more products"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
