"use client";
// The checkout's tax quote (decision 192): follows the address's country and region as the shopper
// fills them in (read from the form's change events, so the address fields stay as they are) and
// asks `cart.taxQuote` for the cart, that destination and the delivery cost chosen. The order works
// the tax out again when it is placed.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { DEFAULT_COUNTRY } from "@/shared/countries";

/** How long the region may be typing before the quote is asked again. */
const TYPING_MS = 300;

export function useTaxQuote(defaults: { country?: string; region?: string }, shippingMinor: number, cartVersion: string) {
  const trpc = useTRPC();
  const [destination, setDestination] = useState({ country: (defaults.country ?? DEFAULT_COUNTRY).toUpperCase(), region: defaults.region ?? "" });
  const [typed, setTyped] = useState(destination);
  useEffect(() => {
    if (typed.country === destination.country && typed.region === destination.region) return;
    // A country is picked at once; a region settles first.
    const t = setTimeout(() => setDestination(typed), typed.country !== destination.country ? 0 : TYPING_MS);
    return () => clearTimeout(t);
  }, [typed, destination]);
  const quote = useQuery({
    ...trpc.cart.taxQuote.queryOptions({ country: destination.country, region: destination.region, shippingMinor }, { enabled: destination.country !== "" }),
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
  const onAddressChange = (e: React.FormEvent<HTMLFormElement>) => {
    const el = e.target as HTMLInputElement | HTMLSelectElement;
    if (el.name === "country") setTyped((d) => ({ ...d, country: el.value.trim().toUpperCase() }));
    else if (el.name === "region") setTyped((d) => ({ ...d, region: el.value }));
  };
  return { quote: destination.country ? quote : { ...quote, data: undefined }, destination, onAddressChange };
}
