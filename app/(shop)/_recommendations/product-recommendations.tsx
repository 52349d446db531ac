import { Suspense } from "react";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { getSession } from "@/server/auth/session";
import { FrequentlyBoughtTogether, RecordProductView, SimilarProducts } from "@/components/recommendations/product-rows";

/** The product page's recommendation rows, streamed after the product itself (a Suspense
 * boundary: the page never waits for them), and the signed-in customer's view noted. */
export function ProductRecommendations({ productId }: { productId: string }) {
  return (
    <Suspense fallback={null}>
      <Loaded productId={productId} />
    </Suspense>
  );
}

async function Loaded({ productId }: { productId: string }) {
  const queryClient = getQueryClient();
  const [session] = await Promise.all([
    getSession(),
    queryClient.prefetchQuery(trpc.recommendations.together.queryOptions({ productIds: [productId] })),
    queryClient.prefetchQuery(trpc.recommendations.similar.queryOptions({ productId })),
  ]);
  return (
    <HydrateClient>
      <div className="mt-10 flex flex-col gap-10">
        <FrequentlyBoughtTogether productId={productId} />
        <SimilarProducts productId={productId} />
      </div>
      {session ? <RecordProductView productId={productId} /> : null}
    </HydrateClient>
  );
}
