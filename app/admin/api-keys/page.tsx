import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { ApiKeysPage } from "@/components/api-keys/api-keys-page";

export const metadata: Metadata = { title: "API keys" };

export default async function AdminApiKeysPage() {
  await requireRole("ADMIN", "/admin/api-keys");
  const keys = await (await serverCaller()).admin.apiKeys.list();
  return (
    <ApiKeysPage owner="admin" title="Platform API keys" listTitle="Platform keys" keys={keys}>
      Platform keys belong to no store: they act as the admin who made them. Only they may carry the <code className="font-mono text-xs">admin</code> scope
      (users and stores). A store&apos;s own keys are made by its seller in their settings.
    </ApiKeysPage>
  );
}
