// Seller CSV import: dry run, apply with progress (seller issue).
import { router } from "../trpc";

export const sellerImportRouter = router({});
