"use client";
import { useTranslations } from "next-intl";
import type { CatalogSort } from "@/shared/catalog";
import { ChoiceOptions, Labelled } from "@/components/ui/field";

/**
 * The sort order, submitted with the filter form (`form` names it, so the select can sit next
 * to the results). With JavaScript a change submits at once; without, the Sort button does.
 */
export function SortSelect({ form, value, withRelevance }: { form: string; value: CatalogSort; withRelevance: boolean }) {
  const t = useTranslations("catalog.sort");
  const options: CatalogSort[] = withRelevance ? ["relevance", "newest", "price_asc", "price_desc", "rating"] : ["newest", "price_asc", "price_desc", "rating"];
  return (
    <Labelled id="catalog-sort" label={t("label")} className="flex items-center gap-2">
      <select
        id="catalog-sort"
        name="sort"
        form={form}
        defaultValue={value}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm"
      >
        <ChoiceOptions choices={options.map((o) => [o, t(o)] as const)} />
      </select>
      <noscript>
        <button type="submit" form={form} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
          {t("submit")}
        </button>
      </noscript>
    </Labelled>
  );
}
