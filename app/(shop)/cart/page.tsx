import type { Metadata } from "next";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { CartView } from "@/components/cart/cart-view";

export const metadata: Metadata = { title: "Your cart" };

export default async function CartPage() {
  await getQueryClient().prefetchQuery(trpc.cart.get.queryOptions());
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Your cart</h1>
      <HydrateClient>
        <CartView />
      </HydrateClient>
    </div>
  );
}
