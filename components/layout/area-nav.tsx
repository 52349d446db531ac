"use client";
// Navigation of the seller and admin areas: a labelled nav with the current page marked.
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface AreaNavLink {
  href: string;
  label: string;
  /** Match only the exact path (for the area's home). */
  exact?: boolean;
}

export function AreaNav({ label, links }: { label: string; links: AreaNavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {links.map((l) => {
          const current = l.exact ? pathname === l.href : pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
