import { HydrateClient } from "@/server/api/rsc";

/**
 * A page's title above client components that read the queries the page prefetched: render it
 * after the prefetches, so the cache they filled goes to the browser.
 */
export function HydratedPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{title}</h1>
      <HydrateClient>{children}</HydrateClient>
    </div>
  );
}
