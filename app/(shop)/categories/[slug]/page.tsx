import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/api/rsc";
import { CatalogSearchView } from "@/app/(shop)/_catalog/catalog-search-view";
import { parseCatalogParams, type RawSearchParams } from "@/app/(shop)/_catalog/search-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

/** The category and its place in the tree (parent, children or siblings), or null. */
const findCategory = cache(async (slug: string) => {
  const tree = await (await serverCaller()).catalog.categories();
  for (const top of tree) {
    if (top.slug === slug) return { category: top, parent: null, links: top.children };
    const child = top.children.find((c) => c.slug === slug);
    if (child) return { category: child, parent: top, links: top.children };
  }
  return null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await findCategory((await params).slug);
  return { title: found ? found.category.name : (await getTranslations("category"))("notFound") };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const found = await findCategory((await params).slug);
  if (!found) notFound();
  const { category, parent, links } = found;
  const t = await getTranslations("category");
  const catalogParams = parseCatalogParams(await searchParams, { fixedCategory: category.slug });
  const pill =
    "inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50";
  return (
    <div className="flex flex-col gap-6">
      <Breadcrumbs
        items={[...(parent ? [{ label: parent.name, href: `/categories/${parent.slug}` }] : []), { label: category.name }]}
      />
      <h1 className="text-2xl font-bold">{category.name}</h1>
      {links.length ? (
        <nav aria-label={parent ? t("moreIn", { name: parent.name }) : t("subcategoriesOf", { name: category.name })}>
          <ul className="flex flex-wrap gap-2">
            {parent ? (
              <li>
                <Link href={`/categories/${parent.slug}`} className={pill}>
                  {t("all", { name: parent.name })}
                </Link>
              </li>
            ) : null}
            {links.map((c) => (
              <li key={c.slug}>
                <Link href={`/categories/${c.slug}`} aria-current={c.slug === category.slug ? "page" : undefined} className={pill}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <CatalogSearchView basePath={`/categories/${category.slug}`} params={catalogParams} fixedCategory />
    </div>
  );
}
