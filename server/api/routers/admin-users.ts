// Admin: users. Every write records an audit entry (server/services/admin/users.ts).
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { listUsers, setUserDisabled, setUserRole, ZListUsersInput, ZSetDisabledInput, ZSetRoleInput } from "@/server/services/admin/users";
import { adminProcedure, router } from "../trpc";

export const adminUsersRouter = router({
  list: adminProcedure.input(ZListUsersInput).query(({ ctx, input }) => listUsers(ctx.db, input)),
  setRole: adminProcedure.input(ZSetRoleInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setUserRole(tx, ctx.user.id, input))),
  setDisabled: adminProcedure.input(ZSetDisabledInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setUserDisabled(tx, ctx.user.id, input))),
});
