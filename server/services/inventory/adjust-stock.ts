// Seller stock changes go through the ledger: one conditional UPDATE (never read-then-write),
// a movement row with who/why, an audit entry and an outbox event, all in one transaction.
import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { recordEvents, stockChanged, variantLive, type VariantLiveRow } from "@/server/services/outbox/record-event";
import { ZAdjustStockInput, ZMovementsInput, type TAdjustStockInput } from "./schemas";
import type { z } from "zod";

export interface StockAdjusted {
  variantId: string;
  productId: string;
  stock: number;
  version: number;
  movementId: string;
}

export async function adjustStock(db: Db, actor: { userId: string; storeId: string }, raw: TAdjustStockInput): Promise<StockAdjusted> {
  const input = ZAdjustStockInput.parse(raw);
  return db.$transaction(
    async (tx) => {
      const expected = input.expectedStock ?? null;
      const [row] = await tx.$queryRaw<VariantLiveRow[]>`
        UPDATE "Variant" v
        SET stock = v.stock + ${input.delta}, version = v.version + 1, "updatedAt" = now()
        FROM "Product" p
        WHERE v.id = ${input.variantId} AND p.id = v."productId" AND p."storeId" = ${actor.storeId} AND p."deletedAt" IS NULL
          AND v.stock + ${input.delta} >= 0
          AND (${expected}::int IS NULL OR v.stock = ${expected}::int)
        RETURNING v.id, v."productId", p."storeId", v.stock, v."lowStockThreshold", v."priceMinor", v.currency, v.version`;
      if (!row) {
        const current = await tx.variant.findFirst({
          where: { id: input.variantId, product: { storeId: actor.storeId, deletedAt: null } },
          select: { stock: true },
        });
        // Another store's variant answers exactly like a missing one.
        if (!current) throw new AppError("NOT_FOUND", "Variant not found");
        if (expected !== null && current.stock !== expected) {
          throw new AppError("VERSION_CONFLICT", `Stock changed to ${current.stock} since you loaded it (you saw ${expected}).`, {
            details: { currentStock: current.stock, expectedStock: expected },
          });
        }
        throw new AppError("VALIDATION", `Stock cannot go below 0: there are ${current.stock} in stock.`, {
          fieldErrors: { delta: [`At most ${current.stock} can be removed`] },
          details: { currentStock: current.stock },
        });
      }
      const movement = await tx.inventoryMovement.create({
        data: { variantId: row.id, delta: input.delta, stockAfter: row.stock, reason: input.reason, note: input.note, actorId: actor.userId },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "inventory.adjust",
        entityType: "Variant",
        entityId: row.id,
        before: { stock: row.stock - input.delta },
        after: { stock: row.stock, reason: input.reason, note: input.note },
      });
      await recordEvents(tx, [stockChanged(variantLive(row), input.delta, input.reason)]);
      return { variantId: row.id, productId: row.productId, stock: row.stock, version: row.version, movementId: movement.id };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** A variant's ledger, newest first, with who made each change. */
export async function listMovements(db: Db, storeId: string, raw: z.input<typeof ZMovementsInput>) {
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
