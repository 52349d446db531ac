"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("catalog.results");
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const query = useSuspenseInfiniteQuery(searchQueryOptions(trpc, input, startCursor));
  const items = query.data.pages.flatMap((p) => p.items);
  useLiveInventory(items.map((p) => p.id));
  const nextCursor = query.data.pages.at(-1)?.nextCursor ?? null;

  if (items.length === 0) {
    return (
      <div className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-700" data-testid="search-empty">
        <p className="font-medium">
          {input.q ? t(filtered ? "noMatchQueryFiltered" : "noMatchQuery", { q: input.q }) : t("noMatchSelection")}
        </p>
        <p className="mt-2 text-sm text-slate-600">
          {filtered ? (
            t.rich(input.q ? "tryClearingOrWords" : "tryClearing", {
              link: (chunks) => (
                <Link href={clearHref} className="text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })
          ) : (
            t("tryWords")
          )}
        </p>
      </div>
    );
  }

  const nextHref = nextCursor ? `${pageHref}${pageHref.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(nextCursor)}` : null;
  return (
    <div className="flex flex-col gap-6">
      <ProductCardList products={items} label={t("label")} className="grid grid-cols-2 gap-4 sm:grid-cols-3" />
      <div className="flex flex-wrap items-center justify-center gap-4">
        {startCursor ? (
          <Link href={pageHref} className="text-sm text-brand-700 underline">
            {t("firstPage")}
          </Link>
        ) : null}
        {nextHref && hydrated ? <LoadMoreButton query={query}>{t("showMore")}</LoadMoreButton> : null}
        {nextHref && !hydrated ? (
          <ButtonLink href={nextHref} rel="next" variant="secondary">
            {t("nextPage")}
          </ButtonLink>
        ) : null}
      </div>
    </div>
  );
}
