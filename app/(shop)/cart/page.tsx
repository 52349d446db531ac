import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { CartView } from "@/components/cart/cart-view";
import { CartRecommendations } from "@/components/recommendations/cart-recommendations";

export const metadata: Metadata = { title: "Your cart" };

export default async function CartPage() {
  await getQueryClient().prefetchQuery(trpc.cart.get.queryOptions());
  return (
    <HydratedPage title="Your cart">
      <CartView />
      <CartRecommendations />
    </HydratedPage>
  );
}
