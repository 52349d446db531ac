// When a stock event should alert the seller or change the dashboard's lists. Plain module (no
// server imports): the browser's notifications and dashboard use it.

export type StockLevel = "ok" | "low" | "out";

export interface StockMove {
  stock: number;
  lowStockThreshold: number;
  /** Units added (+) or removed (-); 0 when unknown. */
  delta: number;
}

export function stockLevel(stock: number, lowStockThreshold: number): StockLevel {
  if (stock <= 0) return "out";
  if (stock <= lowStockThreshold) return "low";
  return "ok";
}

/** The level before the change, or null when the event does not say (delta 0). */
function levelBefore(e: StockMove): StockLevel | null {
  if (e.delta === 0) return null;
  return stockLevel(e.stock - e.delta, e.lowStockThreshold);
}

/** "out" when the variant has just sold out, "low" when it has just fallen to its threshold or
 * below from above it, else null (already low, going up, or unknown). */
export function stockAlertFor(e: StockMove): "low" | "out" | null {
  const before = levelBefore(e);
  const after = stockLevel(e.stock, e.lowStockThreshold);
  if (before === null || before === after) return null;
  if (after === "out") return "out";
  if (after === "low" && before === "ok") return "low";
  return null;
}

/** True when the change moves the variant between ok / low / out in either direction, so the
 * dashboard's low-stock and out-of-stock lists (and counts) are no longer right. */
export function crossesStockLevel(e: StockMove): boolean {
  const before = levelBefore(e);
  return before !== null && before !== stockLevel(e.stock, e.lowStockThreshold);
}

export function stockAlertText(kind: "low" | "out", sku: string, stock: number): string {
  return kind === "out" ? `Out of stock: ${sku}` : `Low stock: ${sku} has ${stock} left`;
}
