import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { CurrencyRates } from "@/components/admin/currency-rates";
import { SHOP_CURRENCY } from "@/shared/currency";

export const metadata: Metadata = { title: "Currencies" };

export default async function AdminCurrenciesPage() {
  await requireRole("ADMIN", "/admin/currencies");
  const rates = await (await serverCaller()).admin.currencies.list();
  return (
    <>
      <h1 className="text-2xl font-bold">Currencies</h1>
      <p className="max-w-prose text-sm text-slate-600">
        Shoppers can see prices in these currencies as estimates, converted with the rates below. Every order is still
        charged in {SHOP_CURRENCY}. A rate is how many units of the currency one {SHOP_CURRENCY} buys.
      </p>
      <CurrencyRates rates={rates.map((r) => ({ currency: r.currency, rate: r.rate, updatedAt: r.updatedAt.toISOString() }))} />
    </>
  );
}
