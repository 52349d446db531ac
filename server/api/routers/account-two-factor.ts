// account.twoFactor.*: the signed-in user's own two-factor authentication (any role; required for
// staff, see server/api/guards.ts). Staff who must enrol reach these before anything else.
import "server-only";
import { z } from "zod";
import { inTransaction } from "@/server/db/transaction";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from "@/server/auth/two-factor/service";
import { ZTwoFactorCode } from "@/shared/auth-schemas";
import { protectedProcedure, router } from "../trpc";

const ZCodeInput = z.object({ code: ZTwoFactorCode });

export const twoFactorRouter = router({
  /** On or off, recovery codes left, whether the account must have it; never the secret. */
  status: protectedProcedure.query(({ ctx }) => twoFactorStatus(ctx.db, ctx.user.id)),
  /** A new secret to scan (otpauth:// URL, QR code as an SVG data URL, the secret to type in). */
  beginEnrolment: protectedProcedure.mutation(({ ctx }) => inTransaction(ctx.db, (tx) => beginEnrolment(tx, ctx.user.id))),
  /** A code from the app turns 2FA on: ten recovery codes (shown once) and the ticket that makes
   * this session verified (the client posts it to next-auth's session update). */
  confirm: protectedProcedure.input(ZCodeInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => confirmEnrolment(tx, ctx.user.id, input.code))),
  /** Off, with a fresh code (from the app, or a recovery code). */
  disable: protectedProcedure.input(ZCodeInput).mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => disableTwoFactor(tx, ctx.user.id, input.code))),
  /** Ten new recovery codes for a fresh code from the app; the old ones stop working. */
  regenerateRecoveryCodes: protectedProcedure
    .input(ZCodeInput)
    .mutation(({ ctx, input }) => inTransaction(ctx.db, (tx) => regenerateRecoveryCodes(tx, ctx.user.id, input.code))),
});
