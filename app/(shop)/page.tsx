import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { zText } from "@/shared/text";
import { HydrateClient, getQueryClient, serverCaller, trpc } from "@/server/api/rsc";
import { FeaturedProducts } from "@/components/catalog/featured-products";
import { ForYou } from "@/app/(shop)/_recommendations/for-you";
import { ProductGrid } from "@/components/catalog/product-grid";
import { SearchBox } from "@/components/catalog/search-box";
import { TitledSection } from "@/components/ui/titled-section";
import { FEATURED_LIMIT } from "@/shared/catalog";
import { cursorPages, PRODUCT_PAGE_SIZE } from "@/shared/catalog";

export const dynamic = "force-dynamic";

const heading = "mb-4 text-xl font-semibold";

const ZSearchParams = z.object({
  category: zText().trim().min(1).max(100).regex(/^[a-z0-9-]+$/).optional().catch(undefined),
});

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Old links filtered the home page by category; categories have their own pages now.
  const { category } = ZSearchParams.parse(await searchParams);
  if (category) redirect(`/categories/${category}`);

  const queryClient = getQueryClient();
  const t = await getTranslations("home");
  const [categories] = await Promise.all([
    (await serverCaller()).catalog.categories(),
    queryClient.prefetchQuery(trpc.catalog.featured.queryOptions({ limit: FEATURED_LIMIT })),
    queryClient.prefetchInfiniteQuery(trpc.catalog.list.infiniteQueryOptions({ limit: PRODUCT_PAGE_SIZE }, cursorPages)),
  ]);
  return (
    <div className="flex flex-col gap-10">
      <section className="rounded-xl bg-gradient-to-r from-brand-700 to-brand-600 px-6 py-10 text-white">
        <h1 className="text-3xl font-bold">{t("heroTitle")}</h1>
        <p className="mt-2 max-w-xl text-brand-50">
          {t("heroBody")}
        </p>
        <SearchBox className="mt-6" />
      </section>

      <TitledSection id="categories-heading" title={t("byCategory")} headingClassName={heading}>
        <nav aria-label={t("categoriesNav")}>
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            {categories.map((c) => (
              <li key={c.id} className="relative overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-brand-600 hover:shadow-md">
                {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
                <img src={`/images/categories/${c.slug}.svg`} alt="" width={400} height={300} className="aspect-[4/3] w-full object-cover" />
                <div className="p-3">
                  <Link href={`/categories/${c.slug}`} className="font-semibold text-slate-900 after:absolute after:inset-0 focus-visible:outline-none">
                    {c.name}
                  </Link>
                  {c.children.length ? <p className="mt-1 text-xs text-slate-500">{c.children.map((child) => child.name).join(" · ")}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        </nav>
      </TitledSection>

      <ForYou />

      <HydrateClient>
        <TitledSection id="featured-heading" title={t("featured")} headingClassName={heading}>
          <FeaturedProducts />
        </TitledSection>

        <TitledSection
          id="products-heading"
          title={t("newArrivals")}
          headingClassName="text-xl font-semibold"
          rowClassName="mb-4 flex items-baseline justify-between gap-4"
          beside={
            <Link href="/search?sort=newest" className="text-sm text-brand-700 underline">
              {t("browseAll")}
            </Link>
          }
        >
          <ProductGrid />
        </TitledSection>
      </HydrateClient>
    </div>
  );
}
