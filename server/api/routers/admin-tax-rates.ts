// Admin: tax rates by destination (docs/decisions.md 190). Every change is audited.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { createTaxRate, listTaxRates, removeTaxRate, updateTaxRate } from "@/server/services/tax/rates";
import { ZCreateTaxRateInput, ZRemoveTaxRateInput, ZUpdateTaxRateInput } from "@/shared/tax";
import { adminProcedure, router } from "../trpc";

export const adminTaxRatesRouter = router({
  list: adminProcedure.query(({ ctx }) => listTaxRates(ctx.db)),
  create: adminProcedure.input(ZCreateTaxRateInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createTaxRate(tx, ctx.user.id, input))),
  update: adminProcedure.input(ZUpdateTaxRateInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => updateTaxRate(tx, ctx.user.id, input))),
  remove: adminProcedure.input(ZRemoveTaxRateInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => removeTaxRate(tx, ctx.user.id, input))),
});
