// The dashboard chart's axis labels are written the same by the server (Node) and the browser
// (Chromium): Intl's compact notation is not (Node's ICU wrote "$10.0" where Chromium writes
// "$10"), which made React throw #418 on a new seller's dashboard.
import { describe, expect, it } from "vitest";
import { compactMoney } from "@/components/seller/dashboard/revenue-chart";

describe("chart axis money", () => {
  it("drops a trailing .0, keeps one decimal, and scales to K and M", () => {
    expect([0, 1000, 1250, 4000, 25_000, 150_000, 1_234_567, 250_000_000, -1000].map((m) => compactMoney(m, "USD"))).toEqual([
      "$0",
      "$10",
      "$12.5",
      "$40",
      "$250",
      "$1.5K",
      "$12.3K",
      "$2.5M",
      "-$10",
    ]);
    expect(compactMoney(150_000, "EUR")).toBe("€1.5K");
  });
});
