import Form from "next/form";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { BrandFacet } from "@/server/services/catalog/search-products";
import { hasFilters, type CatalogParams } from "@/shared/catalog";
import { CategoryOptions, type CategoryOption } from "@/components/ui/category-options";
import { Button } from "@/components/ui/button";
import { Labelled, SelectField } from "@/components/ui/field";

const legend = "mb-2 text-sm font-semibold text-slate-900";
const box = "h-4 w-4 rounded border-slate-300 accent-brand-600";
const input = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";
/** The price range's two inputs: id suffix, parameter, label's message. */
const PRICE_BOUNDS = [
  ["min", "minPrice", "minPrice"],
  ["max", "maxPrice", "maxPrice"],
] as const;

/**
 * The filter form: a GET form to the page's own URL, so every filter state is a shareable URL
 * and the form works without JavaScript. Brands come with counts for the current query.
 */
export function SearchFilters({
  formId,
  basePath,
  params,
  brands,
  categories,
  clearHref,
}: {
  formId: string;
  basePath: string;
  params: CatalogParams;
  brands: BrandFacet[];
  /** offered as a select on /search; category pages fix the category instead */
  categories?: CategoryOption[];
  clearHref: string;
}) {
  // Selected brands stay visible (and un-tickable) even when nothing matches them any more.
  const t = useTranslations("catalog.filters");
  const shown = [...brands];
  for (const b of params.brands) if (!shown.some((s) => s.brand === b)) shown.push({ brand: b, count: 0 });
  return (
    <Form action={basePath} id={formId} className="flex flex-col gap-5" aria-label={t("title")}>
      {params.q ? <input type="hidden" name="q" value={params.q} /> : null}
      {categories ? (
        <SelectField id={`${formId}-category`} label={t("category")} labelClassName={legend} name="category" defaultValue={params.category ?? ""} className={input} choices={[["", t("allCategories")]]}>
          <CategoryOptions categories={categories} />
        </SelectField>
      ) : null}

      <fieldset>
        <legend className={legend}>{t("brand")}</legend>
        {shown.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noBrands")}</p>
        ) : (
          <ul className="flex flex-col gap-1.5">
            {shown.map((b) => (
              <li key={b.brand}>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" name="brand" value={b.brand} defaultChecked={params.brands.includes(b.brand)} className={box} />
                  <span>{b.brand}</span>
                  <span className="ml-auto text-xs text-slate-500">
                    <span className="sr-only">(</span>
                    {b.count}
                    <span className="sr-only">{t("brandCountSr")}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset>
        <legend className={legend}>{t("price", { currency: "USD" })}</legend>
        <div className="grid grid-cols-2 gap-2">
          {PRICE_BOUNDS.map(([bound, name, label]) => (
            <Labelled key={bound} id={`${formId}-${bound}`} label={t(label)} labelClassName="text-xs text-slate-600">
              <input id={`${formId}-${bound}`} type="number" name={name} min={0} step="0.01" inputMode="decimal" defaultValue={params[name]} className={input} />
            </Labelled>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className={legend}>{t("availability")}</legend>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="inStock" value="1" defaultChecked={params.inStock} className={box} />
          {t("inStockOnly")}
        </label>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">{t("apply")}</Button>
        {hasFilters(params) ? (
          <Link href={clearHref} className="text-sm text-brand-700 underline">
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
