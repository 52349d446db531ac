import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { PromotionManager } from "@/components/promotions/promotion-manager";

export const metadata: Metadata = { title: "Discount codes" };

export default async function SellerPromotionsPage() {
  await requireRole("SELLER", "/seller/promotions");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Discount codes</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Your codes discount only your store&apos;s items, in the cart and at checkout. A code that is deactivated, expired or used up is refused with a message that
        says why; a code used by an order that is later cancelled stays used.
      </p>
      <PromotionManager scope="seller" />
    </div>
  );
}
