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
    names: await auditNames(db, items),
  };
}

/** What an id in the log stands for, for people: "Casey Customer (casey@…)", a product's title,
 * a store's name, "SKU … of <product>", an order's number. */
export interface AuditName {
  kind: "User" | "Product" | "Store" | "Variant" | "Order";
  label: string;
  /** A page that shows it, where there is one. */
  href?: string;
}

/** Keys of before/after values that hold an id of a known kind. */
const ID_KEYS: Record<string, AuditName["kind"]> = { ownerId: "User", userId: "User", actorId: "User", storeId: "Store", productId: "Product", variantId: "Variant", orderId: "Order" };

/** Names for the entities and the ids in before/after of one page of entries: one query per kind
 * that occurs (at most five), never one per row. */
async function auditNames(
  db: DbClient,
  items: { entityType: string; entityId: string; before: Prisma.JsonValue; after: Prisma.JsonValue }[],
): Promise<Record<string, AuditName>> {
  const wanted: Record<AuditName["kind"], Set<string>> = { User: new Set(), Product: new Set(), Store: new Set(), Variant: new Set(), Order: new Set() };
  for (const e of items) {
    if (e.entityType in wanted) wanted[e.entityType as AuditName["kind"]].add(e.entityId);
    for (const side of [e.before, e.after]) {
      if (!side || typeof side !== "object" || Array.isArray(side)) continue;
      for (const [k, v] of Object.entries(side)) if (ID_KEYS[k] && typeof v === "string") wanted[ID_KEYS[k]].add(v);
    }
  }
  const ids = (k: AuditName["kind"]) => [...wanted[k]].slice(0, 500);
  const [users, products, stores, variants, orders] = await Promise.all([
    wanted.User.size ? db.user.findMany({ where: { id: { in: ids("User") } }, select: { id: true, name: true, email: true } }) : [],
    wanted.Product.size ? db.product.findMany({ where: { id: { in: ids("Product") } }, select: { id: true, title: true } }) : [],
    wanted.Store.size ? db.store.findMany({ where: { id: { in: ids("Store") } }, select: { id: true, name: true } }) : [],
    wanted.Variant.size ? db.variant.findMany({ where: { id: { in: ids("Variant") } }, select: { id: true, sku: true, product: { select: { title: true } } } }) : [],
    wanted.Order.size ? db.order.findMany({ where: { id: { in: ids("Order") } }, select: { id: true, orderUid: true } }) : [],
  ]);
  const names: Record<string, AuditName> = {};
  for (const u of users) names[u.id] = { kind: "User", label: `${u.name} (${u.email})`, href: `/admin/users?q=${encodeURIComponent(u.email)}` };
  for (const p of products) names[p.id] = { kind: "Product", label: p.title };
  for (const st of stores) names[st.id] = { kind: "Store", label: st.name, href: "/admin/stores" };
  for (const v of variants) names[v.id] = { kind: "Variant", label: `${v.sku} of ${v.product.title}` };
  for (const o of orders) names[o.id] = { kind: "Order", label: `Order #${o.orderUid.slice(0, 10)}`, href: `/admin/orders/${o.id}` };
  return names;
}
