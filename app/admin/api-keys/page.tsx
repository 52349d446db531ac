import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { ApiKeysIntro } from "@/components/api-keys/api-keys-intro";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { TitledSection } from "@/components/ui/titled-section";

export const metadata: Metadata = { title: "API keys" };

export default async function AdminApiKeysPage() {
  await requireRole("ADMIN", "/admin/api-keys");
  const keys = await (await serverCaller()).admin.apiKeys.list();
  return (
    <>
      <h1 className="text-2xl font-bold">Platform API keys</h1>
      <ApiKeysIntro>
        Platform keys belong to no store: they act as the admin who made them. Only they may carry the <code className="font-mono text-xs">admin</code> scope
        (users and stores). A store&apos;s own keys are made by its seller in their settings.
      </ApiKeysIntro>
      <CreateApiKeyForm owner="admin" />
      <TitledSection id="api-keys-list" title="Platform keys" className="flex flex-col gap-3">
        <ApiKeyList owner="admin" keys={keys} />
      </TitledSection>
    </>
  );
}
