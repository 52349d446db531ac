import Link from "next/link";
import type { Session } from "next-auth";
import { useTranslations } from "next-intl";
import { CurrencySwitcher } from "./currency-switcher";
import { LanguageSwitcher } from "./language-switcher";

/**
 * The footer of every page: the shop's own pages, plus selling (for sellers and for visitors,
 * who are asked to sign in) and the API reference. Link names differ from the header's
 * ("Order history", not "Orders") so each name leads to one place. The language and currency
 * switchers sit here.
 */
export function SiteFooter({ user }: { user: Session["user"] | null }) {
  const t = useTranslations("layout.footer");
  const tl = useTranslations("layout");
  const links: (readonly [href: string, label: string])[] = [
    ["/", t("shop")],
    ["/search", t("search")],
    ["/cart", t("cart")],
    ...(user ? [["/orders", t("orderHistory")] as const] : []),
    ...(!user || user.role === "SELLER" ? [["/seller", t("sell")] as const] : []),
    ["/docs/api", t("apiDocs")],
  ];
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            {links.map(([href, label]) => (
              <li key={href}>
                <Link href={href} className="hover:text-slate-900 hover:underline">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-col gap-2 sm:items-end">
          <LanguageSwitcher />
          <CurrencySwitcher />
          <p>{tl("tagline")}</p>
        </div>
      </div>
    </footer>
  );
}
