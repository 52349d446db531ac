import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { pageParam, Pager, urlWith } from "@/components/admin/pager";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Stores" };

export default async function AdminStoresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN", "/admin/stores");
  const page = pageParam((await searchParams).page);
  const data = await (await serverCaller()).admin.stores.list({ page });
  return (
    <>
      <h1 className="text-2xl font-bold">Stores</h1>
      <DataTable columns={["Store", "Owner", { label: "Products", className: "text-right" }, { label: "Orders", className: "text-right" }]} rowCount={data.items.length} empty="No stores yet.">
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
      </DataTable>
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/stores", { page: p })} />
    </>
  );
}
