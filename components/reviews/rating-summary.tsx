"use client";
import { useFormatter, useTranslations } from "next-intl";
import { averageOf, type RatingFields } from "@/shared/reviews";
import { Stars } from "./stars";

/** The product page's rating: the average, the count and how many reviews gave each star. */
export function RatingSummary({ rating }: { rating: RatingFields & { ratingCounts: number[] } }) {
  const t = useTranslations("reviews");
  const format = useFormatter();
  const average = averageOf(rating);
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:gap-8" data-testid="rating-summary" aria-live="polite">
      <div className="flex flex-col gap-1">
        {average === null ? (
          <p className="text-slate-700" data-testid="rating-average">{t("noneShort")}</p>
        ) : (
          <>
            <p className="text-3xl font-bold text-slate-900">
              <span data-testid="rating-average">{format.number(average, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</span>
              <span className="text-base font-normal text-slate-600">{t("outOf5")}</span>
            </p>
            <Stars value={average} size="text-xl" />
          </>
        )}
        <p className="text-sm text-slate-600">
          <span data-testid="rating-count">{rating.ratingCount}</span> {t("count", { count: rating.ratingCount })}
        </p>
      </div>
      <dl className="grid w-full max-w-xs grid-cols-[auto_1fr_auto] items-center gap-x-2 gap-y-1 text-sm">
        {[5, 4, 3, 2, 1].map((star) => {
          const n = rating.ratingCounts[star - 1] ?? 0;
          const pct = rating.ratingCount > 0 ? Math.round((n / rating.ratingCount) * 100) : 0;
          return (
            <div key={star} className="contents" data-testid={`rating-dist-${star}`}>
              <dt className="text-slate-700">{t("starRow", { star })}</dt>
              <dd className="h-2 overflow-hidden rounded bg-slate-200" aria-hidden="true">
                <div className="h-full bg-amber-500" style={{ width: `${pct}%` }} />
              </dd>
              <dd className="text-right tabular-nums text-slate-700" data-testid={`rating-dist-${star}-count`}>
                {n}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
