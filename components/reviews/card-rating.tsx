"use client";
import { useFormatter, useTranslations } from "next-intl";
import { averageOf, type RatingFields } from "@/shared/reviews";
import { Stars } from "./stars";

/** A product card's rating: stars, average and count; nothing before the first review. */
export function CardRating({ rating }: { rating: RatingFields }) {
  const t = useTranslations("reviews");
  const format = useFormatter();
  const average = averageOf(rating);
  if (average === null) return null;
  return (
    <p className="flex items-center gap-1 text-xs text-slate-700" data-testid="card-rating" aria-live="polite" aria-atomic="true">
      <Stars value={average} size="text-sm" />
      <span data-testid="card-rating-average">{format.number(average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</span>
      <span className="text-slate-500">
        (<span data-testid="card-rating-count">{rating.ratingCount}</span>
        <span className="sr-only">{t("countSr")}</span>)
      </span>
    </p>
  );
}
