import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHome() {
  // Layout and page render in parallel: the page guards its own data too.
  await requireRole("ADMIN", "/admin");
  const o = await (await serverCaller()).admin.overview();
  const stats = [
    { label: "Users", value: o.users },
    { label: "Sellers", value: o.sellers },
    { label: "Stores", value: o.stores },
    { label: "Orders", value: o.orders },
  ];
  return (
    <>
      <h1 className="text-2xl font-bold">Platform admin</h1>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{s.label}</dt>
            <dd className="text-2xl font-semibold">{s.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
