// Admin: the audit log, newest first, filtered by action, entity and actor.
import "server-only";
import { NEWEST_FIRST, pageOf, pageWindow, ZPage } from "@/server/services/paging";
import { z } from "zod";
import { zText } from "@/shared/text";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { ADMIN_PAGE_SIZE } from "./users";

export const ZAuditInput = z.object({
  action: zText().trim().max(100).default(""),
  entityType: zText().trim().max(100).default(""),
  entityId: zText().trim().max(100).default(""),
  /** The actor's email (part of it) or exact id. */
  actor: zText().trim().max(200).default(""),
  page: ZPage,
});

export async function listAudit(db: DbClient, raw: z.input<typeof ZAuditInput>) {
  const input = ZAuditInput.parse(raw);
  const where: Prisma.AuditLogWhereInput = {
    ...(input.action ? { action: input.action } : {}),
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.actor
      ? { OR: [{ actorId: input.actor }, { actor: { email: { contains: input.actor, mode: "insensitive" } } }] }
      : {}),
  };
  const [items, total, actions, entityTypes] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: NEWEST_FIRST,
      ...pageWindow(input.page, ADMIN_PAGE_SIZE),
      select: {
        id: true,
        action: true,
        entityType: true,
        entityId: true,
        before: true,
        after: true,
        apiKeyName: true,
        createdAt: true,
        actor: { select: { id: true, name: true, email: true } },
      },
    }),
    db.auditLog.count({ where }),
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditLog.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
  ]);
  return {
    ...pageOf(items, total, input.page, ADMIN_PAGE_SIZE),
    actions: actions.map((a) => a.action),
    entityTypes: entityTypes.map((e) => e.entityType),
  };
}
