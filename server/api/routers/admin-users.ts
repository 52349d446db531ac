// Admin: users (seller issue).
import { router } from "../trpc";

export const adminUsersRouter = router({});
