import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { adjustStock, listMovements } from "@/server/services/inventory/adjust-stock";
import { ZAdjustStockInput, ZMovementsInput } from "@/server/services/inventory/schemas";
import { router, sellerActor, sellerProcedure } from "../trpc";

export const sellerInventoryRouter = router({
  /** Add or remove stock with a reason, through the ledger; scoped to the seller's store. */
  adjust: sellerProcedure
    .input(ZAdjustStockInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => adjustStock(tx, sellerActor(ctx), input))),
  /** A variant's movement history: who, when, why. */
  movements: sellerProcedure.input(ZMovementsInput).query(({ ctx, input }) => listMovements(ctx.db, ctx.store.id, input)),
});
