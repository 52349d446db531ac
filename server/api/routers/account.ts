// account.*: the signed-in user's own account: profile, email verification and change, saved
// addresses and order history (/account), and security (/account/security): two-factor, password
// change, their sessions (list, revoke one, sign out everywhere). Every procedure acts on the caller's own rows only.
import "server-only";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { listSessions, revokeSession, revokeUserSessions } from "@/server/auth/sessions";
import { applyPasswordChange, preparePasswordChange } from "@/server/services/account/change-password";
import { ZChangePasswordInput, ZRevokeSessionInput } from "@/shared/auth-schemas";
import { limited, protectedProcedure, publicProcedure, router } from "../trpc";
import { z } from "zod";
import { zText } from "@/shared/text";
import { ZAddressId, ZAddressInput, ZChangeEmailInput, ZOrderHistoryInput, ZProfileInput, ZUpdateAddressInput } from "@/shared/account";
import { confirmEmail, requestEmailChange, sendEmailVerification } from "@/server/services/account/email-verification";
import { createAddress, defaultAddress, deleteAddress, listAddresses, setDefaultAddress, updateAddress } from "@/server/services/account/addresses";
import { orderHistory } from "@/server/services/account/order-history";
import { getProfile, updateProfile } from "@/server/services/account/profile";
import { twoFactorRouter } from "./account-two-factor";

export const accountRouter = router({
  twoFactor: twoFactorRouter,

  /** /account: name, email, whether it is verified, a change waiting for its link. */
  profile: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.user.id)),
  updateProfile: protectedProcedure.input(ZProfileInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => updateProfile(tx, ctx.user.id, input))),
  /** Mails a link to the new address; the account's email changes only when it is opened. */
  changeEmail: protectedProcedure.use(limited("register")).input(ZChangeEmailInput).mutation(({ ctx, input }) => requestEmailChange(ctx.db, ctx.user.id, input.email)),
  resendVerification: protectedProcedure.use(limited("register")).mutation(async ({ ctx }) => ({ outcome: await sendEmailVerification(ctx.db, ctx.user.id) })),
  /** Opening an emailed link (signed in or not: the token is the proof). */
  confirmEmail: publicProcedure.use(limited("register")).input(z.object({ token: zText().min(1).max(200) })).mutation(async ({ ctx, input }) => {
    const r = await confirmEmail(ctx.db, input.token);
    return { email: r.email, changed: r.changed, claimed: r.claimed };
  }),

  addresses: protectedProcedure.query(({ ctx }) => listAddresses(ctx.db, ctx.user.id)),
  defaultAddress: protectedProcedure.query(({ ctx }) => defaultAddress(ctx.db, ctx.user.id)),
  createAddress: protectedProcedure.input(ZAddressInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => createAddress(tx, ctx.user.id, input))),
  updateAddress: protectedProcedure.input(ZUpdateAddressInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => updateAddress(tx, ctx.user.id, input.addressId, input.address))),
  setDefaultAddress: protectedProcedure.input(ZAddressId).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => setDefaultAddress(tx, ctx.user.id, input.addressId))),
  deleteAddress: protectedProcedure.input(ZAddressId).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => deleteAddress(tx, ctx.user.id, input.addressId))),

  /** Order history with search (number, product) and a status filter. */
  orders: protectedProcedure.input(ZOrderHistoryInput).query(({ ctx, input }) => orderHistory(ctx.db, ctx.user.id, input)),

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
    const hash = await preparePasswordChange(ctx.db, ctx.user.id, input, ctx.clientAddress, ctx.limits ?? undefined);
    return inTransaction(ctx.db, (tx) => applyPasswordChange(tx, ctx.user.id, hash, ctx.user.sid || undefined));
  }),
});
