"use client";
// A list of reviews as the public sees them. Text is rendered as React text (escaped), never as
// HTML: whatever a customer typed shows as typed (decision 163).
import { useTranslations } from "next-intl";
import type { PublicReview } from "@/server/services/reviews/read-reviews";
import { DateTime } from "@/components/ui/date-time";
import { Stars } from "./stars";

type Shown = Omit<PublicReview, "createdAt" | "reply"> & { createdAt: Date | string; reply: { body: string; at: Date | string; storeName: string } | null };

export function VerifiedBadge() {
  const t = useTranslations("reviews");
  return (
    <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200" data-testid="verified-badge">
      {t("verified")}
    </span>
  );
}

export function ReviewList({ reviews }: { reviews: Shown[] }) {
  const t = useTranslations("reviews");
  return (
    <ul className="flex flex-col divide-y divide-slate-200" aria-label={t("list")}>
      {reviews.map((r) => (
        <li key={r.id} className="flex flex-col gap-1 py-4" data-testid="review">
          <div className="flex flex-wrap items-center gap-2">
            <Stars value={r.rating} size="text-sm" />
            <span className="text-sm font-medium text-slate-900" data-testid="review-author">{r.author}</span>
            {r.verified ? <VerifiedBadge /> : null}
          </div>
          <p className="text-xs text-slate-500">
            <DateTime value={r.createdAt} style="date" />
            {r.edited ? t("edited") : ""}
          </p>
          {r.body ? (
            <p className="whitespace-pre-line break-words text-sm text-slate-800" data-testid="review-body">
              {r.body}
            </p>
          ) : null}
          {r.reply ? (
            <div className="mt-2 rounded-md border-l-4 border-brand-600 bg-slate-50 p-3" data-testid="review-reply">
              <p className="text-xs font-semibold text-slate-700">{t("replyFrom", { store: r.reply.storeName })}</p>
              <p className="whitespace-pre-line break-words text-sm text-slate-800">{r.reply.body}</p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
