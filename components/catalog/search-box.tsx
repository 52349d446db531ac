import Form from "next/form";
import { useTranslations } from "next-intl";

/**
 * The product search form: a GET form to /search with one field, `q`. Without JavaScript it
 * is a plain form submission; with it, next/form navigates on the client.
 */
export function SearchBox({
  defaultValue = "",
  className = "",
  landmarkLabel,
}: {
  defaultValue?: string;
  className?: string;
  /** Name of the search landmark; give each search box on a page its own. */
  landmarkLabel?: string;
}) {
  const t = useTranslations("catalog");
  return (
    <Form action="/search" role="search" aria-label={landmarkLabel ?? t("productSearch")} className={`flex w-full max-w-xl items-stretch gap-2 ${className}`}>
      <label className="flex-1">
        <span className="sr-only">{t("searchProducts")}</span>
        <input
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={200}
          placeholder={t("searchProducts")}
          autoComplete="off"
          enterKeyHint="search"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500"
        />
      </label>
      <button
        type="submit"
        className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white transition-colors hover:bg-brand-700"
      >
        {t("search")}
      </button>
    </Form>
  );
}
