// A seller's shipping zones and rates (server/services/shipping/manage.ts, decision 194): the
// store comes from the guard, never from the input.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { deleteShippingZone, listShippingZones, saveShippingZone, ZShippingZoneId, ZShippingZoneInput } from "@/server/services/shipping/manage";
import { router, sellerProcedure } from "../trpc";

export const sellerShippingRouter = router({
  /** The store's zones (oldest first) with their rates. */
  zones: sellerProcedure.query(({ ctx }) => listShippingZones(ctx.db, ctx.store.id)),
  /** Creates (no id) or replaces a zone with its rates; overlaps and bad amounts: 400 with the reason. */
  saveZone: sellerProcedure.input(ZShippingZoneInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => saveShippingZone(tx, ctx.user, ctx.store.id, input))),
  deleteZone: sellerProcedure.input(ZShippingZoneId).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => deleteShippingZone(tx, ctx.user, ctx.store.id, input.id))),
});
