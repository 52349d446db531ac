"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { formatMoney } from "@/shared/money";
import { ChargedEstimate } from "@/components/ui/price";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { countryChoices, DEFAULT_COUNTRY } from "@/shared/countries";
import { LineTax, OrderTotals } from "@/components/orders/order-totals";
import { useTaxQuote } from "./tax-quote";
import { DiscountCode } from "@/components/cart/discount-code";
import { useLiveInventory } from "@/client/live/live-provider";
import { CheckoutStockWarning, LineProblem } from "./checkout-stock";
import { ErrorSummary, type SummaryError } from "@/components/ui/error-summary";
import { parseForm } from "@/client/trpc-errors";
import { ZDeliveryAddress } from "@/shared/address";

/** What the form starts with: the account's name and email, and its default address (if any). */
export interface CheckoutDefaults {
  name: string;
  email: string;
  phone?: string;
  address?: string;
  city?: string;
  zip?: string;
  region?: string;
  country?: string;
}

/** The checkout's fields in page order: error key -> the input's id. */
const FIELD_IDS: [key: string, id: string][] = [
  ["delivery.name", "checkout-name"],
  ["delivery.phone", "checkout-phone"],
  ["delivery.email", "checkout-email"],
  ["delivery.address", "checkout-address"],
  ["delivery.city", "checkout-city"],
  ["delivery.zip", "checkout-zip"],
  ["delivery.region", "checkout-region"],
  ["delivery.country", "checkout-country"],
  ["payment.cardNumber", "checkout-card-number"],
  ["payment.expiry", "checkout-expiry"],
  ["payment.cvc", "checkout-cvc"],
];

