import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Session } from "next-auth";
import { SearchBox } from "@/components/catalog/search-box";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { CartLink } from "./cart-link";
import { HeaderMenu } from "./header-menu";

/**
 * The header of every page; `user` is the signed-in user (the root layout reads the session).
 * One row of fixed height: name, search (md and up), live dot, cart, and the account links
 * (inline on xl, behind "Menu" below). Phones get the search as a second row, so every page
 * has one, and nothing in the header is wider than a 360 px screen.
 */
export function SiteHeader({ user }: { user: Session["user"] | null }) {
  const t = useTranslations("layout.header");
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <nav aria-label={t("mainNav")} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 px-4 text-sm sm:gap-x-4">
        <Link href="/" className="flex h-14 shrink-0 items-center text-lg font-bold text-brand-700">
          Livemarket
        </Link>
        <div className="order-last mb-3 w-full md:order-none md:mb-0 md:w-auto md:min-w-0 md:flex-1">
          <SearchBox landmarkLabel={t("siteSearch")} />
        </div>
        <div className="ml-auto flex h-14 shrink-0 items-center gap-2 sm:gap-4">
          <LiveIndicator />
          <CartLink />
          <HeaderMenu user={user ? { name: user.name, role: user.role } : null} />
        </div>
      </nav>
    </header>
  );
}
