"use client";
import { useTranslations } from "next-intl";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { useSuspenseQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useLiveInventory } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { SalePrice } from "./sale-price";
import { AddToCart } from "./add-to-cart";
import { StockBadge } from "./stock-badge";
import { defaultVariant } from "./variant-options";
import { ProductGallery } from "./product-gallery";
import { VariantPicker } from "./variant-picker";
import { TitledSection } from "@/components/ui/titled-section";

/**
 * The product page body. Price and stock come from the React Query cache entry of
 * `catalog.bySlug` (so live updates can patch it with setQueryData); the only UI state is the
 * selected variant, which lives in the URL (?variant=<id>).
 */
export function ProductDetail({ slug }: { slug: string }) {
  const t = useTranslations("product.detail");
  const trpc = useTRPC();
  const { data: product } = useSuspenseQuery(trpc.catalog.bySlug.queryOptions({ slug }));
  useLiveInventory([product.id]);
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const requested = searchParams.get("variant");
  // The pick shows at once; the URL follows (Next.js applies history updates asynchronously).
  // A pick made under another URL (e.g. after navigating to another variant's link) is stale.
  const [picked, setPicked] = useState<{ under: string | null; id: string } | null>(null);
  // Without a choice in the URL the page shows a default variant, chosen once when it opens: if
  // that variant then sells out, the page keeps showing it (marked sold out) rather than
  // switching to another size under the shopper's eyes (price, badge and Add to cart would then
  // describe a variant they never chose).
  const [shownByDefault] = useState(() => defaultVariant(product.variants)?.id ?? null);
  const selectedId = picked && picked.under === requested ? picked.id : requested;
  const selected =
    product.variants.find((v) => v.id === selectedId) ?? product.variants.find((v) => v.id === shownByDefault) ?? defaultVariant(product.variants);

  function select(id: string) {
    setPicked({ under: requested, id });
    // Next.js syncs native history updates with useSearchParams: no server round trip.
    window.history.replaceState(null, "", `${pathname}?variant=${encodeURIComponent(id)}`);
  }

  return (
    <article className="flex flex-col gap-6">
      <Breadcrumbs
        items={[
          ...(product.category.parent ? [{ label: product.category.parent.name, href: `/categories/${product.category.parent.slug}` }] : []),
          { label: product.category.name, href: `/categories/${product.category.slug}` },
          { label: product.title },
        ]}
      />

      <div className="grid gap-8 md:grid-cols-2">
        <ProductGallery title={product.title} images={product.images} />

        <div className="flex flex-col gap-5">
          <div>
            <p className="text-sm uppercase tracking-wide text-slate-500">{product.brand}</p>
            <h1 className="text-3xl font-bold text-slate-900">{product.title}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {t.rich("soldBy", { store: () => <span className="font-medium text-slate-800">{product.store.name}</span> })}
            </p>
          </div>

          {selected ? (
            <>
              <div className="flex flex-wrap items-center gap-3">
                <p className="text-2xl font-semibold text-slate-900" data-testid="product-price" aria-live="polite" aria-atomic="true">
                  <SalePrice priceMinor={selected.priceMinor} compareAtMinor={selected.compareAtMinor} currency={selected.currency} />
                </p>
                <span data-testid="product-stock" aria-live="polite" aria-atomic="true">
                  <StockBadge stock={selected.stock} lowStockThreshold={selected.lowStockThreshold} />
                </span>
              </div>
              {product.variants.length > 1 ? (
                <VariantPicker action={pathname} variants={product.variants} selected={selected} onSelect={(v) => select(v.id)} />
              ) : selected.title ? (
                <p className="text-sm text-slate-700">{selected.title}</p>
              ) : null}
              <AddToCart key={selected.id} variantId={selected.id} stock={selected.stock} />
              <p className="text-xs text-slate-500">{t("sku", { sku: selected.sku })}</p>
            </>
          ) : (
            <p className="text-slate-600">{t("cannotOrder")}</p>
          )}

          <TitledSection id="description-heading" title={t("description")} headingClassName="mb-2 text-lg font-semibold" className="border-t border-slate-200 pt-5">
            <p className="whitespace-pre-line text-slate-700">{product.description || t("noDescription")}</p>
          </TitledSection>
        </div>
      </div>
    </article>
  );
}
