// What a cart line needs the shopper's attention for, and the cart's totals: computed by the
// server when it reads the cart and again in the browser when a live stock or price event
// patches a cached cart, from the same rules.

/** "sold-out": none left (the line cannot be bought at all: remove it); "insufficient-stock":
 * fewer left than the line asks for (lower the quantity). */
export type CartLineProblem = "unavailable" | "sold-out" | "insufficient-stock" | "price-changed";

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
  else if (l.stock <= 0) problems.push("sold-out");
  else if (l.stock < l.quantity) problems.push("insufficient-stock");
  if (l.priceMinor !== l.priceMinorAdded) problems.push("price-changed");
  return problems;
}

/** A line that cannot be bought at all (sold out, or no longer on sale): shown, not counted. */
export function lineCannotBeBought(problems: readonly CartLineProblem[]): boolean {
  return problems.includes("sold-out") || problems.includes("unavailable");
}

export function cartTotals(lines: readonly { quantity: number; lineTotalMinor: number; problems: readonly CartLineProblem[] }[]) {
  const counted = lines.filter((l) => !lineCannotBeBought(l.problems));
  return {
    /** Every unit in the cart (the header's count). */
    itemCount: lines.reduce((s, l) => s + l.quantity, 0),
    /** Units of the lines that can be bought, which the subtotal adds up. */
    countedItemCount: counted.reduce((s, l) => s + l.quantity, 0),
    subtotalMinor: counted.reduce((s, l) => s + l.lineTotalMinor, 0),
    /** Checkout is possible only when nothing needs the shopper's attention. */
    ready: lines.length > 0 && lines.every((l) => l.problems.length === 0),
  };
}
