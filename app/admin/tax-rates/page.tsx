import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { TaxRates } from "@/components/admin/tax-rates";

export const metadata: Metadata = { title: "Tax rates" };

export default async function AdminTaxRatesPage() {
  await requireRole("ADMIN", "/admin/tax-rates");
  const rates = await (await serverCaller()).admin.taxRates.list();
  return (
    <>
      <h1 className="text-2xl font-bold">Tax rates</h1>
      <p className="max-w-prose text-sm text-slate-600">
        An order is taxed at the rate for its delivery address: a rate for its country and region wins over one for the
        whole country; where no rate applies there is no tax. Each store says whether its prices include tax. Placed orders
        keep the rate they were taxed at.
      </p>
      <TaxRates rates={rates.map((r) => ({ id: r.id, country: r.country, region: r.region, name: r.name, rate: r.rate, appliesToShipping: r.appliesToShipping, updatedAt: r.updatedAt.toISOString() }))} />
    </>
  );
}
