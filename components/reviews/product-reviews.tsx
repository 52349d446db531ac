"use client";
// The product page's reviews section: the rating summary (from the page's own `catalog.bySlug`
// cache entry, which `rating.changed` events patch live), the signed-in customer's review form
// (when they received the product), and the visible reviews, newest first.
import { useTranslations } from "next-intl";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { parseForm } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { TitledSection } from "@/components/ui/titled-section";
import { MAX_REVIEW_LENGTH, ZSaveReviewInput } from "@/shared/reviews";
import { RatingSummary } from "./rating-summary";
import { ReviewList } from "./review-list";

export function ProductReviews({ slug, signedIn }: { slug: string; signedIn: boolean }) {
  const t = useTranslations("reviews");
  const trpc = useTRPC();
  const { data: product } = useSuspenseQuery(trpc.catalog.bySlug.queryOptions({ slug }));
  const reviews = useInfiniteQuery(trpc.reviews.forProduct.infiniteQueryOptions({ productId: product.id }, { getNextPageParam: (last) => last.nextCursor }));
  const items = reviews.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <TitledSection id="reviews-heading" title={t("title")} headingClassName="mb-3 text-xl font-semibold" className="border-t border-slate-200 pt-6">
      <div className="flex flex-col gap-6" data-testid="product-reviews">
        <RatingSummary rating={product} />
        {signedIn ? (
          <MyReview productId={product.id} />
        ) : (
          <p className="text-sm text-slate-700">
            {t.rich("signInToReview", {
              link: (chunks) => (
                <Link href={`/signin?callbackUrl=${encodeURIComponent(`/products/${slug}`)}`} className="font-medium text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
        {reviews.isError ? <Alert>{t("loadError")}</Alert> : null}
        {items.length > 0 ? <ReviewList reviews={items} /> : reviews.isSuccess ? <p className="text-sm text-slate-600">{t("none")}</p> : null}
        {reviews.hasNextPage ? (
          <div>
            <LoadMoreButton query={reviews}>{t("showMore")}</LoadMoreButton>
          </div>
        ) : null}
      </div>
    </TitledSection>
  );
}

/** The customer's own review: a form to write it once they received the product, or to edit it. */
function MyReview({ productId }: { productId: string }) {
  const t = useTranslations("reviews");
  const trpc = useTRPC();
  const mine = useQuery(trpc.reviews.mine.queryOptions({ productId }));
  if (!mine.data) return null;
  if (!mine.data.canReview) return <p className="text-sm text-slate-600" data-testid="review-not-eligible">{t("notEligible")}</p>;
  return <ReviewForm key={mine.data.review?.id ?? "new"} productId={productId} existing={mine.data.review} />;
}

function ReviewForm({ productId, existing }: { productId: string; existing: { rating: number; body: string; hidden: boolean } | null }) {
  const t = useTranslations("reviews");
  const describeError = useDescribeError();
  const issueMessage = useIssueMessage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [editing, setEditing] = useState(existing === null);
  const [rating, setRating] = useState<number>(existing?.rating ?? 0);
  const [body, setBody] = useState(existing?.body ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.reviews.save.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        void queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.catalog.bySlug.pathKey() });
      },
      onError: (err) => setErrors(describeError(err).fieldErrors),
    }),
  );

  if (!editing && existing) {
    return (
      <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-50 p-3 text-sm" data-testid="my-review">
        <span>
          {t("youRated", { rating: existing.rating })}{existing.hidden ? t("hidden") : ""}
        </span>
        <Button variant="secondary" onClick={() => setEditing(true)}>
          {t("edit")}
        </Button>
      </div>
    );
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parseForm(ZSaveReviewInput, { productId, rating, body }, issueMessage);
    if (parsed.fieldErrors) return setErrors(parsed.fieldErrors);
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-md border border-slate-200 p-4" noValidate data-testid="review-form">
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-900">{existing ? t("edit") : t("rate")}</legend>
        <div className="flex gap-1" role="radiogroup" aria-label={t("rating")}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="cursor-pointer text-2xl leading-none">
              <input type="radio" name={`${id}-rating`} value={n} checked={rating === n} onChange={() => setRating(n)} className="sr-only" aria-label={t("starsOption", { n })} />
              <span aria-hidden="true" className={n <= rating ? "text-amber-500" : "text-slate-300"}>
                ★
              </span>
            </label>
          ))}
        </div>
        <FieldError error={errors.rating} />
      </fieldset>
      <label htmlFor={`${id}-body`} className="text-sm font-medium text-slate-900">
        {t("body")}
      </label>
      <textarea
        id={`${id}-body`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={MAX_REVIEW_LENGTH}
        rows={4}
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm"
      />
      <FieldError error={errors.body} />
      {save.isError && !Object.keys(errors).length ? <Alert>{describeError(save.error).message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" pending={save.isPending} pendingLabel={t("saving")}>
          {existing ? t("saveChanges") : t("submit")}
        </Button>
        {existing ? (
          <Button variant="ghost" onClick={() => setEditing(false)}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
