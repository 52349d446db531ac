// account.*: the signed-in user's own account security (/account/security): two-factor, password
// change, their sessions (list, revoke one, sign out everywhere). Every procedure acts on the caller's own rows only.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { getSignInLimiter } from "@/server/auth/sign-in";
import { listSessions, revokeSession, revokeUserSessions } from "@/server/auth/sessions";
import { applyPasswordChange, preparePasswordChange } from "@/server/services/account/change-password";
import { ZChangePasswordInput, ZRevokeSessionInput } from "@/shared/auth-schemas";
import { protectedProcedure, router } from "../trpc";
import { twoFactorRouter } from "./account-two-factor";

export const accountRouter = router({
  twoFactor: twoFactorRouter,

  /** The caller's active sessions, this device's marked `current`. */
  sessions: protectedProcedure.query(({ ctx }) => listSessions(ctx.db, ctx.user.id, ctx.user.sid)),

  /** Signs out one of the caller's sessions (another device, or this one). */
  revokeSession: protectedProcedure.input(ZRevokeSessionInput).mutation(async ({ ctx, input }) => {
    const revoked = await inTransaction(ctx.db, (tx) => revokeSession(tx, input.sessionId, { userId: ctx.user.id }));
    if (!revoked) throw new AppError("NOT_FOUND", "That session is already signed out");
    return { current: input.sessionId === ctx.user.sid };
  }),

  /** Signs out every session of the caller, this one included. */
  signOutEverywhere: protectedProcedure.mutation(async ({ ctx }) => {
    const ids = await inTransaction(ctx.db, (tx) => revokeUserSessions(tx, ctx.user.id));
    return { signedOut: ids.length };
  }),

  /** Changes the caller's password; their other sessions are signed out, this one stays. */
  changePassword: protectedProcedure.input(ZChangePasswordInput).mutation(async ({ ctx, input }) => {
    const hash = await preparePasswordChange(ctx.db, ctx.user.id, input, getSignInLimiter());
    return inTransaction(ctx.db, (tx) => applyPasswordChange(tx, ctx.user.id, hash, ctx.user.sid || undefined));
  }),
});
