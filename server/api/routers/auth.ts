import "server-only";
import { ZRegisterInput, ZRequestPasswordResetInput, ZResetPasswordInput } from "@/shared/auth-schemas";
import { registerUser } from "@/server/services/users/register-user";
import { sendEmailVerification } from "@/server/services/account/email-verification";
import { requestPasswordReset, resetPassword } from "@/server/auth/password-reset";
import { limited, protectedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  register: publicProcedure
    .use(limited("register"))
    .input(ZRegisterInput)
    .mutation(async ({ ctx, input }) => {
      const user = await registerUser(ctx.db, input, { clientAddress: ctx.clientAddress });
      // The link that verifies the email (and claims its guest orders); never fails the registration.
      await sendEmailVerification(ctx.db, user.id);
      return user;
    }),
  // Always the same answer for any email (429 only for an address that asks too often); the
  // token and the mail are made after it.
  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    const { work } = await requestPasswordReset(ctx.db, input, ctx.clientAddress);
    void work; // settles on its own and never rejects
    return { accepted: true as const };
  }),
  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx.db, input, ctx.clientAddress);
    return { reset: true as const };
  }),
  me: protectedProcedure.query(({ ctx }) =>
    ctx.db.user.findUniqueOrThrow({
      where: { id: ctx.user.id },
      select: { id: true, email: true, name: true, role: true, createdAt: true, store: { select: { name: true, slug: true } } },
    }),
  ),
});
