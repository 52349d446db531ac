import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { CartView } from "@/components/cart/cart-view";
import { CartRecommendations } from "@/components/recommendations/cart-recommendations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cart"))("title") };
}

export default async function CartPage() {
  await getQueryClient().prefetchQuery(trpc.cart.get.queryOptions());
  const t = await getTranslations("cart");
  return (
    <HydratedPage title={t("title")}>
      <CartView />
      <CartRecommendations />
    </HydratedPage>
  );
}
