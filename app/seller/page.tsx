import type { Metadata } from "next";
import { serverCaller } from "@/lib/trpc/server";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Seller dashboard" };

export default async function SellerHome() {
  // Layout and page render in parallel: the page guards its own data too.
  await requireRole("SELLER", "/seller");
  const overview = await (await serverCaller()).seller.overview();
  const stats = [
    { label: "Products", value: overview.products },
    { label: "Active", value: overview.active },
    { label: "Low stock variants", value: overview.lowStock },
    { label: "Out of stock variants", value: overview.outOfStock },
  ];
  return (
    <>
      <h1 className="text-2xl font-bold">{overview.store.name}</h1>
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
