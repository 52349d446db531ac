import "server-only";
import { getAuthSecret } from "@/server/env";
import { AppError } from "@/server/errors";
import { sellerStoreOf } from "@/server/api/guards";
import { ROOM_TOKEN_TTL_MS, signRoomToken } from "@/server/realtime/tokens";
import { storeRoom, userRoom } from "@/shared/events";
import { protectedProcedure, router } from "../trpc";

export const realtimeRouter = router({
  /**
   * A short-lived signed token that lets this browser join its private rooms on the sidecar:
   * the user's own (their orders' status changes) and, for an enabled seller with a store, the
   * store's (live orders, stock and low-stock alerts). The sidecar has no database: the token is
   * its proof, tied to the caller's session. Asked for again on every (re)connection.
   */
  token: protectedProcedure.query(async ({ ctx }) => {
    // Tied to the caller's session: revoking it makes the sidecar drop and refuse this token.
    const sid = ctx.user.sid;
    if (!sid) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
    const rooms = [userRoom(ctx.user.id)];
    const store = await sellerStoreOf(ctx.db, ctx.user);
    const storeId = typeof store === "object" ? store.id : null;
    if (storeId) rooms.push(storeRoom(storeId));
    const expiresAt = Date.now() + ROOM_TOKEN_TTL_MS;
    return { rooms, storeId, token: signRoomToken(getAuthSecret(), { rooms, userId: ctx.user.id, sid, exp: expiresAt }), expiresAt };
  }),
});
