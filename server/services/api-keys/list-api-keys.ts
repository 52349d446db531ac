// A store's keys (storeId), or the platform's (null): newest first, revoked ones included (the
// pages show them struck through). Never the secret or its hash.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { apiKeySelect, toApiKeyView, type ApiKeyView } from "./schemas";

export async function listApiKeys(db: DbClient, input: { storeId: string | null }): Promise<ApiKeyView[]> {
  const rows = await db.apiKey.findMany({ where: { storeId: input.storeId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500, select: apiKeySelect });
  return rows.map(toApiKeyView);
}
