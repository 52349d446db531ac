// Counting helpers for the business series, so each counting site is one line.
import "server-only";
import { toAppError } from "@/server/errors";
import { metrics, type OrderSourceLabel } from "./metrics";

/**
 * Runs an order placement (its whole transaction) and counts it once it is over: placed (by
 * source) when it committed and was not a replay of an earlier checkout, refused (by the error
 * code: INSUFFICIENT_STOCK, PAYMENT_DECLINED, VALIDATION, …) when it threw.
 */
export async function countedOrder<T extends { replayed?: boolean }>(source: OrderSourceLabel, place: () => Promise<T>): Promise<T> {
  try {
    const placed = await place();
    if (!placed.replayed) metrics.ordersPlaced.inc({ source });
    return placed;
  } catch (err) {
    metrics.ordersRefused.inc({ reason: toAppError(err).code });
    throw err;
  }
}

/** Variants a stock change brought from some stock to none (variant-change.ts calls it after the
 * change's transaction committed: a rolled-back change is not counted). */
export function countStockOuts(rows: readonly { stock: number; delta?: number | null }[]): void {
  let n = 0;
  for (const r of rows) if (r.stock === 0 && (r.delta ?? 0) < 0) n++;
  if (n > 0) metrics.stockOuts.inc(n);
}
