import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/lib/trpc/server";
import { requireRole } from "@/server/auth/guards";
import { pageParam, Pager, urlWith } from "@/components/admin/pager";

export const metadata: Metadata = { title: "Stores" };

export default async function AdminStoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN", "/admin/stores");
  const page = pageParam((await searchParams).page);
  const data = await (await serverCaller()).admin.stores.list({ page });
  return (
    <>
      <h1 className="text-2xl font-bold">Stores</h1>
      {data.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No stores yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="p-3">Store</th>
                <th scope="col" className="p-3">Owner</th>
                <th scope="col" className="p-3 text-right">Products</th>
                <th scope="col" className="p-3 text-right">Orders</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {data.items.map((s) => (
                <tr key={s.id} data-testid="store-row">
                  <td className="p-3"><p className="font-medium">{s.name}</p><p className="text-slate-600">{s.slug}</p></td>
                  <td className="p-3">
                    <Link href={urlWith("/admin/users", { q: s.owner.email })} className="underline">{s.owner.name}</Link>
                    <p className="text-slate-600">{s.owner.email}{s.owner.disabledAt ? " · disabled" : ""}</p>
                  </td>
                  <td className="p-3 text-right">{s.productCount}</td>
                  <td className="p-3 text-right">{s.orderCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/stores", { page: p })} />
    </>
  );
}
