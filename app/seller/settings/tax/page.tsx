import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { TaxSettings } from "@/components/seller/settings/tax-settings";

export const metadata: Metadata = { title: "Tax" };

export default async function SellerTaxSettingsPage() {
  await requireRole("SELLER", "/seller/settings/tax");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Tax</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Tax is worked out at checkout from the buyer&apos;s delivery address, at the rates the marketplace keeps. Say whether the prices you enter already include it.
      </p>
      <TaxSettings />
    </div>
  );
}
