import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { WebhookManager } from "@/components/webhooks/webhook-manager";

export const metadata: Metadata = { title: "Webhooks" };

export default async function AdminWebhooksPage() {
  await requireRole("ADMIN", "/admin/webhooks");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Platform webhooks</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Platform endpoints receive the events of every store (whole orders, with each store&apos;s share). Stores add their own endpoints in their seller settings.
      </p>
      <WebhookManager scope="admin" />
    </div>
  );
}
