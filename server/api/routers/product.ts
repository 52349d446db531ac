// Seller product editor: get, create, update with optimistic locking, archive/restore (seller issue).
import { router } from "../trpc";

export const productRouter = router({});
