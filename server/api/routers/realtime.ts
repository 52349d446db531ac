import "server-only";
import { getAuthSecret } from "@/server/env";
import { signStoreToken, STORE_TOKEN_TTL_MS } from "@/server/realtime/tokens";
import { router, sellerProcedure } from "../trpc";

export const realtimeRouter = router({
  /**
   * A short-lived signed token that lets this seller's browser join its store's room on the
   * sidecar (live orders, stock and low-stock alerts). The sidecar has no database: the
   * token is its proof. Asked for again on every (re)connection.
   */
  storeToken: sellerProcedure.query(({ ctx }) => {
    const expiresAt = Date.now() + STORE_TOKEN_TTL_MS;
    return { storeId: ctx.store.id, token: signStoreToken(getAuthSecret(), { storeId: ctx.store.id, userId: ctx.user.id, exp: expiresAt }), expiresAt };
  }),
});
