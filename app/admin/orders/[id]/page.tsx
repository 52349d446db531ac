import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { formatMoney } from "@/shared/money";
import { ORDER_STATUS_LABEL } from "@/shared/orders";
import { StatusBadge } from "@/components/orders/status-badge";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Order" };

async function load(id: string) {
  try {
    return await (await serverCaller()).admin.orders.byId({ orderId: id });
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

/** Read-only: every seller's part, the payment and the whole history. */
export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole("ADMIN", `/admin/orders/${id}`);
  if (id.length > 64) notFound();
  const o = await load(id);
  const storeName = new Map(o.parts.map((p) => [p.storeId, p.store.name]));
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm"><Link href="/admin/orders" className="underline">← All orders</Link></p>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">Order {o.number}</h1>
        <StatusBadge status={o.status} />
        <span className="text-sm text-slate-600">placed <DateTime value={o.createdAt} /> · {o.source.toLowerCase()} · version {o.version}</span>
        <span className="text-xs text-slate-500" data-testid="order-id">id {o.id}</span>
      </div>
      <p className="text-sm">Customer: {o.user ? `${o.user.name} (${o.user.email})` : (o.delivery?.name ?? "unknown")}</p>
      {o.parts.length === 0 ? <p className="text-sm text-slate-600">No seller parts (an order received from another system).</p> : null}
      {o.parts.map((p) => (
        <section key={p.storeId} aria-label={`Part of ${p.store.name}`} className="rounded-lg border border-slate-200 bg-white" data-testid="admin-order-part">
          <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 p-4">
            <h2 className="font-semibold">{p.store.name}</h2>
            <StatusBadge status={p.status} />
            <span className="text-sm text-slate-600">version {p.version}</span>
            {p.trackingNumber ? <span className="text-sm">{p.carrierName} · <span className="font-mono">{p.trackingNumber}</span></span> : null}
          </div>
          <ul className="divide-y divide-slate-200 text-sm">
            {o.items.filter((i) => i.storeId === p.storeId).map((i) => (
              <li key={i.id} className="flex justify-between p-3"><span>{i.name} · {i.quantity} × {formatMoney(i.priceMinor, i.currency)}</span><span>{formatMoney(i.totalPriceMinor, i.currency)}</span></li>
            ))}
          </ul>
        </section>
      ))}
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="pay-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="pay-h" className="mb-2 font-semibold">Payment</h2>
          {o.payment ? (
            <dl className="grid grid-cols-2 gap-1">
              <dt>Provider</dt><dd>{o.payment.provider}</dd>
              <dt>State</dt><dd>{o.payment.status.toLowerCase()}</dd>
              <dt>Amount</dt><dd>{formatMoney(o.payment.amountMinor, o.payment.currency)}</dd>
              <dt>Refunded</dt><dd>{formatMoney(o.payment.refundedMinor, o.payment.currency)}</dd>
              <dt>Transaction</dt><dd className="break-all font-mono">{o.payment.transaction}</dd>
            </dl>
          ) : <p>None</p>}
          <p className="mt-2">Total {formatMoney(o.totalMinor, o.currency)} (goods {formatMoney(o.goodsTotalMinor, o.currency)}, delivery {formatMoney(o.deliveryCostMinor, o.currency)})</p>
        </section>
        <section aria-labelledby="hist-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="hist-h" className="mb-2 font-semibold">History</h2>
          <ol className="flex flex-col gap-2 border-l-2 border-brand-100 pl-4">
            {o.statusHistory.map((h) => (
              <li key={h.id}>
                <p className="font-medium">
                  {h.fromStatus ? `${ORDER_STATUS_LABEL[h.fromStatus]} → ` : ""}{ORDER_STATUS_LABEL[h.toStatus]}
                  <span className="font-normal text-slate-600"> · {h.storeId ? (storeName.get(h.storeId) ?? h.storeId) : "whole order"}</span>
                </p>
                <p className="text-xs text-slate-600"><DateTime value={h.createdAt} />{h.actor ? ` · ${h.actor.email}` : ""}{h.note ? ` · ${h.note}` : ""}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
