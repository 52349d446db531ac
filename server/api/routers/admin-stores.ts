// Admin: stores (seller issue).
import { router } from "../trpc";

export const adminStoresRouter = router({});
