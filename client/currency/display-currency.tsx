"use client";
// The shopper's display currency and the admin-kept rates (docs/decisions.md 181), given by the
// root layout from the lm_currency cookie, so the server's HTML and the browser's agree.
import { createContext, useContext } from "react";
import { SHOP_CURRENCY } from "@/shared/currency";
import type { Rates } from "@/shared/money";

export interface DisplayCurrency {
  /** what prices are shown in: the shop's currency unless the shopper chose another */
  display: string;
  rates: Rates;
}

const Ctx = createContext<DisplayCurrency>({ display: SHOP_CURRENCY, rates: { base: SHOP_CURRENCY, micros: {} } });

export function DisplayCurrencyProvider({ value, children }: { value: DisplayCurrency; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useDisplayCurrency(): DisplayCurrency {
  return useContext(Ctx);
}
