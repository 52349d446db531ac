// A new API key for a store (its seller, or an admin) or for the platform (admins only; only a
// platform key may carry the "admin" scope). The secret is returned once and never again.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { apiKeySelect, toApiKeyView, ZCreateApiKeyInput, type ApiKeyActor, type ApiKeyView } from "./schemas";
import { newApiKeySecret } from "./secret";
import type { ApiScope } from "@/shared/api-scopes";

export interface CreateApiKeyInput {
  actor: ApiKeyActor;
  storeId: string | null;
  name: string;
  scopes: ApiScope[];
  expiresAt?: Date | null;
}

/** The actor may manage the keys of `storeId` (null: the platform's). */
export async function assertMayManageKeys(tx: Tx, actor: ApiKeyActor, storeId: string | null): Promise<void> {
  if (actor.role === "ADMIN") {
    if (storeId && !(await tx.store.findUnique({ where: { id: storeId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "No such store");
    return;
  }
  if (storeId && actor.role === "SELLER") {
    const store = await tx.store.findUnique({ where: { id: storeId }, select: { ownerId: true } });
    if (store?.ownerId === actor.id) return;
  }
  throw new AppError("FORBIDDEN", storeId ? "Only the store's seller or an admin manages its keys" : "Only admins manage platform keys");
}

export async function createApiKey(tx: Tx, input: CreateApiKeyInput): Promise<{ key: ApiKeyView; secret: string }> {
  const parsed = ZCreateApiKeyInput.parse({ name: input.name, scopes: input.scopes, expiresAt: input.expiresAt ?? null });
  await assertMayManageKeys(tx, input.actor, input.storeId);
  if (input.storeId && parsed.scopes.includes("admin")) {
    throw new AppError("VALIDATION", "A store's key cannot have the admin scope", { fieldErrors: { scopes: ["A store's key cannot have the admin scope"] } });
  }
  if (parsed.expiresAt && parsed.expiresAt.getTime() <= Date.now()) {
    throw new AppError("VALIDATION", "The expiry must be in the future", { fieldErrors: { expiresAt: ["The expiry must be in the future"] } });
  }
  const { prefix, secret, hash } = newApiKeySecret();
  const row = await tx.apiKey.create({
    data: {
      name: parsed.name,
      scopes: parsed.scopes,
      prefix,
      secretHash: hash,
      storeId: input.storeId,
      createdById: input.actor.id,
      expiresAt: parsed.expiresAt ?? null,
    },
    select: apiKeySelect,
  });
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: "apiKey.create",
    entityType: "ApiKey",
    entityId: row.id,
    after: { name: row.name, prefix: row.prefix, scopes: row.scopes, storeId: row.storeId, expiresAt: row.expiresAt?.toISOString() ?? null },
  });
  return { key: toApiKeyView(row), secret };
}
