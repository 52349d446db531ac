// Admin: the audit log.
import "server-only";
import { listAudit, ZAuditInput } from "@/server/services/admin/audit";
import { adminProcedure, router } from "../trpc";

export const adminAuditRouter = router({
  list: adminProcedure.input(ZAuditInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
});
