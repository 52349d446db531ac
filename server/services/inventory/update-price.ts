// A seller changes one variant's price. Seller edits of a product and its variants lock on
// Product.version (the version the form loaded): a save after someone else's is refused with
// what changed, never applied over it. Customers' purchases do not touch Product.version, so
// they never cause a conflict; Variant.version counts stock and price changes for live pages.
import "server-only";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { changePrice, liveState } from "./variant-change";
import { ZUpdatePriceInput, type TUpdatePriceInput } from "./schemas";

export async function updateVariantPrice(tx: Tx, actor: { userId: string; storeId: string }, raw: TUpdatePriceInput) {
  const input = ZUpdatePriceInput.parse(raw);
  const [product] = await tx.$queryRaw<{ id: string; version: number; priceMinor: number; compareAtMinor: number | null }[]>`
    SELECT p.id, p.version, v."priceMinor", v."compareAtMinor" FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
    WHERE v.id = ${input.variantId} AND p."storeId" = ${actor.storeId} AND p."deletedAt" IS NULL
    FOR UPDATE OF p`;
  if (!product) throw new AppError("NOT_FOUND", "Variant not found");
  if (product.version !== input.expectedVersion) {
    throw new AppError("VERSION_CONFLICT", "This product was changed by someone else since you loaded it. Reload to see their changes, then apply yours again.", {
      details: { currentVersion: product.version, expectedVersion: input.expectedVersion, currentPriceMinor: product.priceMinor },
    });
  }
  if (input.compareAtMinor != null && input.compareAtMinor <= input.priceMinor) {
    throw new AppError("VALIDATION", "The was price must be higher than the price (leave it empty when not on sale)", { fieldErrors: { compareAtMinor: ["The was price must be higher than the price"] } });
  }
  // A new price at or above the was price ends the sale: a struck-through price never shows
  // below (or equal to) the one charged.
  const keptCompareAt = input.compareAtMinor !== undefined ? input.compareAtMinor : product.compareAtMinor;
  const compareAtMinor = keptCompareAt !== null && keptCompareAt <= input.priceMinor ? null : keptCompareAt;
  const row = (await changePrice(
    tx,
    { variantId: input.variantId, priceMinor: input.priceMinor, ...(compareAtMinor !== product.compareAtMinor ? { compareAtMinor } : {}) },
    { actorId: actor.userId, storeId: actor.storeId },
  ))!;
  const updated = await tx.product.update({ where: { id: product.id }, data: { version: { increment: 1 } }, select: { version: true } });
  await recordAudit(tx, { actorId: actor.userId, action: "variant.price", entityType: "Variant", entityId: input.variantId, before: { priceMinor: row.previousPriceMinor, compareAtMinor: product.compareAtMinor }, after: { priceMinor: input.priceMinor, compareAtMinor } });
  return { variantId: row.variantId, productId: row.productId, priceMinor: row.priceMinor, compareAtMinor: row.compareAtMinor, version: row.version, productVersion: updated.version, live: liveState(row) };
}
