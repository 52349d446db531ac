import { describe, expect, it } from "vitest";
import { crossesStockLevel, stockAlertFor, stockAlertText } from "./stock";

const ev = (before: number, after: number, lowStockThreshold = 5) => ({ stock: after, delta: after - before, lowStockThreshold });

describe("stock alerts", () => {
  it("alerts once when stock falls to the threshold or below from above it", () => {
    expect(stockAlertFor(ev(6, 5))).toBe("low");
    expect(stockAlertFor(ev(9, 3))).toBe("low");
    expect(stockAlertFor(ev(5, 4))).toBeNull(); // already low
    expect(stockAlertFor(ev(7, 6))).toBeNull(); // still above
  });
  it("alerts when stock reaches zero, from any level", () => {
    expect(stockAlertFor(ev(1, 0))).toBe("out");
    expect(stockAlertFor(ev(20, 0))).toBe("out");
    expect(stockAlertFor(ev(0, 0))).toBeNull();
  });
  it("never alerts on restocks or when the change is unknown", () => {
    expect(stockAlertFor(ev(0, 3))).toBeNull();
    expect(stockAlertFor(ev(3, 10))).toBeNull();
    expect(stockAlertFor({ stock: 2, delta: 0, lowStockThreshold: 5 })).toBeNull();
  });
  it("says when the dashboard's lists change, in either direction", () => {
    expect(crossesStockLevel(ev(6, 5))).toBe(true);
    expect(crossesStockLevel(ev(3, 8))).toBe(true);
    expect(crossesStockLevel(ev(0, 2))).toBe(true);
    expect(crossesStockLevel(ev(4, 3))).toBe(false);
    expect(crossesStockLevel(ev(30, 20))).toBe(false);
  });
  it("words the alert with the sku", () => {
    expect(stockAlertText("low", "NW-1", 3)).toBe("Low stock: NW-1 has 3 left");
    expect(stockAlertText("out", "NW-1", 0)).toBe("Out of stock: NW-1");
  });
});
