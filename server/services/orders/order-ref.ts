// An order named by its id or by its short number (LM-7K3Q9): pages and the API take either.
import "server-only";
import type { DbClient } from "@/server/db/transaction";
import { isOrderNumber } from "@/shared/orders";

/** The Prisma condition that finds the order `ref` names. */
export function orderRefWhere(ref: string): { number: string } | { id: string } {
  return isOrderNumber(ref) ? { number: ref.toUpperCase() } : { id: ref };
}

/** The id of the order `ref` names (an id is returned as it is; an unknown number as itself, so
 * the caller's own lookup answers NOT_FOUND as for any unknown id). Visibility is the caller's. */
export async function resolveOrderId(db: DbClient, ref: string): Promise<string> {
  if (!isOrderNumber(ref)) return ref;
  const row = await db.order.findUnique({ where: { number: ref.toUpperCase() }, select: { id: true } });
  return row?.id ?? ref;
}
