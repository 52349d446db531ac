"use client";
import { useTranslations } from "next-intl";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "@/client/trpc";
import { RecommendationRow } from "./recommendation-row";

/** "Frequently bought together" of one product (its page). */
export function FrequentlyBoughtTogether({ productId }: { productId: string }) {
  const t = useTranslations("recommendations");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recommendations.together.queryOptions({ productIds: [productId] }));
  return <RecommendationRow id="together-heading" title={t("together")} products={data} testId="recs-together" />;
}

/** "Similar products" of one product (its page). */
export function SimilarProducts({ productId }: { productId: string }) {
  const t = useTranslations("recommendations");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recommendations.similar.queryOptions({ productId }));
  return <RecommendationRow id="similar-heading" title={t("similar")} products={data} testId="recs-similar" />;
}

/** Notes the view for the signed-in customer's "For you", once the page is up (after hydration,
 * so it never delays the page; a failure is of no concern to the shopper). */
export function RecordProductView({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.recommendations.recordView.mutationOptions());
  useEffect(() => {
    mutate({ productId });
  }, [mutate, productId]);
  return null;
}

/** "For you" on the home page (rendered only for a signed-in customer). */
export function ForYouRow() {
  const t = useTranslations("recommendations");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recommendations.forYou.queryOptions({}));
  return <RecommendationRow id="for-you-heading" title={t("forYou")} products={data} testId="recs-for-you" />;
}
