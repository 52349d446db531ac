import Link from "next/link";
import { z } from "zod";
import { HydrateClient, getQueryClient, serverCaller, trpc } from "@/lib/trpc/server";
import { ProductGrid } from "@/components/catalog/product-grid";
import { PRODUCT_PAGE_SIZE, productPages } from "@/lib/catalog-query";

export const dynamic = "force-dynamic";

const ZSearchParams = z.object({ category: z.string().trim().min(1).max(100).optional().catch(undefined) });

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { category } = ZSearchParams.parse(await searchParams);
  const caller = await serverCaller();
  const [categories] = await Promise.all([
    caller.catalog.categories(),
    getQueryClient().prefetchInfiniteQuery(trpc.catalog.list.infiniteQueryOptions({ limit: PRODUCT_PAGE_SIZE, categorySlug: category }, productPages)),
  ]);
  const current = categories.flatMap((c) => [c, ...c.children]).find((c) => c.slug === category);
  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-xl bg-gradient-to-r from-brand-700 to-brand-600 px-6 py-10 text-white">
        <h1 className="text-3xl font-bold">Shop live</h1>
        <p className="mt-2 max-w-xl text-brand-50">
          Stock and prices on Livemarket are live: what you see is what is on the shelf right now.
        </p>
      </section>
      <nav aria-label="Categories">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link
              href="/"
              aria-current={!current ? "page" : undefined}
              className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50"
            >
              All
            </Link>
          </li>
          {categories.map((c) => (
            <li key={c.id}>
              <Link
                href={`/?category=${encodeURIComponent(c.slug)}`}
                aria-current={current?.slug === c.slug ? "page" : undefined}
                className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50"
              >
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="mb-4 text-xl font-semibold">
          {current ? current.name : "New arrivals"}
        </h2>
        <HydrateClient>
          <ProductGrid categorySlug={current?.slug} />
        </HydrateClient>
      </section>
    </div>
  );
}
