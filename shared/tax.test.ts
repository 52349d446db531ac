// The tax rules (decisions 190-191) as pure arithmetic: rates in millionths, per-line rounding
// half away from zero, exclusive and inclusive prices, shipping, zone matching.
import { describe, expect, it } from "vitest";
import { computeTax, formatTaxRate, isCountryCode, matchTaxRate, parseTaxRate, taxLabel, taxOf, ZCreateTaxRateInput } from "./tax";

const rate = (country: string, region: string, ratePpm: number, appliesToShipping = false, name = "Tax") => ({ country, region, name, ratePpm, appliesToShipping });

describe("tax arithmetic", () => {
  it("reads and writes rates as percentages with up to four decimals", () => {
    expect(parseTaxRate("8.875")).toBe(88_750);
    expect(parseTaxRate("19")).toBe(190_000);
    expect(parseTaxRate(" 7.25% ")).toBe(72_500);
    expect(parseTaxRate("0")).toBe(0);
    expect(parseTaxRate("100")).toBe(1_000_000);
    for (const bad of ["100.01", "-1", "8,875", "8.87501", "", "abc", "1e2"]) expect(parseTaxRate(bad)).toBeNull();
    expect(formatTaxRate(88_750)).toBe("8.875%");
    expect(formatTaxRate(190_000)).toBe("19%");
    expect(formatTaxRate(72_500)).toBe("7.25%");
    expect(taxLabel("VAT", 190_000, true)).toBe("incl. VAT 19%");
    expect(taxLabel("Sales tax", 88_750, false)).toBe("Sales tax 8.875%");
  });

  it("adds tax on exclusive prices, rounded half away from zero", () => {
    // 10.00 at 8.875% = 0.8875 -> 0.89
    expect(taxOf(1000, 88_750, false)).toBe(89);
    // 2.00 at 7.25% = 0.145 -> 0.15 (exactly half a cent: away from zero, not to even)
    expect(taxOf(200, 72_500, false)).toBe(15);
    // 0.06 at 7.25% = 0.435 -> 0.00 (below half)
    expect(taxOf(6, 72_500, false)).toBe(0);
    // 0.07 at 7.25% = 0.5075 -> 0.01
    expect(taxOf(7, 72_500, false)).toBe(1);
    expect(taxOf(0, 190_000, false)).toBe(0);
    expect(taxOf(1000, 0, false)).toBe(0);
  });

  it("takes the tax out of inclusive prices: net - round(net / (1 + rate))", () => {
    // 119.00 incl. 19% -> 100.00 + 19.00
    expect(taxOf(11_900, 190_000, true)).toBe(1_900);
    // 10.00 incl. 19%: 10 / 1.19 = 8.4033… -> 8.40, tax 1.60
    expect(taxOf(1000, 190_000, true)).toBe(160);
    // 0.01 incl. 19%: 0.0084 -> 0.01, tax 0
    expect(taxOf(1, 190_000, true)).toBe(0);
  });

  it("rounds per line, so several lines may differ from the rounded total", () => {
    // Three lines of 2.00 at 7.25%: 0.145 each -> 0.15 each = 0.45 (0.435 on the sum would round to 0.44).
    const r = computeTax(rate("US", "CA", 72_500), [200, 200, 200].map((t) => ({ totalMinor: t, discountMinor: 0, included: false })));
    expect(r.lines.map((l) => l.taxMinor)).toEqual([15, 15, 15]);
    expect(r).toMatchObject({ taxMinor: 45, addedMinor: 45, includedMinor: 0, shippingTaxMinor: 0 });
  });

  it("works in whole units for a 0-decimal currency (JPY)", () => {
    // ¥1,234 at 10% = 123.4 -> 123; ¥1,235 at 10% = 123.5 -> 124; ¥1,100 incl. 10% -> ¥100
    expect(taxOf(1234, 100_000, false)).toBe(123);
    expect(taxOf(1235, 100_000, false)).toBe(124);
    expect(taxOf(1100, 100_000, true)).toBe(100);
  });

  it("taxes the line's amount after its share of a discount code", () => {
    const r = computeTax(rate("DE", "", 190_000), [{ totalMinor: 10_000, discountMinor: 1_000, included: false }]);
    expect(r.lines[0]!.taxMinor).toBe(1_710);
  });

  it("mixes stores: exclusive lines add, inclusive lines are inside the price", () => {
    const r = computeTax(rate("DE", "", 190_000, false, "VAT"), [
      { totalMinor: 10_000, discountMinor: 0, included: false },
      { totalMinor: 11_900, discountMinor: 0, included: true },
    ]);
    expect(r).toMatchObject({ taxMinor: 3_800, addedMinor: 1_900, includedMinor: 1_900, rate: { name: "VAT", ratePpm: 190_000 } });
  });

  it("taxes shipping only when the rate applies to it, per shipping amount", () => {
    const lines = [{ totalMinor: 1000, discountMinor: 0, included: false }];
    const shipping = [
      { storeId: "a", amountMinor: 499, included: false },
      { storeId: "b", amountMinor: 595, included: true },
    ];
    expect(computeTax(rate("DE", "", 190_000, false), lines, shipping)).toMatchObject({ shippingTaxMinor: 0, taxMinor: 190 });
    // 4.99 × 19% = 0.9481 -> 0.95 added; 5.95 incl. 19% = 5.00 + 0.95 inside
    const taxed = computeTax(rate("DE", "", 190_000, true), lines, shipping);
    expect(taxed.shipping.map((s) => s.taxMinor)).toEqual([95, 95]);
    expect(taxed).toMatchObject({ shippingTaxMinor: 190, taxMinor: 380, addedMinor: 285, includedMinor: 95 });
  });

  it("without a rate there is no tax", () => {
    expect(computeTax(null, [{ totalMinor: 1000, discountMinor: 0, included: false }], [{ storeId: null, amountMinor: 499, included: false }])).toMatchObject({ rate: null, taxMinor: 0, addedMinor: 0 });
  });
});

