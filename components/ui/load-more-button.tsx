"use client";
import { useTranslations } from "next-intl";
import { Button } from "./button";

/** "Show more" for an infinite query: fetches the next page, and says "Loading…" meanwhile. */
export function LoadMoreButton({
  query,
  className,
  children,
}: {
  query: { fetchNextPage: () => Promise<unknown>; isFetchingNextPage: boolean };
  className?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("catalog");
  return (
    <Button variant="secondary" className={className} onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
      {query.isFetchingNextPage ? t("loading") : children}
    </Button>
  );
}
