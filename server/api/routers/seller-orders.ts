// Seller orders and fulfilment state machine (seller issue).
import { router } from "../trpc";

export const sellerOrdersRouter = router({});
