// One definition of the search page's infinite query, used by the server prefetch and the
// client component so both address the same cache entry.
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@/server/api/root";
import type { TSearchProductsInput } from "@/server/services/catalog/search-products";

export type SearchQueryInput = Omit<TSearchProductsInput, "cursor">;

export function searchQueryOptions(trpc: TRPCOptionsProxy<AppRouter>, input: SearchQueryInput, startCursor?: string) {
  const opts = trpc.catalog.search.infiniteQueryOptions(input, {
    initialCursor: startCursor ?? null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // tRPC leaves the cursor out of the key; a list that starts at a cursor (the no-JS "Next
  // page" link) is a different list, so it gets its own cache entry.
  if (!startCursor) return opts;
  return { ...opts, queryKey: [...opts.queryKey, { startCursor }] as unknown as typeof opts.queryKey };
}
