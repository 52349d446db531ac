"use client";
import { useTranslations } from "next-intl";
import { keepPreviousData, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { ChargedEstimate, useFormatMoney } from "@/components/ui/price";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField, type Choices } from "@/components/ui/field";
import { DEFAULT_COUNTRY } from "@/shared/countries";
import { LineTax, OrderTotals } from "@/components/orders/order-totals";
import { useTaxQuote } from "./tax-quote";
import { DiscountCode } from "@/components/cart/discount-code";
import { useLiveInventory } from "@/client/live/live-provider";
import { CheckoutStockWarning, LineProblem } from "./checkout-stock";
import { chosenRate, ShippingOptions } from "./shipping-options";
import { shippingAddressOf } from "@/shared/shipping";
import { ErrorSummary, type SummaryError } from "@/components/ui/error-summary";
import { parseForm } from "@/client/trpc-errors";
import { ZDeliveryAddress } from "@/shared/address";

/** A delivery service's name in the shopper's language: ours by code, any other as the server names it. */
export function useDeliveryName(): (code: string, name: string) => string {
  const t = useTranslations("checkout.delivery.options");
  return (code, name) => (t.has(code as never) ? t(code as never) : name);
}

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

/** How long the region may be typing before the shipping and tax quotes are asked again. */
const REGION_SETTLE_MS = 300;

