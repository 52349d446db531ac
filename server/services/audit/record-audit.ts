// The audit log of seller and admin actions: who changed what, when, before and after.
// Written in the same transaction as the change, so an entry exists exactly when the change does.
import "server-only";
import type { Prisma } from "@/generated/prisma/client.ts";

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
  await tx.auditLog.createMany({
    data: list.map((e) => ({
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before ?? undefined,
      after: e.after ?? undefined,
    })),
  });
}
