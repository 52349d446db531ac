import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { ApiKeysIntro } from "@/components/api-keys/api-keys-intro";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { TitledSection } from "@/components/ui/titled-section";

export const metadata: Metadata = { title: "API keys" };

export default async function SellerApiKeysPage() {
  await requireRole("SELLER", "/seller/settings/api-keys");
  const keys = await (await serverCaller()).seller.apiKeys.list();
  return (
    <>
      <h1 className="text-2xl font-bold">API keys</h1>
      <ApiKeysIntro>
        Keys let your other programs (a point of sale, an ERP, a script) use the REST API for your store only, with the scopes you choose.
      </ApiKeysIntro>
      <CreateApiKeyForm owner="seller" />
      <TitledSection id="api-keys-list" title="Your store's keys" className="flex flex-col gap-3">
        <ApiKeyList owner="seller" keys={keys} />
      </TitledSection>
    </>
  );
}
