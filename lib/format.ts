const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units to a localised price, e.g. 1299 USD -> "$12.99". */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const key = `${locale}:${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, f);
  }
  return f.format(minor / 100);
}

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
