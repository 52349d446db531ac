"use client";
// The shopper's language (docs/decisions.md 182): a cookie read by i18n/request.ts on every
// request; the page is rendered again in the chosen language. Like the currency switcher beside it.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES } from "@/shared/locale";

export function LanguageSwitcher() {
  const t = useTranslations("layout.footer");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id}>{t("language")}</label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        data-testid="language-switcher"
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
        onChange={(e) => {
          document.cookie = `${LOCALE_COOKIE}=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          start(() => router.refresh());
        }}
      >
        {LOCALES.map((l) => (
          // Each name in its own language, marked so a screen reader says it right.
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
