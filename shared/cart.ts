// What a cart line needs the shopper's attention for, and the cart's totals: computed by the
// server when it reads the cart and again in the browser when a live stock or price event
// patches a cached cart, from the same rules.

export type CartLineProblem = "unavailable" | "insufficient-stock" | "price-changed";

export interface CartLineState {
  /** The product is on sale (active, not deleted). */
  available: boolean;
  stock: number;
  quantity: number;
  priceMinor: number;
  /** The price when the shopper added the line. */
  priceMinorAdded: number;
}

export function cartLineProblems(l: CartLineState): CartLineProblem[] {
  const problems: CartLineProblem[] = [];
  if (!l.available) problems.push("unavailable");
  else if (l.stock < l.quantity) problems.push("insufficient-stock");
  if (l.priceMinor !== l.priceMinorAdded) problems.push("price-changed");
  return problems;
}

export function cartTotals(lines: readonly { quantity: number; lineTotalMinor: number; problems: readonly CartLineProblem[] }[]) {
  return {
    itemCount: lines.reduce((s, l) => s + l.quantity, 0),
    subtotalMinor: lines.reduce((s, l) => s + l.lineTotalMinor, 0),
    /** Checkout is possible only when nothing needs the shopper's attention. */
    ready: lines.length > 0 && lines.every((l) => l.problems.length === 0),
  };
}
