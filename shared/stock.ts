// Stock rules shared by the server, the event contract and the browser: how many of one item a
// line may hold, the reasons a stock change may carry, the in-stock / low / out levels and when
// a change should alert the seller.
import { z } from "zod";
import { enumLabels } from "./labels";

/** At most this many units of one variant in a cart line or an order line. */
export const MAX_LINE_QUANTITY = 99;
export const MAX_LINE_QUANTITY_MESSAGE = `At most ${MAX_LINE_QUANTITY} of one item`;
/** The quantity of a cart or order line. */
export const ZLineQuantity = z
  .number()
  .int("Quantity must be a whole number")
  .min(1, "Quantity must be at least 1")
  .max(MAX_LINE_QUANTITY, MAX_LINE_QUANTITY_MESSAGE);

/** Why stock changed: every ledger row and stock event carries one (prisma enum StockReason). */
export const STOCK_REASONS = ["ORDER", "CANCEL", "RESTOCK", "CORRECTION", "DAMAGE", "IMPORT", "EXTERNAL_ORDER", "RESERVATION_RELEASED"] as const;
export type StockReason = (typeof STOCK_REASONS)[number];
/** Reasons a seller may give; the others (ORDER, CANCEL, IMPORT, EXTERNAL_ORDER,
 * RESERVATION_RELEASED: a card checkout's reserved units back after its payment failed) are
 * written by the system. */
export const SELLER_STOCK_REASONS = ["RESTOCK", "CORRECTION", "DAMAGE"] as const satisfies readonly StockReason[];
export type SellerStockReason = (typeof SELLER_STOCK_REASONS)[number];

export const STOCK_REASON_LABEL = enumLabels(STOCK_REASONS, { CANCEL: "Order cancelled", RESERVATION_RELEASED: "Unpaid checkout released" });

export type StockState = "in-stock" | "low" | "out";

export function stockState(stock: number, lowStockThreshold: number): StockState {
  if (stock <= 0) return "out";
  if (stock <= lowStockThreshold) return "low";
  return "in-stock";
}

export function stockLabel(stock: number, lowStockThreshold: number): string {
  const s = stockState(stock, lowStockThreshold);
  return s === "out" ? "Out of stock" : s === "low" ? `Only ${stock} left` : "In stock";
}

export interface StockMove {
  stock: number;
  lowStockThreshold: number;
  /** Units added (+) or removed (-); 0 when unknown. */
  delta: number;
}

/** The state before the change, or null when the event does not say (delta 0). */
function stateBefore(e: StockMove): StockState | null {
  if (e.delta === 0) return null;
  return stockState(e.stock - e.delta, e.lowStockThreshold);
}

/** "out" when the variant has just sold out, "low" when it has just fallen to its threshold or
 * below from above it, else null (already low, going up, or unknown). */
export function stockAlertFor(e: StockMove): "low" | "out" | null {
  const before = stateBefore(e);
  const after = stockState(e.stock, e.lowStockThreshold);
  if (before === null || before === after) return null;
  if (after === "out") return "out";
  if (after === "low" && before === "in-stock") return "low";
  return null;
}

/** True when the change moves the variant between in stock / low / out in either direction, so
 * the dashboard's low-stock and out-of-stock lists (and counts) are no longer right. */
export function crossesStockLevel(e: StockMove): boolean {
  const before = stateBefore(e);
  return before !== null && before !== stockState(e.stock, e.lowStockThreshold);
}

export function stockAlertText(kind: "low" | "out", sku: string, stock: number): string {
  return kind === "out" ? `Out of stock: ${sku}` : `Low stock: ${sku} has ${stock} left`;
}
