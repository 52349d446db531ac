import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { HideReview } from "@/components/reviews/hide-review";
import { Stars } from "@/components/reviews/stars";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Reviews" };

const FILTERS = { all: "All", visible: "Visible", hidden: "Hidden" } as const;
type Visibility = keyof typeof FILTERS;

export default async function AdminReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN", "/admin/reviews");
  const sp = await searchParams;
  const raw = firstParam(sp.visibility);
  const visibility: Visibility = raw === "visible" || raw === "hidden" ? raw : "all";
  const page = pageParam(sp.page);
  const data = await (await serverCaller()).admin.reviews.list({ visibility, page });
  return (
    <>
      <h1 className="text-2xl font-bold">Reviews</h1>
      <nav aria-label="Filter reviews" className="flex flex-wrap gap-2 text-sm">
        {(Object.keys(FILTERS) as Visibility[]).map((f) => (
          <Link
            key={f}
            href={urlWith("/admin/reviews", { visibility: f === "all" ? null : f })}
            aria-current={f === visibility ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${f === visibility ? "border-brand-600 bg-brand-50 font-medium" : "border-slate-300"}`}
          >
            {FILTERS[f]}
          </Link>
        ))}
      </nav>
      {data.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No reviews match.</p>
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Reviews">
          {data.items.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="admin-review">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Link href={`/products/${encodeURIComponent(r.product.slug)}`} className="font-medium text-brand-700 underline">
                  {r.product.title}
                </Link>
                <span className="text-xs text-slate-600">{r.product.store.name}</span>
                <Stars value={r.rating} size="text-sm" />
                <span className="break-all text-slate-700">{r.user.email}</span>
                <span className="text-xs text-slate-500">
                  <DateTime value={r.createdAt} style="date" />
                </span>
                {r.hidden ? (
                  <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs" data-testid="admin-review-hidden">
                    Hidden{r.hiddenReason ? `: ${r.hiddenReason}` : ""}
                  </span>
                ) : null}
              </div>
              {r.body ? <p className="whitespace-pre-line break-words text-sm text-slate-800">{r.body}</p> : null}
              {r.replyBody ? <p className="whitespace-pre-line break-words border-l-4 border-slate-300 pl-3 text-sm text-slate-700">{r.replyBody}</p> : null}
              <div>
                <HideReview reviewId={r.id} hidden={r.hidden} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/reviews", { visibility: visibility === "all" ? null : visibility, page: p })} />
    </>
  );
}
