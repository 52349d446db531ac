// The audit log of seller and admin actions: who changed what, when, before and after.
// Written in the same transaction as the change, so an entry exists exactly when the change does.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Prisma } from "@/generated/prisma/client.ts";

/** The API key a request acts with: every audit entry written while it runs names the key. */
export interface AuditVia {
  apiKeyId: string;
  apiKeyName: string;
}

const via = new AsyncLocalStorage<AuditVia>();

/** Runs `fn` with every audit entry it writes marked as made with the API key `key` (the REST
 * API wraps each key's request in it, so no service needs to know about keys). */
export function withAuditVia<T>(key: AuditVia | null, fn: () => Promise<T>): Promise<T> {
  return key ? via.run(key, fn) : fn();
}

export interface AuditEntry {
  actorId: string | null;
  /** e.g. "inventory.adjust", "variant.price", "product.update", "user.role" */
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

export async function recordAudit(tx: Prisma.TransactionClient, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const key = via.getStore();
  await tx.auditLog.createMany({
    data: list.map((e) => ({
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before ?? undefined,
      after: e.after ?? undefined,
      apiKeyId: key?.apiKeyId ?? null,
      apiKeyName: key?.apiKeyName ?? null,
    })),
  });
}
