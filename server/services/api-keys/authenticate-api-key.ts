// The check of every request made with an API key: one lookup by the secret's prefix (with the
// store's owner or the platform key's creator), the hash compared in constant time. Unknown,
// malformed, revoked or expired keys, and keys whose owner is no longer an enabled seller (store
// keys) or admin (platform keys), are UNAUTHENTICATED (401). Last use (time, address) is written
// at most once a minute per key, or when the address changes.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { API_SCOPES, type ApiScope } from "@/shared/api-scopes";
import type { ApiKeyPrincipal } from "./schemas";
import { parseApiKeySecret, secretMatches } from "./secret";

export const API_KEY_TOUCH_MS = 60_000;
const MAX_ADDRESS = 100;

function refused(message: string): AppError {
  return new AppError("UNAUTHENTICATED", message);
}

export async function authenticateApiKey(db: DbClient, presented: string, clientAddress: string, now = new Date()): Promise<ApiKeyPrincipal> {
  const parsed = parseApiKeySecret(presented);
  if (!parsed) throw refused("This is not a valid API key");
  const row = await db.apiKey.findUnique({
    where: { prefix: parsed.prefix },
    select: {
      id: true,
      name: true,
      prefix: true,
      secretHash: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      lastUsedAddress: true,
      createdBy: { select: { id: true, role: true, disabledAt: true } },
      store: { select: { id: true, name: true, slug: true, owner: { select: { id: true, role: true, disabledAt: true } } } },
    },
  });
  if (!row || !secretMatches(presented, row.secretHash)) throw refused("This is not a valid API key");
  if (row.revokedAt) throw refused("This API key has been revoked");
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw refused("This API key has expired");
  const actingUser = row.store ? row.store.owner : row.createdBy;
  const wantedRole = row.store ? "SELLER" : "ADMIN";
  if (actingUser.role !== wantedRole || actingUser.disabledAt) throw refused("This API key's owner can no longer use it");

  const address = clientAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, MAX_ADDRESS);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > API_KEY_TOUCH_MS || row.lastUsedAddress !== address) {
    // Best effort: a failure to record the use never refuses the request.
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedAddress: address }, select: { id: true } }).catch(() => undefined);
  }
  return {
    kind: "api-key",
    keyId: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
    store: row.store ? { id: row.store.id, name: row.store.name, slug: row.store.slug } : null,
    userId: actingUser.id,
  };
}
