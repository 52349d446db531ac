import { describe, expect, it } from "vitest";
import { convertMinor, currencyDecimals, formatMajor, formatMoney, formatRate, isKnownCurrency, parseMoney, parseRate, type Rates } from "./money";

const rates: Rates = { base: "USD", micros: { EUR: 920_000, JPY: 155_500_000, KWD: 307_000 } };

describe("money in each currency's own decimals", () => {
  it("knows how many decimals a currency's minor unit has", () => {
    expect(currencyDecimals("USD")).toBe(2);
    expect(currencyDecimals("EUR")).toBe(2);
    expect(currencyDecimals("JPY")).toBe(0);
    expect(currencyDecimals("KWD")).toBe(3);
  });

  it("formats JPY's minor units as whole yen, and USD's as cents", () => {
    expect(formatMoney(1299, "USD")).toBe("$12.99");
    expect(formatMoney(1299, "JPY")).toBe("¥1,299");
    expect(formatMoney(1299, "KWD")).toBe("KWD\u00a01.299");
    expect(formatMoney(1195, "EUR", "de-DE")).toBe("11,95\u00a0€");
  });

  it("parses and writes amounts with the currency's decimals; JPY takes whole numbers only", () => {
    expect(parseMoney("12.5")).toBe(1250);
    expect(parseMoney("1299", 0)).toBe(1299);
    expect(parseMoney("12.5", 0)).toBeNull();
    expect(parseMoney("1.299", 3)).toBe(1299);
    expect(parseMoney("1.2999", 3)).toBeNull();
    expect(formatMajor(1299, 0)).toBe("1299");
    expect(formatMajor(1299, 3)).toBe("1.299");
    expect(formatMajor(-5)).toBe("-0.05");
    for (const d of [0, 2, 3]) for (const n of [0, 1, 7, 1299, 100000]) expect(parseMoney(formatMajor(n, d), d)).toBe(n);
  });

  it("knows real currency codes only", () => {
    expect(isKnownCurrency("EUR")).toBe(true);
    expect(isKnownCurrency("eur")).toBe(false);
    expect(isKnownCurrency("XYZ")).toBe(false);
    expect(isKnownCurrency("EURO")).toBe(false);
  });
});

describe("display estimates from admin rates", () => {
  it("reads and writes rates as decimals with up to six places, positive only", () => {
    expect(parseRate("0.92")).toBe(920_000);
    expect(parseRate("155.5")).toBe(155_500_000);
    expect(parseRate("0")).toBeNull();
    expect(parseRate("1.0000001")).toBeNull();
    expect(parseRate("-1")).toBeNull();
    expect(parseRate("1e3")).toBeNull();
    expect(formatRate(920_000)).toBe("0.92");
    expect(formatRate(155_500_000)).toBe("155.5");
    expect(formatRate(1_000_000)).toBe("1");
  });

  it("converts exactly, rounding once to the target's minor unit", () => {
    expect(convertMinor(1299, "USD", "EUR", rates)).toBe(1195); // 11.9508 EUR
    expect(convertMinor(1299, "USD", "JPY", rates)).toBe(2020); // 2019.945 yen
    expect(convertMinor(1299, "USD", "KWD", rates)).toBe(3988); // 3.98793 KWD
    expect(convertMinor(2020, "JPY", "USD", rates)).toBe(1299); // 12.990353 USD
    expect(convertMinor(1195, "EUR", "JPY", rates)).toBe(2020); // via the base: 2019.8 yen
    expect(convertMinor(50, "USD", "USD", rates)).toBe(50);
    expect(convertMinor(-1299, "USD", "EUR", rates)).toBe(-1195);
  });

  it("rounds half away from zero", () => {
    const half: Rates = { base: "USD", micros: { EUR: 500_000 } };
    expect(convertMinor(1, "USD", "EUR", half)).toBe(1); // 0.5 cent
    expect(convertMinor(3, "USD", "EUR", half)).toBe(2); // 1.5 cents
    expect(convertMinor(-3, "USD", "EUR", half)).toBe(-2);
  });

  it("gives no estimate without a rate", () => {
    expect(convertMinor(1299, "USD", "GBP", rates)).toBeNull();
  });
});
