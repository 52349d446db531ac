// Admin: all orders (seller issue).
import { router } from "../trpc";

export const adminOrdersRouter = router({});
