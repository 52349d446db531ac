"use client";
import { useTranslations } from "next-intl";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/client/trpc";
import { RecommendationRow } from "./recommendation-row";

/** "Frequently bought together" for the cart's products, following the cart as it changes (the
 * cart query the page already holds); nothing for an empty cart. */
export function CartRecommendations() {
  const t = useTranslations("recommendations");
  const trpc = useTRPC();
  const { data: cart } = useQuery(trpc.cart.get.queryOptions());
  const productIds = [...new Set((cart?.lines ?? []).map((l) => l.productId))].sort().slice(0, 50);
  const { data } = useQuery({
    ...trpc.recommendations.together.queryOptions({ productIds }),
    enabled: productIds.length > 0,
    placeholderData: keepPreviousData,
  });
  if (productIds.length === 0 || !data) return null;
  return (
    <div className="mt-10">
      <RecommendationRow id="cart-together-heading" title={t("together")} products={data} testId="recs-cart-together" />
    </div>
  );
}
