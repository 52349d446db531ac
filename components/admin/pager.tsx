import Link from "next/link";

/** Previous/next links that keep the other query parameters; plain links, so no JavaScript needed. */
export function Pager({ page, pageCount, total, href }: { page: number; pageCount: number; total: number; href: (page: number) => string }) {
  if (pageCount <= 1) return <p className="text-sm text-slate-600">{total} in all</p>;
  return (
    <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className="underline">Previous page</Link> : <span className="text-slate-400">Previous page</span>}
      <span>
        Page {page} of {pageCount} · {total} in all
      </span>
      {page < pageCount ? <Link href={href(page + 1)} className="underline">Next page</Link> : <span className="text-slate-400">Next page</span>}
    </nav>
  );
}

/** Builds a URL from a path and the parameters that are set. */
export function urlWith(path: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "" && !(k === "page" && v === 1)) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function firstParam(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export function pageParam(v: string | string[] | undefined): number {
  const n = Number.parseInt(firstParam(v), 10);
  return Number.isFinite(n) && n >= 1 && n <= 10_000 ? n : 1;
}
