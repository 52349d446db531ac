import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { formatMoney } from "@/shared/money";
import { ORDER_STATUS_LABEL, PART_STATUSES } from "@/shared/orders";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { StatusBadge } from "@/components/orders/status-badge";
import { DateTime } from "@/components/ui/date-time";
import { DataTable } from "@/components/ui/data-table";
import { OrderSource, Shortfall } from "@/components/orders/source-and-shortfall";

export const metadata: Metadata = { title: "Orders" };

// A seller's orders are placed ones: a card checkout shows here once its payment is confirmed.
const STATUSES = PART_STATUSES;
type S = (typeof STATUSES)[number];

export default async function SellerOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("SELLER", "/seller/orders");
  const sp = await searchParams;
  const raw = firstParam(sp.status).toUpperCase();
  const status = (STATUSES as readonly string[]).includes(raw) ? (raw as S) : null;
  const page = pageParam(sp.page);
  const data = await (await serverCaller()).seller.orders.list({ status, page });
  const all = Object.values(data.byStatus).reduce((a, b) => a + b, 0);
  return (
    <>
      <h1 className="text-2xl font-bold">Orders</h1>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
        {[null, ...STATUSES].map((s) => {
          const current = s === status;
          return (
            <Link
              key={s ?? "all"}
              href={urlWith("/seller/orders", { status: s?.toLowerCase() })}
              aria-current={current ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${current ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
            >
              {s ? ORDER_STATUS_LABEL[s] : "All"} ({s ? data.byStatus[s] : all})
            </Link>
          );
        })}
      </nav>
      <DataTable columns={["Order", "Placed", "Customer", "Source", "Items", "Your total", "Payment", "Status"]} rowCount={data.items.length} empty={status ? `No ${ORDER_STATUS_LABEL[status]!.toLowerCase()} orders.` : "No orders yet. Orders with your products will appear here."}>
        {data.items.map((o) => (
          <tr key={o.orderId} data-testid="seller-order-row">
            <td className="p-3">
              <Link href={`/seller/orders/${o.orderId}`} className="font-mono text-brand-700 underline">
                {o.number}
              </Link>
            </td>
            <td className="p-3"><DateTime value={o.createdAt} /></td>
            <td className="p-3">{o.customer}{o.city ? `, ${o.city}` : ""}</td>
            <td className="p-3"><OrderSource source={o.source} /></td>
            <td className="p-3">{o.itemCount}</td>
            <td className="p-3">{formatMoney(o.totalMinor, o.currency)}</td>
            <td className="p-3">{o.payOnDelivery ? "On delivery" : "Card"} · {o.paymentStatus?.toLowerCase() ?? "none"}</td>
            <td className="p-3"><StatusBadge status={o.status} /><Shortfall lines={o.shortLines} /></td>
          </tr>
        ))}
      </DataTable>
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/seller/orders", { status: status?.toLowerCase(), page: p })} />
    </>
  );
}
