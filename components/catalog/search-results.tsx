"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLiveInventory } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { ButtonLink } from "@/components/ui/button";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { ProductCardList } from "./product-card";
import { searchQueryOptions, type SearchQueryInput } from "./search-query";
import { useHydrated } from "./use-hydrated";

/**
 * The result grid, read from the React Query cache the server filled. More results: with
 * JavaScript a "Show more" button appends the next page; without, a "Next page" link carries
 * the cursor in the URL.
 */
export function SearchResults({
  input,
  startCursor,
  pageHref,
  clearHref,
  filtered,
}: {
  input: SearchQueryInput;
  startCursor?: string;
  /** this view's URL without a cursor */
  pageHref: string;
  /** the same view without filters */
  clearHref: string;
  /** whether anything besides the text narrows the list */
  filtered: boolean;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const query = useSuspenseInfiniteQuery(searchQueryOptions(trpc, input, startCursor));
  const items = query.data.pages.flatMap((p) => p.items);
  useLiveInventory(items.map((p) => p.id));
  const nextCursor = query.data.pages.at(-1)?.nextCursor ?? null;

  if (items.length === 0) {
    const what = input.q ? `“${input.q}”` : "your selection";
    return (
      <div className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-700" data-testid="search-empty">
        <p className="font-medium">
          No products match {what}
          {input.q && filtered ? " with these filters" : ""}.
        </p>
        <p className="mt-2 text-sm text-slate-600">
          {filtered ? (
            <>
              Try{" "}
              <Link href={clearHref} className="text-brand-700 underline">
                clearing the filters
              </Link>
              {input.q ? " or searching for fewer or different words." : "."}
            </>
          ) : (
            "Try fewer or different words, or browse the categories."
          )}
        </p>
      </div>
    );
  }

  const nextHref = nextCursor ? `${pageHref}${pageHref.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(nextCursor)}` : null;
  return (
    <div className="flex flex-col gap-6">
      <ProductCardList products={items} label="Search results" className="grid grid-cols-2 gap-4 sm:grid-cols-3" />
      <div className="flex flex-wrap items-center justify-center gap-4">
        {startCursor ? (
          <Link href={pageHref} className="text-sm text-brand-700 underline">
            Back to the first page
          </Link>
        ) : null}
        {nextHref && hydrated ? <LoadMoreButton query={query}>Show more</LoadMoreButton> : null}
        {nextHref && !hydrated ? (
          <ButtonLink href={nextHref} rel="next" variant="secondary">
            Next page
          </ButtonLink>
        ) : null}
      </div>
    </div>
  );
}
