"use client";
import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/client/trpc";
import { STOCK_REASON_LABEL, type StockReason } from "@/shared/stock";
import { AdjustStockButton } from "./adjust-stock-dialog";
import { DateTime } from "@/components/ui/date-time";

/** One variant's stock and ledger: who changed it, when, why, and for which order. */
export function VariantInventory({ variantId }: { variantId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.seller.inventory.movements.queryOptions({ variantId, limit: 100 }));
  const { variant, items } = data;
  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-4">
        <p className="text-lg">
          In stock: <span className="font-semibold" data-testid="variant-stock">{variant.stock}</span>
        </p>
        <AdjustStockButton
          variantId={variant.id}
          sku={variant.sku}
          stock={variant.stock}
          onAdjusted={() => void queryClient.invalidateQueries({ queryKey: trpc.seller.inventory.movements.queryKey({ variantId, limit: 100 }) })}
        />
      </div>
      <h2 className="text-lg font-semibold">Movement history</h2>
      {items.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">No stock movements yet.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Change</th>
                <th scope="col" className="px-3 py-2">Stock after</th>
                <th scope="col" className="px-3 py-2">Why</th>
                <th scope="col" className="px-3 py-2">Note</th>
                <th scope="col" className="px-3 py-2">Who</th>
                <th scope="col" className="px-3 py-2">Order</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} className="border-t border-slate-100" data-testid="movement-row">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <DateTime value={m.createdAt} />
                  </td>
                  <td className={`px-3 py-2 font-medium ${m.delta < 0 ? "text-red-700" : "text-emerald-700"}`}>{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
                  <td className="px-3 py-2">{m.stockAfter}</td>
                  <td className="px-3 py-2">{STOCK_REASON_LABEL[m.reason as StockReason] ?? m.reason}</td>
                  <td className="px-3 py-2">{m.note}</td>
                  <td className="px-3 py-2">{m.actor ? m.actor.name : m.orderId ? "Customer order" : "System"}</td>
                  <td className="px-3 py-2">
                    {m.orderId ? (
                      <Link href={`/seller/orders/${m.orderId}`} className="text-brand-700 underline">
                        View order
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
