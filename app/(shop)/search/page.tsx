import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { serverCaller } from "@/server/api/rsc";
import { CatalogSearchView } from "@/app/(shop)/_catalog/catalog-search-view";
import { SearchBox } from "@/components/catalog/search-box";
import { parseCatalogParams, type RawSearchParams } from "@/app/(shop)/_catalog/search-params";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseCatalogParams(await searchParams);
  const t = await getTranslations("search");
  return { title: q ? t("metaTitle", { q }) : t("allProducts"), robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = parseCatalogParams(await searchParams);
  const categories = await (await serverCaller()).catalog.categories();
  const t = await getTranslations("search");
  return (
    <div className="flex flex-col gap-4 md:gap-6">
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">{params.q ? t("resultsFor", { q: params.q }) : t("allProducts")}</h1>
        {/* Phones have the header's search right above: one search box is enough there. */}
        <div className="hidden md:block">
          <SearchBox key={params.q ?? ""} defaultValue={params.q} landmarkLabel={t("searchAgain")} />
        </div>
      </div>
      <CatalogSearchView basePath="/search" params={params} categories={categories} />
    </div>
  );
}
