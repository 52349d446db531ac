"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/**
 * Where the search filters sit: a sidebar on wide screens (lg), a drawer from the left on
 * smaller ones, opened by a "Filters" button above the results, so results start near the top
 * of a phone's screen. The drawer is an HTML popover: the button opens it without any
 * JavaScript, and Escape or a tap outside closes it. Browsers expose the button's expanded
 * state themselves; with JavaScript the button also carries aria-expanded, for tools that read
 * only the attribute. Give it a `key` per URL: a new list mounts it closed.
 */
export function FilterDrawer({ id, headingId, active, children }: { id: string; headingId: string; active: number; children: React.ReactNode }) {
  const t = useTranslations("catalog.filters");
  const drawer = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const el = drawer.current;
    if (!el) return;
    const onToggle = (e: Event) => setOpen((e as ToggleEvent).newState === "open");
    el.addEventListener("toggle", onToggle);
    return () => el.removeEventListener("toggle", onToggle);
  }, []);
  return (
    <div className="min-w-0">
      <button
        type="button"
        popoverTarget={id}
        aria-expanded={open}
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 shadow-sm hover:bg-slate-100 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M3 5h14M6 10h8M9 15h2" />
        </svg>
        {t("title")}
        {active ? (
          <span className="rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
            {active}
            <span className="sr-only">{t("active")}</span>
          </span>
        ) : null}
      </button>
      <aside
        ref={drawer}
        id={id}
        popover="auto"
        aria-labelledby={headingId}
        className="fixed inset-y-0 left-0 right-auto m-0 h-dvh max-h-none w-[min(22rem,calc(100vw-2.5rem))] overflow-y-auto border-0 border-r border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 lg:static lg:block lg:h-auto lg:w-auto lg:overflow-visible lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none"
      >
        <div className="mb-4 flex items-center justify-between gap-3">
          <h2 id={headingId} className="text-lg font-semibold">
            {t("title")}
          </h2>
          <button
            type="button"
            popoverTarget={id}
            popoverTargetAction="hide"
            className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:hidden"
          >
            {t("close")}<span className="sr-only">{t("closeSr")}</span>
          </button>
        </div>
        {children}
      </aside>
    </div>
  );
}
