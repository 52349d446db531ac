import "server-only";
import { ZRegisterInput } from "@/shared/auth-schemas";
import { registerUser } from "@/server/services/users/register-user";
import { limited, protectedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  register: publicProcedure.use(limited("register")).input(ZRegisterInput).mutation(({ ctx, input }) => registerUser(ctx.db, input)),
  me: protectedProcedure.query(({ ctx }) =>
    ctx.db.user.findUniqueOrThrow({
      where: { id: ctx.user.id },
      select: { id: true, email: true, name: true, role: true, createdAt: true, store: { select: { name: true, slug: true } } },
    }),
  ),
});
