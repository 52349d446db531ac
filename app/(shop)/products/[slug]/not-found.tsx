import Link from "next/link";
import { useTranslations } from "next-intl";

export default function ProductNotFound() {
  const t = useTranslations("errors.notFound");
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">{t("productTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("productBody")}</p>
      <div className="mt-6 flex justify-center gap-4">
        <Link href="/search" className="text-brand-700 underline">
          {t("searchProducts")}
        </Link>
        <Link href="/" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </div>
    </div>
  );
}
