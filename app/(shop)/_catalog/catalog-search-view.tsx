import { getTranslations } from "next-intl/server";
import { HydrateClient, getQueryClient, serverCaller, trpc } from "@/server/api/rsc";
import { activeFilters, catalogHref, effectiveSort, hasFilters, type CatalogParams } from "@/shared/catalog";
import { FilterDrawer } from "@/components/catalog/filter-drawer";
import { SearchFilters } from "@/components/catalog/search-filters";
import type { CategoryOption } from "@/components/ui/category-options";
import { TitledSection } from "@/components/ui/titled-section";
import { SearchResults } from "@/components/catalog/search-results";
import { searchQueryOptions } from "@/components/catalog/search-query";
import { toSearchInput } from "./search-params";
import { SortSelect } from "@/components/catalog/sort-select";

const FORM_ID = "catalog-filters";

/**
 * Filters, sort and results of /search and /categories/[slug], rendered on the server from
 * one prefetched query that the client component then reads from the hydrated cache.
 */
export async function CatalogSearchView({
  basePath,
  params,
  categories,
  fixedCategory = false,
}: {
  basePath: string;
  params: CatalogParams;
  /** shown as a category filter (search page) */
  categories?: CategoryOption[];
  /** the category is part of the path (category page), not a filter */
  fixedCategory?: boolean;
}) {
  const t = await getTranslations("search");
  const input = toSearchInput(params);
  const queryClient = getQueryClient();
  const data = await queryClient.fetchInfiniteQuery(searchQueryOptions(trpc, input, params.cursor));
  // A list that starts at a cursor carries no facets; ask for them on their own.
  const facets = data.pages[0]?.facets ?? (await (await serverCaller()).catalog.search({ ...input, limit: 1 })).facets;
  const total = facets?.total ?? 0;

  const urlParams = fixedCategory ? { ...params, category: undefined } : params;
  const pageHref = catalogHref(basePath, { ...urlParams, cursor: undefined });
  const clearHref = catalogHref(basePath, { q: params.q, brands: [], inStock: false, sort: params.sort });
  const filtered = hasFilters(urlParams);
  const sort = effectiveSort(input);

  return (
    <div className="grid gap-4 lg:grid-cols-[15rem_1fr] lg:gap-8">
      <FilterDrawer key={pageHref} id="catalog-filters-drawer" headingId="filters-heading" active={activeFilters(urlParams)}>
        <SearchFilters
          formId={FORM_ID}
          basePath={basePath}
          params={urlParams}
          brands={facets?.brands ?? []}
          categories={categories}
          clearHref={clearHref}
        />
      </FilterDrawer>
      <TitledSection
        id="results-heading"
        title={t("count", { count: total })}
        headingTestId="result-count"
        className="flex min-w-0 flex-col gap-4"
        rowClassName="flex flex-wrap items-center justify-between gap-3"
        beside={<SortSelect key={pageHref} form={FORM_ID} value={sort} withRelevance={Boolean(params.q)} />}
      >
        <HydrateClient>
          <SearchResults input={input} startCursor={params.cursor} pageHref={pageHref} clearHref={clearHref} filtered={filtered} />
        </HydrateClient>
      </TitledSection>
    </div>
  );
}
