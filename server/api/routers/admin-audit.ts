// Admin: audit log (seller issue).
import { router } from "../trpc";

export const adminAuditRouter = router({});