function newKey(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** `guest`: no account; the order is placed as a guest's (orders.placeAsGuest) and the shopper is
 * taken to its signed link. */
export function CheckoutForm({ defaults, countries, guest = false }: { defaults: CheckoutDefaults; countries: Choices; guest?: boolean }) {
  const t = useTranslations("checkout");
  const ta = useTranslations("checkout.address");
  const tp = useTranslations("checkout.payment");
  const describeError = useDescribeError();
  const issueMessage = useIssueMessage();
  const formatMoney = useFormatMoney();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // Fresh on mount (as the cart page), then live: a sale or a seller's change elsewhere patches
  // the lines, their problems and the totals at once (client/live/apply-live-event.ts).
  const { data: cart } = useSuspenseQuery({ ...trpc.cart.get.queryOptions(), refetchOnMount: "always" });
  useLiveInventory(cart.lines.map((l) => l.productId));
  // Where it goes decides each seller's delivery options (decision 195): asked again when the
  // country or the region changes.
  const [shipTo, setShipTo] = useState(() => shippingAddressOf(defaults));
  const regionTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const quote = useQuery({ ...trpc.cart.shippingQuote.queryOptions(shipTo), placeholderData: keepPreviousData });
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [method, setMethod] = useState<"card" | "cod">("card");
  // One key per attempt: a double click or a retry after a timeout repeats the same attempt.
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const place = useMutation(trpc.orders.place.mutationOptions());
  const placeAsGuest = useMutation(trpc.orders.placeAsGuest.mutationOptions());

  const shipParts = quote.data?.parts ?? [];
  // Each seller's option as chosen (or its cheapest): worked out once for the totals, the tax
  // quote and the order.
  const chosen = shipParts.flatMap((p) => {
    const rate = chosenRate(p, choices);
    return rate ? [{ storeId: p.storeId, rateId: rate.rateId, costMinor: rate.costMinor }] : [];
  });
  const shippingMinor = chosen.reduce((sum, c) => sum + c.costMinor, 0);
  const shippable = quote.data?.shippable ?? false;
  const taxQuote = useTaxQuote(
    shipTo,
    chosen.map((c) => ({ storeId: c.storeId, amountMinor: c.costMinor })),
    `${cart.subtotalMinor}:${cart.discount?.applied ? cart.discount.discountMinor : 0}:${cart.lines.length}`,
  );
  if (cart.lines.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
        {t.rich("empty", { link: (chunks) => <Link href="/" className="text-brand-700 underline">{chunks}</Link> })}
      </p>
    );
  }
  // A code's saving as the server worked it out (the order is worked out again when placed).
  const discountMinor = cart.discount?.applied ? cart.discount.discountMinor : 0;
  // Tax for the address as chosen so far, with each seller's shipping (tax-quote.ts): the part not
  // in the prices is added.
  const total = cart.subtotalMinor - discountMinor + shippingMinor + (taxQuote.data?.addedMinor ?? 0);
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
    const local = parseForm(ZDeliveryAddress, delivery, issueMessage);
    if (local.fieldErrors) {
      setErrors(Object.fromEntries(Object.entries(local.fieldErrors).map(([k, v]) => [`delivery.${k}`, v])));
      setAttempt((n) => n + 1);
      return;
    }
    try {
      const input = {
        idempotencyKey,
        delivery,
        // Each seller's option; the server prices them again and refuses one no longer offered.
        shipping: chosen.map((c) => ({ storeId: c.storeId, rateId: c.rateId })),
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
      if (d.fieldErrors.shipping) {
        setFormError(d.message);
        await queryClient.invalidateQueries({ queryKey: trpc.cart.shippingQuote.pathKey() });
      }
      if (d.appCode === "INSUFFICIENT_STOCK" || d.fieldErrors.discountCode) await queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
    }
  }

  const err = (k: string) => errors[`delivery.${k}`];
  const summary: SummaryError[] = FIELD_IDS.flatMap(([k, fieldId]) => (errors[k] ? [{ fieldId, message: errors[k] }] : []));
  const pending = place.isPending || placeAsGuest.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-8 lg:grid-cols-[1fr_22rem]" aria-label={t("form")}>
      <div className="flex flex-col gap-6">
        <ErrorSummary errors={summary} attempt={attempt} />
        {formError ? <Alert>{formError}</Alert> : null}
        <fieldset
          className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
          onChange={(e) => {
            const el = e.target as unknown as HTMLInputElement | HTMLSelectElement;
            if (el.name === "country") setShipTo((a) => ({ ...a, country: el.value }));
            // The region once typing pauses (or on leaving the field, below).
            if (el.name === "region") {
              clearTimeout(regionTimer.current);
              const region = el.value.trim();
              regionTimer.current = setTimeout(() => setShipTo((a) => (a.region === region ? a : { ...a, region })), REGION_SETTLE_MS);
            }
          }}
          onBlur={(e) => {
            const el = e.target as unknown as HTMLInputElement;
            if (el.name === "region") setShipTo((a) => (a.region === el.value.trim() ? a : { ...a, region: el.value.trim() }));
          }}
        >
          <legend className="px-1 font-semibold">{ta("legend")}</legend>
          <Field id="checkout-name" label={ta("name")} name="name" autoComplete="name" defaultValue={defaults.name} error={err("name")} required />
          <Field id="checkout-phone" label={ta("phone")} name="phone" type="tel" autoComplete="tel" defaultValue={defaults.phone} error={err("phone")} required />
          <Field
            id="checkout-email"
            label={ta("email")}
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={defaults.email}
            hint={guest ? ta("emailHintGuest") : undefined}
            error={err("email")}
            required
          />
          <Field id="checkout-address" label={ta("address")} name="address" autoComplete="street-address" defaultValue={defaults.address} error={err("address")} required />
          <Field id="checkout-city" label={ta("city")} name="city" autoComplete="address-level2" defaultValue={defaults.city} error={err("city")} required />
          <Field id="checkout-zip" label={ta("zip")} name="zip" autoComplete="postal-code" defaultValue={defaults.zip} error={err("zip")} required />
          <Field id="checkout-region" label={ta("region")} name="region" autoComplete="address-level1" defaultValue={defaults.region} error={err("region")} />
          <SelectField
            id="checkout-country"
            label={ta("country")}
            name="country"
            autoComplete="country"
            defaultValue={defaults.country ?? DEFAULT_COUNTRY}
            error={err("country")}
            choices={countries}
            wrapperClassName="flex min-w-0 flex-col gap-1" className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            required
          />
        </fieldset>
        <ShippingOptions country={shipTo.country} parts={shipParts} choices={choices} onChoose={(storeId, rateId) => setChoices((c) => ({ ...c, [storeId]: rateId }))} pending={quote.isFetching} />
        <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">{tp("legend")}</legend>
          <label className="flex items-center gap-3">
            <input type="radio" name="method" value="card" checked={method === "card"} onChange={() => setMethod("card")} />
            {tp("card")}
          </label>
          {method === "card" ? (
            <div className="grid gap-4 pl-7 sm:grid-cols-3">
              <div className="sm:col-span-3">
                <Field
                  id="checkout-card-number"
                  label={tp("cardNumber")}
                  name="cardNumber"
                  inputMode="numeric"
                  autoComplete="cc-number"
                  hint={tp("cardHint")}
                  error={errors["payment.cardNumber"]}
                  required
                />
              </div>
              <Field id="checkout-expiry" label={tp("expiry")} name="expiry" autoComplete="cc-exp" placeholder="12/30" error={errors["payment.expiry"]} required />
              <Field id="checkout-cvc" label={tp("cvc")} name="cvc" inputMode="numeric" autoComplete="cc-csc" error={errors["payment.cvc"]} required />
            </div>
          ) : null}
          <label className="flex items-center gap-3">
            <input type="radio" name="method" value="cod" checked={method === "cod"} onChange={() => setMethod("cod")} />
            {tp("cod")}
          </label>
        </fieldset>
      </div>
      <aside className="flex h-fit flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("summary")}>
        <h2 className="font-semibold">{t("yourOrder")}</h2>
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
          deliveryMinor={shippingMinor}
          totalMinor={total}
          totalTestId="checkout-total"
          tax={taxQuote.data?.rate ? { name: taxQuote.data.rate.name, ratePpm: taxQuote.data.rate.ratePpm, addedMinor: taxQuote.data.addedMinor, includedMinor: taxQuote.data.includedMinor } : null}
        />
        {shipTo.country && taxQuote.data && !taxQuote.data.rate ? <p className="text-xs text-slate-500" data-testid="no-tax">{t("noTax")}</p> : null}
        <ChargedEstimate minor={total} currency={cart.currency} />
        {!cart.ready ? <CheckoutStockWarning lines={cart.lines} /> : null}
        <Button type="submit" pending={pending} pendingLabel={t("placing")} disabled={!cart.ready || !shippable}>{t("place", { total: formatMoney(total, cart.currency) })}</Button>
        <p className="text-xs text-slate-500">{t("recalculated")}</p>
      </aside>
    </form>
  );
}
