// Seller stock changes go through the ledger (server/services/inventory/variant-change.ts: one
// conditional UPDATE, never read-then-write, with its movement row and stock event) plus an
// audit entry, in the caller's transaction.
import "server-only";
import type { z } from "zod";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { VariantLive } from "@/shared/events";
import { changeStock, liveState } from "./variant-change";
import { ZAdjustStockInput, ZMovementsInput, type TAdjustStockInput } from "./schemas";

export interface StockAdjusted {
  variantId: string;
  productId: string;
  stock: number;
  version: number;
  movementId: string;
  /** The variant's live state after the change, for the caller's cache (same shape as events). */
  live: VariantLive;
}

export async function adjustStock(tx: Tx, actor: { userId: string; storeId: string }, raw: TAdjustStockInput): Promise<StockAdjusted> {
  const input = ZAdjustStockInput.parse(raw);
  const expected = input.expectedStock;
  const row = await changeStock(
    tx,
    { variantId: input.variantId, delta: input.delta, expectedStock: expected },
    { reason: input.reason, note: input.note, actorId: actor.userId, storeId: actor.storeId, products: "not-deleted" },
  );
  if (!row) {
    const current = await tx.variant.findFirst({
      where: { id: input.variantId, product: { storeId: actor.storeId, deletedAt: null } },
      select: { id: true, productId: true, stock: true, lowStockThreshold: true, priceMinor: true, currency: true, version: true },
    });
    // Another store's variant answers exactly like a missing one.
    if (!current) throw new AppError("NOT_FOUND", "Variant not found");
    if (expected !== undefined && current.stock !== expected) {
      const { id: variantId, ...rest } = current;
      const live: VariantLive = { ...rest, variantId, storeId: actor.storeId };
      throw new AppError("VERSION_CONFLICT", `Stock changed to ${current.stock} since you loaded it (you saw ${expected}).`, {
        details: { currentStock: current.stock, expectedStock: expected, live },
      });
    }
    throw new AppError("VALIDATION", `Stock cannot go below 0: there are ${current.stock} in stock.`, {
      fieldErrors: { delta: [`At most ${current.stock} can be removed`] },
      details: { currentStock: current.stock },
    });
  }
  await recordAudit(tx, { actorId: actor.userId, action: "inventory.adjust", entityType: "Variant", entityId: row.variantId, before: { stock: row.previousStock }, after: { stock: row.stock, reason: input.reason, note: input.note } });
  return { variantId: row.variantId, productId: row.productId, stock: row.stock, version: row.version, movementId: row.movementId!, live: liveState(row) };
}

/** A variant's ledger, newest first, with who made each change. */
export async function listMovements(db: DbClient, storeId: string, raw: z.input<typeof ZMovementsInput>) {
  const input = ZMovementsInput.parse(raw);
  const variant = await db.variant.findFirst({
    where: { id: input.variantId, product: { storeId } },
    select: { id: true, sku: true, title: true, stock: true, product: { select: { id: true, title: true } } },
  });
  if (!variant) throw new AppError("NOT_FOUND", "Variant not found");
  const rows = await db.inventoryMovement.findMany({
    where: { variantId: input.variantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      delta: true,
      stockAfter: true,
      reason: true,
      note: true,
      orderId: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { variant, items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}
