import Link from "next/link";
import { useTranslations } from "next-intl";

/** Home / … / current page. Items with an href are links; the last item is the current page. */
export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  const t = useTranslations("breadcrumbs");
  const all = [{ label: t("home"), href: "/" }, ...items];
  return (
    <nav aria-label={t("label")}>
      <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600">
        {all.map((item, i) => {
          const last = i === all.length - 1;
          return (
            <li key={`${i}-${item.label}`} className="flex items-center gap-1">
              {i > 0 ? <span aria-hidden="true">/</span> : null}
              {last ? (
                <span aria-current="page" className="text-slate-900">
                  {item.label}
                </span>
              ) : (
                <Link href={item.href ?? "/"} className="hover:underline">
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
