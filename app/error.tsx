"use client";
// What a page shows when rendering it failed on the server or in the browser (Next.js's error
// boundary for everything under the root layout), in the shopper's language: a way to try again
// and a way back, never a stack trace. The digest names the failure in the server's log.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.failed");
  return (
    <div className="mx-auto max-w-md py-16 text-center" role="alert">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-600">{t("body")}</p>
      {error.digest ? <p className="mt-2 text-xs text-slate-500">{t("reference", { digest: error.digest })}</p> : null}
      <div className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={reset} className={buttonClass.primary}>
          {t("retry")}
        </button>
        <Link href="/" className="px-4 py-2 text-sm text-brand-700 underline">
          {t("back")}
        </Link>
      </div>
    </div>
  );
}
