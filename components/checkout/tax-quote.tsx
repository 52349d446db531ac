"use client";
// The checkout's tax quote (decision 192): asks `cart.taxQuote` for the cart, the destination the
// shopper chose (the same country and region the shipping quote follows) and each seller's chosen
// shipping price. The order works the tax out again when it is placed.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/client/trpc";

export function useTaxQuote(destination: { country: string; region: string }, shipping: readonly { storeId: string; amountMinor: number }[], cartVersion: string) {
  const trpc = useTRPC();
  const quote = useQuery({
    ...trpc.cart.taxQuote.queryOptions({ country: destination.country, region: destination.region, shipping: [...shipping] }, { enabled: destination.country !== "" }),
    placeholderData: keepPreviousData,
  });
  // The cart changed under the quote (a live price change, a line gone): ask again.
  const { refetch } = quote;
  const seen = useRef(cartVersion);
  useEffect(() => {
    if (seen.current === cartVersion) return;
    seen.current = cartVersion;
    if (destination.country) void refetch();
  }, [cartVersion, destination.country, refetch]);
  return destination.country ? quote : { ...quote, data: undefined };
}
