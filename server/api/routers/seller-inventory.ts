import "server-only";
import { adjustStock, listMovements } from "@/server/services/inventory/adjust-stock";
import { ZAdjustStockInput, ZMovementsInput } from "@/server/services/inventory/schemas";
import { router, sellerProcedure, sellerWrite } from "../trpc";

export const sellerInventoryRouter = router({
  /** Add or remove stock with a reason, through the ledger; scoped to the seller's store. */
  adjust: sellerProcedure.input(ZAdjustStockInput).mutation(sellerWrite(adjustStock)),
  /** A variant's movement history: who, when, why. */
  movements: sellerProcedure.input(ZMovementsInput).query(({ ctx, input }) => listMovements(ctx.db, ctx.store.id, input)),
});
