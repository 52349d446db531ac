import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { formatMoney } from "@/shared/money";
import { ORDER_STATUS_LABEL, ORDER_STATUSES } from "@/shared/orders";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { StatusBadge } from "@/components/orders/status-badge";
import { DateTime } from "@/components/ui/date-time";
import { DataTable } from "@/components/ui/data-table";
import { OrderSource, Shortfall } from "@/components/orders/source-and-shortfall";

export const metadata: Metadata = { title: "All orders" };

// Every status, card checkouts waiting for or failed at their payment included (sellers see neither).
const STATUSES = ORDER_STATUSES;

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN", "/admin/orders");
  const sp = await searchParams;
  const raw = firstParam(sp.status).toUpperCase();
  const status = (STATUSES as readonly string[]).includes(raw) ? (raw as (typeof STATUSES)[number]) : null;
  const page = pageParam(sp.page);
  const data = await (await serverCaller()).admin.orders.list({ status, page });
  return (
    <>
      <h1 className="text-2xl font-bold">All orders</h1>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
        {[null, ...STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            href={urlWith("/admin/orders", { status: s?.toLowerCase() })}
            aria-current={s === status ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${s === status ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
          >
            {s ? ORDER_STATUS_LABEL[s] : "All"}
          </Link>
        ))}
      </nav>
      <DataTable columns={["Order", "Placed", "Customer", "Source", "Sellers", "Total", "Status"]} rowCount={data.items.length} empty={<>No orders{status ? ` with status ${ORDER_STATUS_LABEL[status]!.toLowerCase()}` : ""}.</>}>
        {data.items.map((o) => (
          <tr key={o.id} data-testid="admin-order-row">
            <td className="p-3"><Link href={`/admin/orders/${o.id}`} className="font-mono text-brand-700 underline">{o.number}</Link></td>
            <td className="p-3"><DateTime value={o.createdAt} /></td>
            <td className="p-3">{o.user?.email ?? o.delivery?.name ?? "—"}</td>
            <td className="p-3"><OrderSource source={o.source} /></td>
            <td className="p-3">{o.partCount}</td>
            <td className="p-3">{formatMoney(o.totalMinor, o.currency)}</td>
            <td className="p-3"><StatusBadge status={o.status} /><Shortfall lines={o.shortLines} /></td>
          </tr>
        ))}
      </DataTable>
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/orders", { status: status?.toLowerCase(), page: p })} />
    </>
  );
}
