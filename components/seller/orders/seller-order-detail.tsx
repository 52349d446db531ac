"use client";
import { CountryName } from "@/components/ui/country-name";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { formatMoney } from "@/shared/money";
import { LineTax } from "@/components/orders/order-totals";
import { ORDER_STATUS_LABEL } from "@/shared/orders";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { StatusBadge } from "@/components/orders/status-badge";
import { DateTime } from "@/components/ui/date-time";

type Target = "PAID" | "PACKED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "REFUNDED";

const CONFIRM: Partial<Record<Target, string>> = {
  CANCELLED: "Cancel your part of this order? Its items go back on sale and any payment for them is returned to the customer.",
  REFUNDED: "Refund your part of this order? The customer gets the money for your items back; stock does not change (restock returned goods separately).",
};

export function SellerOrderDetail({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: o } = useSuspenseQuery(trpc.seller.orders.byId.queryOptions({ orderId }));
  const [confirming, setConfirming] = useState<Target | null>(null);
  const [shipping, setShipping] = useState(false);
  const [carrier, setCarrier] = useState("");
  const [tracking, setTracking] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const carrierId = useId();

  const move = useMutation(
    trpc.seller.orders.transition.mutationOptions({
      onSuccess: async (res) => {
        setConfirming(null);
        setShipping(false);
        setError(null);
        setFieldErrors({});
        setDone(`Order is now ${ORDER_STATUS_LABEL[res.status]!.toLowerCase()}.`);
        await queryClient.invalidateQueries({ queryKey: trpc.seller.orders.pathKey() });
      },
      onError: async (err) => {
        const e = describeError(err);
        setDone(null);
        setError(e.message);
        setFieldErrors(e.fieldErrors);
        // Someone else moved it first: show what it is now.
        if (e.appCode === "VERSION_CONFLICT" || e.appCode === "CONFLICT") {
          setConfirming(null);
          await queryClient.invalidateQueries({ queryKey: trpc.seller.orders.pathKey() });
        }
      },
    }),
  );
  const run = (to: Target, extra: { carrier?: string; trackingNumber?: string } = {}) =>
    move.mutate({ orderId, to, expectedVersion: o.part.version, ...extra } as Parameters<typeof move.mutate>[0]);

  const allowed = o.actions.filter((a) => a.allowed);
  const refusedNotes = o.actions.filter((a) => !a.allowed && (a.to === "CANCELLED" || a.to === "REFUNDED") && o.part.status !== "CANCELLED" && o.part.status !== "REFUNDED");
  const selectedCarrier = o.carriers.find((c) => c.code === carrier);

  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm"><Link href="/seller/orders" className="underline">← All orders</Link></p>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">Order {o.number}</h1>
        <StatusBadge status={o.part.status} testId="part-status" />
        <span className="text-sm text-slate-600">placed <DateTime value={o.createdAt} /></span>
        <span className="text-xs text-slate-500" data-testid="order-id">id {o.id}</span>
      </div>
      {o.otherSellers > 0 ? (
        <Alert tone="info">This order also has items from {o.otherSellers} other seller{o.otherSellers > 1 ? "s" : ""}; you see and fulfil only yours.</Alert>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}

      <section aria-labelledby="actions-h" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="actions-h" className="font-semibold">Next step</h2>
        {allowed.length === 0 ? <p className="text-sm text-slate-600">Nothing more to do: this order is {ORDER_STATUS_LABEL[o.part.status]!.toLowerCase()}.</p> : null}
        <div className="flex flex-wrap gap-2">
          {allowed.map((a) => {
            const to = a.to as Target;
            const destructive = to === "CANCELLED" || to === "REFUNDED";
            return (
              <Button
                key={to}
                variant={destructive ? "secondary" : "primary"}
                disabled={move.isPending}
                aria-expanded={to === "SHIPPED" ? shipping : destructive ? confirming === to : undefined}
                onClick={() => {
                  setError(null);
                  setDone(null);
                  if (to === "SHIPPED") setShipping(true);
                  else if (destructive) setConfirming(to);
                  else run(to);
                }}
              >
                {a.label}
              </Button>
            );
          })}
        </div>
        {refusedNotes.map((a) => (
          <p key={a.to} className="text-xs text-slate-600">{a.label} is not available: {a.reason}</p>
        ))}
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-q" className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-4">
            <p id="confirm-q" className="text-sm text-red-900">{CONFIRM[confirming]}</p>
            <div className="flex gap-2">
              <Button onClick={() => run(confirming)} pending={move.isPending} pendingLabel="Working…">
                {confirming === "CANCELLED" ? "Yes, cancel it" : "Yes, refund it"}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(null)}>Keep as it is</Button>
            </div>
          </div>
        ) : null}
        {shipping ? (
          <form
            aria-label="Ship"
            className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 sm:max-w-md"
            onSubmit={(e) => {
              e.preventDefault();
              run("SHIPPED", { carrier: carrier || undefined, trackingNumber: tracking });
            }}
          >
            <div className="flex flex-col gap-1">
              <label htmlFor={carrierId} className="text-sm font-medium text-slate-800">Carrier</label>
              <select
                id={carrierId}
                value={carrier}
                onChange={(e) => setCarrier(e.target.value)}
                aria-invalid={fieldErrors.carrier ? true : undefined}
                aria-describedby={fieldErrors.carrier ? `${carrierId}-error` : undefined}
                className={`rounded-md border px-3 py-2 text-sm ${fieldErrors.carrier ? "border-red-600" : "border-slate-300"}`}
              >
                <option value="">Choose a carrier</option>
                {o.carriers.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
              </select>
              {fieldErrors.carrier ? <p id={`${carrierId}-error`} className="text-sm text-red-700">{fieldErrors.carrier}</p> : null}
            </div>
            <Field
              label="Tracking number"
              value={tracking}
              onChange={(e) => setTracking(e.target.value)}
              error={fieldErrors.trackingNumber}
              hint={selectedCarrier ? `For example ${selectedCarrier.example}` : undefined}
              autoComplete="off"
            />
            <div className="flex gap-2">
              <Button type="submit" pending={move.isPending} pendingLabel="Saving…">Mark shipped</Button>
              <Button variant="secondary" onClick={() => setShipping(false)}>Not yet</Button>
            </div>
          </form>
        ) : null}
        {o.part.trackingNumber ? (
          <p className="text-sm">
            Shipped with {o.part.carrierName} · tracking number <strong className="font-mono" data-testid="part-tracking">{o.part.trackingNumber}</strong>
            {o.part.shippedAt ? <> · <DateTime value={o.part.shippedAt} /></> : ""}
          </p>
        ) : null}
      </section>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="items-h" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="items-h" className="border-b border-slate-200 p-4 font-semibold">Your items</h2>
          <ul className="divide-y divide-slate-200">
            {o.items.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-4 p-4 text-sm">
                <div>
                  <p className="font-medium">{i.name}</p>
                  <p className="text-slate-600">{i.variant?.sku ? `${i.variant.sku} · ` : ""}{i.quantity} × {formatMoney(i.priceMinor, i.currency)}</p>
                </div>
                <span className="text-right">
                  {formatMoney(i.totalPriceMinor, i.currency)}
                  <LineTax taxMinor={i.taxMinor} included={i.taxIncluded} ratePpm={i.taxRatePpm} name={o.taxName} currency={i.currency} />
                </span>
              </li>
            ))}
          </ul>
          {/* What the customer paid for this part (order-totals.ts): goods less its share of a discount
              code, its shipping, and the tax added on top (or inside the prices). */}
          <dl className="flex flex-col gap-1 border-t border-slate-200 p-4 text-sm">
            <div className="flex justify-between"><dt>Goods</dt><dd>{formatMoney(o.totals.subtotalMinor, o.currency)}</dd></div>
            {o.totals.discountMinor > 0 ? <div className="flex justify-between"><dt>Discount</dt><dd data-testid="seller-part-discount">−{formatMoney(o.totals.discountMinor, o.currency)}</dd></div> : null}
            {o.shipping ? (
              <div className="flex justify-between" data-testid="seller-part-shipping">
                <dt>Shipping ({o.shipping.name})</dt>
                <dd>{formatMoney(o.shipping.costMinor, o.currency)}</dd>
              </div>
            ) : null}
            {o.totals.taxMinor - o.totals.taxIncludedMinor > 0 ? (
              <div className="flex justify-between"><dt>{o.taxName || "Tax"}</dt><dd data-testid="seller-tax-added">{formatMoney(o.totals.taxMinor - o.totals.taxIncludedMinor, o.currency)}</dd></div>
            ) : null}
            {o.totals.taxIncludedMinor > 0 ? (
              <div className="flex justify-between text-slate-600"><dt>{`incl. ${o.taxName || "tax"}`}</dt><dd data-testid="seller-tax-included">{formatMoney(o.totals.taxIncludedMinor, o.currency)}</dd></div>
            ) : null}
          </dl>
          <p className="flex justify-between border-t border-slate-200 p-4 text-sm font-semibold"><span>Your total</span><span data-testid="seller-part-total">{formatMoney(o.totals.totalMinor, o.currency)}</span></p>
        </section>
        <div className="flex flex-col gap-6">
          {o.delivery ? (
            <section aria-labelledby="delivery-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 id="delivery-h" className="mb-2 font-semibold">Deliver to</h2>
              <address className="not-italic">
                {o.delivery.name}<br />{o.delivery.address}<br />{o.delivery.zip} {o.delivery.city}{o.delivery.region ? `, ${o.delivery.region}` : ""}{o.delivery.country ? <><br /><CountryName code={o.delivery.country} /></> : null}<br />
                {o.delivery.phone}<br />{o.delivery.email}
              </address>
              {o.deliveryServiceName ? <p className="mt-2 text-slate-600">Service: {o.deliveryServiceName}</p> : null}
            </section>
          ) : null}
          {o.payment ? (
            <section aria-labelledby="payment-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 id="payment-h" className="mb-2 font-semibold">Payment</h2>
              <p data-testid="payment-state">{o.payment.provider === "cod" ? "Pay on delivery" : "Card"} · {o.payment.status.toLowerCase()}</p>
              {o.payment.refundedMinor > 0 ? <p>Refunded so far: {formatMoney(o.payment.refundedMinor, o.payment.currency)}</p> : null}
            </section>
          ) : null}
          <section aria-labelledby="history-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 id="history-h" className="mb-2 font-semibold">History</h2>
            <ol className="flex flex-col gap-2 border-l-2 border-brand-100 pl-4" data-testid="part-history">
              {o.statusHistory.map((h) => (
                <li key={h.id}>
                  <p className="font-medium">{ORDER_STATUS_LABEL[h.toStatus]}{h.storeId ? "" : " (whole order)"}</p>
                  <p className="text-xs text-slate-600"><DateTime value={h.createdAt} />{h.actor ? ` · ${h.actor.name}` : ""}{h.note ? ` · ${h.note}` : ""}</p>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}