function newKey(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** `guest`: no account; the order is placed as a guest's (orders.placeAsGuest) and the shopper is
 * taken to its signed link. */
export function CheckoutForm({ defaults, guest = false }: { defaults: CheckoutDefaults; guest?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // Fresh on mount (as the cart page), then live: a sale or a seller's change elsewhere patches
  // the lines, their problems and the totals at once (client/live/apply-live-event.ts).
  const { data: cart } = useSuspenseQuery({ ...trpc.cart.get.queryOptions(), refetchOnMount: "always" });
  useLiveInventory(cart.lines.map((l) => l.productId));
  const { data: options } = useSuspenseQuery(trpc.orders.deliveryOptions.queryOptions());
  const [deliveryService, setDeliveryService] = useState<string>(options[0]!.code);
  const [method, setMethod] = useState<"card" | "cod">("card");
  // One key per attempt: a double click or a retry after a timeout repeats the same attempt.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const place = useMutation(trpc.orders.place.mutationOptions());
  const placeAsGuest = useMutation(trpc.orders.placeAsGuest.mutationOptions());
  const discountShown = cart.discount?.applied ? cart.discount.discountMinor : 0;
  const shippingShown = (options.find((o) => o.code === deliveryService) ?? options[0]!).costMinor;
  const { quote: taxQuote, destination, onAddressChange } = useTaxQuote(defaults, shippingShown, `${cart.subtotalMinor}:${discountShown}:${cart.lines.length}`);

  if (cart.lines.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
        Your cart is empty. <Link href="/" className="text-brand-700 underline">Continue shopping</Link>.
      </p>
    );
  }
  const delivery = options.find((o) => o.code === deliveryService) ?? options[0]!;
  // A code's saving as the server worked it out (the order is worked out again when placed).
  const discountMinor = cart.discount?.applied ? cart.discount.discountMinor : 0;
  // Tax for the address as chosen so far (tax-quote.ts): the part not in the prices is added.
  const total = cart.subtotalMinor - discountMinor + delivery.costMinor + (taxQuote.data?.addedMinor ?? 0);
  const lineTax = new Map((taxQuote.data?.lines ?? []).map((l) => [l.variantId, l]));

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "");
    setErrors({});
    setFormError(null);
    const delivery = {
      name: get("name"),
      phone: get("phone"),
      email: get("email"),
      address: get("address"),
      city: get("city"),
      zip: get("zip"),
      region: get("region"),
      country: get("country"),
    };
    // The address is checked here with the server's own schema: the shopper learns at once.
    const local = parseForm(ZDeliveryAddress, delivery);
    if (local.fieldErrors) {
      setErrors(Object.fromEntries(Object.entries(local.fieldErrors).map(([k, v]) => [`delivery.${k}`, v])));
      setAttempt((n) => n + 1);
      return;
    }
    try {
      const input = {
        idempotencyKey,
        delivery,
        deliveryService: deliveryService as "standard",
        payment: method === "card" ? { method: "card" as const, cardNumber: get("cardNumber"), expiry: get("expiry"), cvc: get("cvc") } : { method: "cod" as const },
        // The cart's code goes with the order; if it no longer applies the order is refused with
        // the reason, never placed without it.
        discountCode: cart.discount?.code,
      };
      const target = guest ? `${(await placeAsGuest.mutateAsync(input)).link}?placed=1` : `/orders/${(await place.mutateAsync(input)).number}?placed=1`;
      await queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
      router.push(target);
    } catch (err) {
      const d = describeError(err);
      setErrors(d.fieldErrors);
      setFormError(Object.keys(d.fieldErrors).length > 0 ? null : d.message);
      setAttempt((n) => n + 1);
      // A refused attempt created nothing; the next one is a new attempt.
      setIdempotencyKey(newKey());
      if (d.fieldErrors.discountCode) setFormError(d.fieldErrors.discountCode);
      if (d.appCode === "INSUFFICIENT_STOCK" || d.fieldErrors.discountCode) await queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
    }
  }

  const err = (k: string) => errors[`delivery.${k}`];
  const summary: SummaryError[] = FIELD_IDS.flatMap(([k, fieldId]) => (errors[k] ? [{ fieldId, message: errors[k] }] : []));
  const pending = place.isPending || placeAsGuest.isPending;
  return (
    <form onSubmit={onSubmit} onChange={onAddressChange} noValidate className="grid gap-8 lg:grid-cols-[1fr_22rem]" aria-label="Checkout">
      <div className="flex flex-col gap-6">
        <ErrorSummary errors={summary} attempt={attempt} />
        {formError ? <Alert>{formError}</Alert> : null}
        <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
          <legend className="px-1 font-semibold">Delivery address</legend>
          <Field id="checkout-name" label="Full name" name="name" autoComplete="name" defaultValue={defaults.name} error={err("name")} required />
          <Field id="checkout-phone" label="Phone" name="phone" type="tel" autoComplete="tel" defaultValue={defaults.phone} error={err("phone")} required />
          <Field
            id="checkout-email"
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={defaults.email}
            hint={guest ? "We send your confirmation and a link to follow your order here" : undefined}
            error={err("email")}
            required
          />
          <Field id="checkout-address" label="Street address" name="address" autoComplete="street-address" defaultValue={defaults.address} error={err("address")} required />
          <Field id="checkout-city" label="City" name="city" autoComplete="address-level2" defaultValue={defaults.city} error={err("city")} required />
          <Field id="checkout-zip" label="Postcode" name="zip" autoComplete="postal-code" defaultValue={defaults.zip} error={err("zip")} required />
          <Field id="checkout-region" label="Region or state" name="region" autoComplete="address-level1" defaultValue={defaults.region} error={err("region")} />
          <SelectField
            id="checkout-country"
            label="Country"
            name="country"
            autoComplete="country"
            defaultValue={defaults.country ?? DEFAULT_COUNTRY}
            error={err("country")}
            choices={countryChoices()}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            required
          />
        </fieldset>
        <fieldset className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">Delivery</legend>
          {options.map((o) => (
            <label key={o.code} className="flex items-center gap-3">
              <input type="radio" name="deliveryService" value={o.code} checked={deliveryService === o.code} onChange={() => setDeliveryService(o.code)} />
              <span className="flex-1">{o.name}</span>
              <span>{formatMoney(o.costMinor, cart.currency)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">Payment</legend>
          <label className="flex items-center gap-3">
            <input type="radio" name="method" value="card" checked={method === "card"} onChange={() => setMethod("card")} />
            Card
          </label>
          {method === "card" ? (
            <div className="grid gap-4 pl-7 sm:grid-cols-3">
              <div className="sm:col-span-3">
                <Field
                  id="checkout-card-number"
                  label="Card number"
                  name="cardNumber"
                  inputMode="numeric"
                  autoComplete="cc-number"
                  hint="Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined"
                  error={errors["payment.cardNumber"]}
                  required
                />
              </div>
              <Field id="checkout-expiry" label="Expiry (MM/YY)" name="expiry" autoComplete="cc-exp" placeholder="12/30" error={errors["payment.expiry"]} required />
              <Field id="checkout-cvc" label="Security code" name="cvc" inputMode="numeric" autoComplete="cc-csc" error={errors["payment.cvc"]} required />
            </div>
          ) : null}
          <label className="flex items-center gap-3">
            <input type="radio" name="method" value="cod" checked={method === "cod"} onChange={() => setMethod("cod")} />
            Pay on delivery
          </label>
        </fieldset>
      </div>
      <aside className="flex h-fit flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Order summary">
        <h2 className="font-semibold">Your order</h2>
        <ul className="flex flex-col gap-2 text-sm">
          {cart.lines.map((l) => (
            <li key={l.variantId} className="flex justify-between gap-2">
              <span>
                {l.quantity} × {l.title} <span className="text-slate-500">({l.variantTitle})</span>
              </span>
              <span className="text-right">
                <LineProblem line={l} />
                {lineTax.get(l.variantId) && taxQuote.data?.rate ? (
                  <LineTax taxMinor={lineTax.get(l.variantId)!.taxMinor} included={lineTax.get(l.variantId)!.included} ratePpm={taxQuote.data.rate.ratePpm} name={taxQuote.data.rate.name} currency={cart.currency} />
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        <DiscountCode discount={cart.discount} currency={cart.currency} />
        <OrderTotals
          className="pt-3"
          currency={cart.currency}
          subtotalMinor={cart.subtotalMinor}
          discountMinor={discountMinor}
          discountCode={cart.discount?.code}
          deliveryMinor={delivery.costMinor}
          totalMinor={total}
          totalTestId="checkout-total"
          tax={taxQuote.data?.rate ? { name: taxQuote.data.rate.name, ratePpm: taxQuote.data.rate.ratePpm, addedMinor: taxQuote.data.addedMinor, includedMinor: taxQuote.data.includedMinor } : null}
        />
        {destination.country && taxQuote.data && !taxQuote.data.rate ? <p className="text-xs text-slate-500" data-testid="no-tax">No tax applies to this address.</p> : null}
        <ChargedEstimate minor={total} currency={cart.currency} />
        {!cart.ready ? <CheckoutStockWarning lines={cart.lines} /> : null}
        <Button type="submit" pending={pending} pendingLabel="Placing order…" disabled={!cart.ready}>{`Place order · ${formatMoney(total, cart.currency)}`}</Button>
        <p className="text-xs text-slate-500">The total is worked out again on our side from current prices when you place the order.</p>
      </aside>
    </form>
  );
}
