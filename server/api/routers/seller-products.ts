// Seller products table: list, inline edits, CSV export (seller issue).
import { router } from "../trpc";

export const sellerProductsRouter = router({});
