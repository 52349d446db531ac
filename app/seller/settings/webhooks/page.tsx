import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { WebhookManager } from "@/components/webhooks/webhook-manager";

export const metadata: Metadata = { title: "Webhooks" };

export default async function SellerWebhooksPage() {
  await requireRole("SELLER", "/seller/settings/webhooks");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Webhooks</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Your store&apos;s events (orders, stock, prices, products) are POSTed as JSON to the URLs you add here, signed with the endpoint&apos;s secret. Failed deliveries
        are retried for 24 hours; an endpoint that keeps failing for 3 days is disabled, and this page says why. The API reference (Webhooks) shows how to verify a
        signature.
      </p>
      <WebhookManager scope="seller" />
    </div>
  );
}
