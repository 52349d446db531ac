"use client";
import { useTranslations } from "next-intl";
// The account area's sections: one nav for /account, /account/orders and /account/security.
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  ["/account", "navProfile"],
  ["/account/orders", "navHistory"],
  ["/account/security", "navSecurity"],
] as const;

export function AccountNav() {
  const t = useTranslations("account");
  const pathname = usePathname();
  return (
    <nav aria-label={t("nav")} className="flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-sm">
      {LINKS.map(([href, label]) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname === href ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${pathname === href ? "bg-brand-50 font-semibold text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}
