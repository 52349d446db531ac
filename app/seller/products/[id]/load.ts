import "server-only";
import { TRPCError } from "@trpc/server";
import { zText } from "@/shared/text";
import { getQueryClient, trpc } from "@/server/api/rsc";

const ZId = zText().trim().min(1).max(64);

/** The caller's product for the editor, or null: missing, deleted or another store's (404). */
export async function loadEditorProduct(rawId: string) {
  const id = ZId.safeParse(rawId);
  if (!id.success) return null;
  try {
    return await getQueryClient().fetchQuery(trpc.seller.products.get.queryOptions({ id: id.data }));
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  }
}
