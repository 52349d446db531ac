import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { ReplyForm } from "@/components/reviews/reply-form";
import { Stars } from "@/components/reviews/stars";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Reviews" };

export default async function SellerReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("SELLER", "/seller/reviews");
  const sp = await searchParams;
  const filter = firstParam(sp.filter) === "unreplied" ? "unreplied" : "all";
  const page = pageParam(sp.page);
  const data = await (await serverCaller()).seller.reviews.list({ filter, page });
  return (
    <>
      <h1 className="text-2xl font-bold">Reviews</h1>
      <nav aria-label="Filter reviews" className="flex flex-wrap gap-2 text-sm">
        {(["all", "unreplied"] as const).map((f) => (
          <Link
            key={f}
            href={urlWith("/seller/reviews", { filter: f === "all" ? null : f })}
            aria-current={f === filter ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${f === filter ? "border-brand-600 bg-brand-50 font-medium" : "border-slate-300"}`}
          >
            {f === "all" ? "All" : "Awaiting reply"}
          </Link>
        ))}
      </nav>
      {data.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No reviews here yet.</p>
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Reviews of your products">
          {data.items.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="seller-review">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Link href={`/products/${encodeURIComponent(r.product.slug)}`} className="font-medium text-brand-700 underline">
                  {r.product.title}
                </Link>
                <Stars value={r.rating} size="text-sm" />
                <span className="text-slate-700">{r.author}</span>
                <span className="text-xs text-slate-500">
                  <DateTime value={r.createdAt} style="date" />
                </span>
                {r.hidden ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs">Hidden by moderators</span> : null}
              </div>
              {r.body ? <p className="whitespace-pre-line break-words text-sm text-slate-800">{r.body}</p> : null}
              {r.replyBody ? (
                <div className="rounded-md border-l-4 border-brand-600 bg-slate-50 p-3 text-sm" data-testid="seller-review-reply">
                  <p className="text-xs font-semibold text-slate-700">Your reply</p>
                  <p className="whitespace-pre-line break-words">{r.replyBody}</p>
                </div>
              ) : null}
              <div>
                <ReplyForm reviewId={r.id} existing={r.replyBody} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/seller/reviews", { filter: filter === "all" ? null : filter, page: p })} />
    </>
  );
}
