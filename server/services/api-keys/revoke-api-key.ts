// Revokes a key of the store (or of the platform, storeId null): the next request made with it
// is refused (401). A key of another store is "not found", never revoked. Revoking twice is
// harmless (the first time is kept).
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { assertMayManageKeys } from "./create-api-key";
import { apiKeySelect, toApiKeyView, type ApiKeyActor, type ApiKeyView } from "./schemas";

export async function revokeApiKey(tx: Tx, input: { actor: ApiKeyActor; storeId: string | null; id: string }): Promise<ApiKeyView> {
  await assertMayManageKeys(tx, input.actor, input.storeId);
  const { count } = await tx.apiKey.updateMany({ where: { id: input.id, storeId: input.storeId, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await tx.apiKey.findFirst({ where: { id: input.id, storeId: input.storeId }, select: apiKeySelect });
  if (!row) throw new AppError("NOT_FOUND", "No such API key");
  if (count > 0) {
    await recordAudit(tx, { actorId: input.actor.id, action: "apiKey.revoke", entityType: "ApiKey", entityId: row.id, before: { revokedAt: null }, after: { revokedAt: row.revokedAt!.toISOString() } });
  }
  return toApiKeyView(row);
}
