// Discount code arithmetic (decision 171), shared by the server (which alone decides what an
// order is charged) and the pages that explain it. Integer minor units only:
//  - a percentage is in basis points (1500 = 15%); the saving on the eligible subtotal is
//    floor(subtotal × bp / 10000): any fraction of a minor unit is the shopper's loss, never a
//    rounding up past the stated rate;
//  - a fixed amount saves min(amount, eligible subtotal): a code never makes goods negative;
//  - the saving is then shared out over the eligible lines in proportion to their totals by the
//    largest-remainder method (ties: the earlier line), so the lines add up to it exactly and each
//    line's share is at most its total (what a refund of that line can give back).

export type DiscountKind = "PERCENT" | "FIXED";

/** Why a code does not apply: each has its own message for the shopper. */
export type DiscountRefusal =
  | "UNKNOWN"
  | "INACTIVE"
  | "NOT_STARTED"
  | "EXPIRED"
  | "USED_UP"
  | "CUSTOMER_USED_UP"
  | "BELOW_MINIMUM"
  | "NOT_ELIGIBLE";

export const BASIS_POINTS = 10_000;

/** The saving of a percentage on an amount, rounded down. */
export function percentOf(amountMinor: number, percentBp: number): number {
  // amount ≤ MAX_ORDER_TOTAL_MINOR (far below 2^53 / 10^4): exact in a double.
  return Math.floor((amountMinor * percentBp) / BASIS_POINTS);
}

/** Splits `total` (at most the weights' sum) over `weights` in proportion, exactly (largest
 * remainder; ties to the earlier). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const left = total - shares.reduce((s, x) => s + x, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  // Fewer than weights.length units are left; with total ≤ sum no share passes its weight.
  for (const { i } of order.slice(0, left)) shares[i]! += 1;
  return shares;
}

/** The whole saving of a code on its eligible subtotal. */
export function discountFor(rule: { kind: DiscountKind; percentBp: number | null; amountMinor: number | null }, eligibleMinor: number): number {
  if (eligibleMinor <= 0) return 0;
  if (rule.kind === "PERCENT") return Math.min(eligibleMinor, percentOf(eligibleMinor, rule.percentBp ?? 0));
  return Math.min(eligibleMinor, rule.amountMinor ?? 0);
}

/** "15%" or "12.5%" from basis points. */
export function formatPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}%`;
}

/** A code as people type it: letters, digits, - and _ (matched case-insensitively). */
export const DISCOUNT_CODE_PATTERN = /^[A-Za-z0-9_-]{3,32}$/;
