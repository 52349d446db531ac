import Link from "next/link";
import { useTranslations } from "next-intl";
import { PriceRange } from "@/components/ui/price";
import type { ProductCard as ProductCardData } from "@/server/services/catalog/list-products";
import { StockBadge } from "./stock-badge";
import { CardRating } from "@/components/reviews/card-rating";
import { RangeSaleNote, SalePrice } from "./sale-price";

/** One product in a grid: image, brand, title (the link), price range and stock. */
export function ProductCard({ product: p, testId = "product-card" }: { product: ProductCardData; testId?: string }) {
  const t = useTranslations("catalog");
  const prices = p.variants.map((v) => v.priceMinor);
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const stock = p.variants.reduce((s, v) => s + v.stock, 0);
  const threshold = Math.max(...p.variants.map((v) => v.lowStockThreshold));
  const currency = p.variants[0]?.currency ?? "USD";
  // One price: the was price of that variant, if it is on sale.
  const single = min === max ? p.variants.find((v) => v.priceMinor === min) : undefined;
  return (
    <li className="relative flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-brand-600 hover:shadow-md" data-testid={testId}>
      {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
      <img src={p.images[0] ?? "/images/placeholder.svg"} alt="" width={600} height={600} className="aspect-square w-full object-cover" loading="lazy" />
      <div className="flex flex-1 flex-col gap-1 p-3">
        <p className="text-xs uppercase tracking-wide text-slate-500">{p.brand}</p>
        <h3 className="text-sm font-semibold text-slate-900">
          <Link href={`/products/${encodeURIComponent(p.slug)}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {p.title}
          </Link>
        </h3>
        <p className="text-sm text-slate-800" data-testid="card-price" aria-live="polite" aria-atomic="true">
          {p.variants.length === 0
            ? t("unavailable")
            : single
              ? <SalePrice priceMinor={min} compareAtMinor={single.compareAtMinor} currency={currency} />
              : <>
                  <PriceRange min={min} max={max} currency={currency} />
                  <RangeSaleNote variants={p.variants} />
                </>}
        </p>
        <CardRating rating={p} />
        <div className="mt-auto pt-1" data-testid="card-stock" aria-live="polite" aria-atomic="true">
          <StockBadge stock={stock} lowStockThreshold={threshold} />
        </div>
      </div>
    </li>
  );
}

/** A grid of product cards; `className` sets the grid's columns. */
export function ProductCardList({ products, label, className, cardTestId }: { products: ProductCardData[]; label: string; className: string; cardTestId?: string }) {
  return (
    <ul className={className} aria-label={label}>
      {products.map((p) => (
        <ProductCard key={p.id} product={p} testId={cardTestId} />
      ))}
    </ul>
  );
}
