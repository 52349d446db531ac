import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { PromotionManager } from "@/components/promotions/promotion-manager";

export const metadata: Metadata = { title: "Platform discount codes" };

export default async function AdminPromotionsPage() {
  await requireRole("ADMIN", "/admin/promotions");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Platform discount codes</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Platform codes apply to every store&apos;s items (or the categories you choose). A platform code takes precedence over a store&apos;s code spelled the same.
      </p>
      <PromotionManager scope="admin" />
    </div>
  );
}
