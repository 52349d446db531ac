"use client";
import type { Session } from "next-auth";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { SignOutButton } from "./sign-out-button";

export type HeaderUser = Pick<Session["user"], "name" | "role">;

const link = "block rounded-md px-3 py-2 hover:bg-slate-100 xl:inline xl:rounded-none xl:p-0 xl:hover:bg-transparent xl:hover:underline";

/**
 * The account links of the header. Wide screens (xl) show them in the header row; narrower ones
 * show a "Menu" disclosure button (aria-expanded, aria-controls) that opens them in a panel
 * under the header. The links are rendered once and only their layout changes, so every screen
 * has one link of each name. Escape, a click outside or a navigation closes the panel.
 */
export function HeaderMenu({ user }: { user: HeaderUser | null }) {
  const t = useTranslations("layout.header");
  const pathname = usePathname();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  // Open "on" a path: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpenOn(null);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div ref={root} className="flex items-center">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-medium text-slate-800 hover:bg-slate-100 xl:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
        </svg>
        {t("menu")}
      </button>
      <div
        id={panelId}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-40 max-h-[calc(100dvh-4rem)] flex-col gap-1 overflow-y-auto border-b border-slate-200 bg-white p-4 shadow-lg xl:static xl:flex xl:max-h-none xl:flex-row xl:items-center xl:gap-3 xl:overflow-visible xl:border-0 xl:bg-transparent xl:p-0 xl:shadow-none`}
      >
        {user ? (
          <>
            <Link href="/orders" className={link}>{t("orders")}</Link>
            <Link href="/account" className={link}>{t("account")}</Link>
            {user.role === "SELLER" ? <Link href="/seller" className={link}>{t("sellerDashboard")}</Link> : null}
            {user.role === "ADMIN" ? <Link href="/admin" className={link}>{t("admin")}</Link> : null}
            <div className="mt-2 flex min-w-0 flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-3 pt-3 xl:mt-0 xl:flex-nowrap xl:border-0 xl:p-0">
              <span className="min-w-0 truncate text-slate-600 xl:max-w-48" data-testid="signed-in-as">
                {t.rich("signedInAs", { name: () => <strong className="font-medium text-slate-900">{user.name}</strong> })}
              </span>
              <SignOutButton />
            </div>
          </>
        ) : (
          <>
            <Link href="/signin" className={link}>{t("signIn")}</Link>
            <Link href="/register" className="mt-1 rounded-md bg-brand-600 px-3 py-2 text-center font-medium text-white hover:bg-brand-700 xl:mt-0 xl:py-1.5">
              {t("createAccount")}
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
