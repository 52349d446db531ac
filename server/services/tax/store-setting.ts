// A store's "prices include tax" setting (decision 191): the seller says whether the prices they
// enter already contain the destination's tax (then shown as "incl." and not added at checkout)
// or not (added on top, the default). Audited; orders already placed keep what they recorded.
import "server-only";
import { z } from "zod";
import type { DbClient, Tx } from "@/server/db/transaction";
import { recordAudit } from "@/server/services/audit/record-audit";

export const ZStoreTaxSettings = z.object({ pricesIncludeTax: z.boolean() });

export async function storeTaxSettings(db: DbClient, storeId: string): Promise<{ pricesIncludeTax: boolean }> {
  const s = await db.store.findUniqueOrThrow({ where: { id: storeId }, select: { pricesIncludeTax: true } });
  return { pricesIncludeTax: s.pricesIncludeTax };
}

export async function setStoreTaxSettings(tx: Tx, actorId: string, storeId: string, input: unknown): Promise<{ pricesIncludeTax: boolean }> {
  const { pricesIncludeTax } = ZStoreTaxSettings.parse(input);
  const before = await storeTaxSettings(tx, storeId);
  if (before.pricesIncludeTax === pricesIncludeTax) return before;
  await tx.store.update({ where: { id: storeId }, data: { pricesIncludeTax } });
  await recordAudit(tx, { actorId, action: "store.tax", entityType: "Store", entityId: storeId, before, after: { pricesIncludeTax } });
  return { pricesIncludeTax };
}
