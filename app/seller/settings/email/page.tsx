import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { MailSettings } from "@/components/seller/settings/mail-settings";

export const metadata: Metadata = { title: "Email" };

export default async function SellerEmailSettingsPage() {
  await requireRole("SELLER", "/seller/settings/email");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Email</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        You receive an email for each new order of your store. Once a day you can also receive a digest of the variants at or below their low-stock alert level.
      </p>
      <MailSettings />
    </div>
  );
}
