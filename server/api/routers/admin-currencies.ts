// Admin: display-currency rates (docs/decisions.md 181). Every change is audited.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { listRates, removeRate, setRate } from "@/server/services/currency/rates";
import { ZRemoveRateInput, ZSetRateInput } from "@/shared/currency";
import { adminProcedure, router } from "../trpc";

export const adminCurrenciesRouter = router({
  list: adminProcedure.query(({ ctx }) => listRates(ctx.db)),
  set: adminProcedure.input(ZSetRateInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setRate(tx, ctx.user.id, input))),
  remove: adminProcedure.input(ZRemoveRateInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => removeRate(tx, ctx.user.id, input))),
});
