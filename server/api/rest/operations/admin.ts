// A platform key with the admin scope: users (list, role, disable) and stores, as the admin
// pages do (the same services; the key acts as the admin who made it).
import "server-only";
import { z } from "zod";
import { zText } from "@/shared/text";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { listUsers, ROLES, setUserDisabled, setUserRole } from "@/server/services/admin/users";
import { listStores } from "@/server/services/admin/stores";
import { op, type Principal } from "../operation";
import { json, listResult, pId, qCursor, ZListOf, ZTimestamp } from "../schemas";

function adminOf(p: Principal): string {
  if (p.kind !== "api-key" || p.store) throw new AppError("FORBIDDEN", "This operation needs a platform API key");
  return p.userId;
}
const pageCursor = (page: number, pageCount: number) => (page < pageCount ? String(page + 1) : null);
const pageFrom = (cursor: string | undefined) => {
  if (cursor === undefined) return 1;
  if (!/^\d{1,5}$/.test(cursor)) throw new AppError("VALIDATION", "Invalid cursor", { fieldErrors: { "query.cursor": ["Invalid cursor"] } });
  return Number(cursor);
};

const ZAdminUser = z.looseObject({ id: zText(), email: zText(), name: zText(), role: z.enum(ROLES), disabledAt: ZTimestamp.nullable(), createdAt: ZTimestamp }).meta({ id: "AdminUser" });
const ZAdminStore = z.looseObject({ id: zText(), name: zText(), slug: zText() }).meta({ id: "AdminStore" });

export const adminOperations = [
  op({
    operationId: "listUsers",
    method: "GET",
    path: "/admin/users",
    tag: "Admin",
    summary: "Users, found by part of their email or name",
    access: { kind: "platform-key", scope: "admin" },
    query: z.object({ q: zText().max(200).optional(), role: z.enum(ROLES).optional(), cursor: qCursor().optional() }).strict(),
    response: { status: 200, description: "A page of users", schema: ZListOf(ZAdminUser, "AdminUserList") },
    handler: async ({ db, query, url, principal }) => {
      adminOf(principal);
      const r = await listUsers(db, { q: query.q, role: query.role, page: pageFrom(query.cursor) });
      return listResult(url, json(r.items) as never[], pageCursor(r.page, r.pageCount));
    },
  }),
  op({
    operationId: "updateUser",
    method: "PATCH",
    path: "/admin/users/{id}",
    tag: "Admin",
    summary: "Change a user's role and/or disable or enable them",
    description: "Role changes and disabling end the user's sessions, as on the admin pages; an admin cannot demote or disable themselves.",
    access: { kind: "platform-key", scope: "admin" },
    params: z.object({ id: pId("The user") }),
    body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }).strict(),
    errors: ["NOT_FOUND"],
    response: { status: 200, description: "The user", schema: z.looseObject({ id: zText(), role: z.enum(ROLES) }).meta({ id: "UpdatedUser" }) },
    handler: async ({ db, principal, params, body }) => {
      const actorId = adminOf(principal);
      const user = await inTransaction(db, async (tx) => {
        let last: unknown = null;
        if (body.role !== undefined) last = await setUserRole(tx, actorId, { userId: params.id, role: body.role });
        if (body.disabled !== undefined) last = await setUserDisabled(tx, actorId, { userId: params.id, disabled: body.disabled });
        return last ?? tx.user.findUniqueOrThrow({ where: { id: params.id }, select: { id: true, role: true, disabledAt: true } });
      });
      return { status: 200, body: json(user) as { id: string; role: (typeof ROLES)[number] } };
    },
  }),
  op({
    operationId: "listStores",
    method: "GET",
    path: "/admin/stores",
    tag: "Admin",
    summary: "Stores, found by part of their name",
    access: { kind: "platform-key", scope: "admin" },
    query: z.object({ q: zText().max(200).optional(), cursor: qCursor().optional() }).strict(),
    response: { status: 200, description: "A page of stores", schema: ZListOf(ZAdminStore, "AdminStoreList") },
    handler: async ({ db, query, url, principal }) => {
      adminOf(principal);
      const r = await listStores(db, { q: query.q, page: pageFrom(query.cursor) });
      return listResult(url, json(r.items) as never[], pageCursor(r.page, r.pageCount));
    },
  }),
];
