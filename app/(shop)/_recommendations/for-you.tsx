import { Suspense } from "react";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { getSession } from "@/server/auth/session";
import { ForYouRow } from "@/components/recommendations/product-rows";

/** The home page's "For you" row: signed-in customers with a history only (nothing for visitors
 * nor when it is empty), streamed after the rest of the page. */
export function ForYou() {
  return (
    <Suspense fallback={null}>
      <Loaded />
    </Suspense>
  );
}

async function Loaded() {
  const session = await getSession();
  if (!session) return null;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.recommendations.forYou.queryOptions({}));
  return (
    <HydrateClient>
      <ForYouRow />
    </HydrateClient>
  );
}
