"use client";
import { useTranslations } from "next-intl";

/** Five stars, `value` (0-5, halves rounded) filled; the label says it in words. */
export function Stars({ value, className = "", size = "text-base" }: { value: number; className?: string; size?: string }) {
  const t = useTranslations("reviews.stars");
  const filled = Math.round(value);
  return (
    <span className={`inline-flex ${size} leading-none ${className}`} role="img" aria-label={t("label", { value })}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} aria-hidden="true" className={i <= filled ? "text-amber-500" : "text-slate-300"}>
          ★
        </span>
      ))}
    </span>
  );
}
