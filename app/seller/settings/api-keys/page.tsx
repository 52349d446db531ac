import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { ApiKeysPage } from "@/components/api-keys/api-keys-page";

export const metadata: Metadata = { title: "API keys" };

export default async function SellerApiKeysPage() {
  await requireRole("SELLER", "/seller/settings/api-keys");
  const keys = await (await serverCaller()).seller.apiKeys.list();
  return (
    <ApiKeysPage owner="seller" title="API keys" listTitle="Your store's keys" keys={keys}>
      Keys let your other programs (a point of sale, an ERP, a script) use the REST API for your store only, with the scopes you choose.
    </ApiKeysPage>
  );
}