describe("tax zones", () => {
  const rates = [rate("US", "", 10_000), rate("US", "CA", 72_500), rate("US", "New York", 88_750), rate("DE", "", 190_000)];
  it("prefers the region's rate to the country's, matching regions case-insensitively", () => {
    expect(matchTaxRate(rates, "US", "CA")?.ratePpm).toBe(72_500);
    expect(matchTaxRate(rates, "us", " ca ")?.ratePpm).toBe(72_500);
    expect(matchTaxRate(rates, "US", "new york")?.ratePpm).toBe(88_750);
    expect(matchTaxRate(rates, "US", "TX")?.ratePpm).toBe(10_000);
    expect(matchTaxRate(rates, "US", "")?.ratePpm).toBe(10_000);
    expect(matchTaxRate(rates, "DE", "Bayern")?.ratePpm).toBe(190_000);
  });
  it("answers no rate for a country without one, or no country", () => {
    expect(matchTaxRate(rates, "FR", "")).toBeNull();
    expect(matchTaxRate(rates, "", "CA")).toBeNull();
    expect(matchTaxRate([rate("CA", "ON", 130_000)], "CA", "QC")).toBeNull();
  });
  it("validates what admins enter", () => {
    expect(isCountryCode("DE")).toBe(true);
    expect(isCountryCode("ZZ")).toBe(false);
    expect(isCountryCode("XX")).toBe(false);
    expect(ZCreateTaxRateInput.parse({ country: " us ", region: " CA ", name: "Sales tax", rate: "7.25" })).toEqual({ country: "US", region: "CA", name: "Sales tax", rate: "7.25", appliesToShipping: false });
    expect(ZCreateTaxRateInput.safeParse({ country: "XX", name: "VAT", rate: "19" }).success).toBe(false);
    expect(ZCreateTaxRateInput.safeParse({ country: "DE", name: "", rate: "19" }).success).toBe(false);
    expect(ZCreateTaxRateInput.safeParse({ country: "DE", name: "VAT", rate: "101" }).success).toBe(false);
  });
});
