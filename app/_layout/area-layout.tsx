import { NextIntlClientProvider } from "next-intl";
import { AreaNav } from "@/components/layout/area-nav";
import en from "@/messages/en.json";
import { requireRole } from "@/server/auth/guards";

/**
 * The frame of a role-only area (/seller, /admin): signed-out visitors go to sign in and come
 * back to `home`, other roles see 404. Then the area's nav (its home first, then each section
 * under it, with `aside` beside the nav) and the page. Seller and admin pages stay English
 * whatever the shopper's language (docs/decisions.md 182): the area is marked lang="en" and its
 * client components (shared ones such as prices and dates too) get the English messages.
 */
export async function AreaLayout({
  role,
  label,
  home,
  homeLabel,
  sections,
  aside,
  children,
}: {
  role: "SELLER" | "ADMIN";
  /** names the nav for screen readers */
  label: string;
  home: string;
  homeLabel: string;
  /** path below `home` → link text, in nav order */
  sections: Record<string, string>;
  aside?: React.ReactNode;
  children: React.ReactNode;
}) {
  await requireRole(role, home);
  const links = [{ href: home, label: homeLabel, exact: true }, ...Object.entries(sections).map(([path, text]) => ({ href: `${home}/${path}`, label: text }))];
  const nav = <AreaNav label={label} links={links} />;
  return (
    <NextIntlClientProvider locale="en" messages={en}>
    <div lang="en" className="flex flex-col gap-6">
      {aside ? (
        <div className="flex items-end gap-2">
          <div className="min-w-0 flex-1">{nav}</div>
          {aside}
        </div>
      ) : (
        nav
      )}
      {children}
    </div>
    </NextIntlClientProvider>
  );
}
