import type { ReactNode } from "react";
import type { ApiKeyView } from "@/server/services/api-keys";
import { TitledSection } from "@/components/ui/titled-section";
import { ApiKeysIntro } from "./api-keys-intro";
import { ApiKeyList } from "./api-key-list";
import { CreateApiKeyForm } from "./create-api-key-form";

/** The API keys page of a store (seller settings) or of the platform (admin): what keys are for
 * (`children`), the create form, and the owner's keys. */
export function ApiKeysPage({ owner, title, listTitle, keys, children }: { owner: "seller" | "admin"; title: string; listTitle: string; keys: ApiKeyView[]; children: ReactNode }) {
  return (
    <>
      <h1 className="text-2xl font-bold">{title}</h1>
      <ApiKeysIntro>{children}</ApiKeysIntro>
      <CreateApiKeyForm owner={owner} />
      <TitledSection id="api-keys-list" title={listTitle} className="flex flex-col gap-3">
        <ApiKeyList owner={owner} keys={keys} />
      </TitledSection>
    </>
  );
}
