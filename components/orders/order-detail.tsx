"use client";
import { CountryName } from "@/components/ui/country-name";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useLivePrivate } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { useFormatMoney } from "@/components/ui/price";
import { isPlaced } from "@/shared/orders";
import { useDescribeError } from "@/client/i18n-errors";
import { useDeliveryName } from "@/components/checkout/checkout-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LineTax, OrderTotals } from "./order-totals";
import { StatusBadge } from "./status-badge";
import { DateTime } from "@/components/ui/date-time";

/** `linkToken`: the order is read through its signed link (a guest, orders.byLink), read-only. */
export function OrderDetail({ orderId, justPlaced, linkToken }: { orderId: string; justPlaced: boolean; linkToken?: string }) {
  const t = useTranslations("orders.detail");
  const ts = useTranslations("orders.status");
  const tpay = useTranslations("orders.payment");
  const tship = useTranslations("checkout.shipping");
  const formatMoney = useFormatMoney();
  const describeError = useDescribeError();
  const deliveryName = useDeliveryName();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Both answer the same shape (read-orders.ts readOrder); the link's is never cancellable.
  const byId = trpc.orders.byId.queryOptions({ orderId });
  const { data: o } = useSuspenseQuery({
    ...(linkToken ? (trpc.orders.byLink.queryOptions({ token: linkToken }) as unknown as typeof byId) : byId),
    // A card payment still being confirmed (normally over before this page opens; after a crash it
    // ends when the reservation lapses): look again until it is settled.
    refetchInterval: (q) => (q.state.data?.status === "PENDING_PAYMENT" ? 5000 : false),
  });
  // A seller's step or a cancel in another tab shows here at once (order.status_changed).
  useLivePrivate();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
      },
      onError: (err) => setError(describeError(err).message),
    }),
  );
  const storeName = new Map(o.parts.map((p) => [p.storeId, p.store.name]));
  const itemsById = new Map(o.items.map((i) => [i.id, i]));
  return (
    <div className="flex flex-col gap-6">
      {/* Only while the order stands: a cancel (here or in another tab) takes the thanks away. */}
      {justPlaced && isPlaced(o.status) && o.status !== "CANCELLED" && o.status !== "REFUNDED" ? (
        <Alert tone="success">
          {t(o.payment?.status === "SUCCEEDED" ? "thanksPaid" : "thanks", { email: o.delivery?.email ?? "" })}
        </Alert>
      ) : null}
      {o.status === "PENDING_PAYMENT" ? (
        <Alert tone="info">
          <span data-testid="payment-pending">{t("pending")}</span>
          {o.reservedUntil ? <>{t.rich("pendingUntil", { date: () => <DateTime value={o.reservedUntil!} /> })}</> : null}
        </Alert>
      ) : null}
      {o.status === "PAYMENT_FAILED" ? (
        <Alert>
          <span data-testid="payment-failed">{o.payment?.failureReason ? t("failedReason", { reason: o.payment.failureReason }) : t("failed")}</span>
          {t.rich("failedBody", { link: (chunks) => <Link href="/cart" className="underline">{chunks}</Link> })}
        </Alert>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-bold">
          {t.rich("heading", { number: () => <span data-testid="order-number">{o.number}</span> })}
        </h1>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-sm font-medium" data-testid="order-status">
          {ts(o.status)}
        </span>
        <span className="text-sm text-slate-600">
          {t.rich(isPlaced(o.status) ? "placed" : "checkedOut", { date: () => <DateTime value={o.createdAt} /> })}
        </span>
        <span className="text-xs text-slate-500" data-testid="order-id">{t("id", { id: o.id })}</span>
      </div>
      {o.trackNumber && o.parts.every((p) => !p.trackingNumber) ? (
        <p>
          {t.rich("tracking", { number: () => <TrackingNumber number={o.trackNumber!} url={o.trackUrl} /> })}
        </p>
      ) : null}
      {o.parts.length > 0 ? (
        <section aria-labelledby="parts-h" className="flex flex-col gap-3">
          <h2 id="parts-h" className="font-semibold">{t("shipments", { count: o.parts.length })}</h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {o.parts.map((p) => (
              <li key={p.storeId} className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="order-part">
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">{p.store.name}</span>
                  <StatusBadge status={p.status} />
                </div>
                <p className="text-slate-600">{p.itemIds.map((id) => itemsById.get(id)?.name).filter(Boolean).join(", ")}</p>
                {p.totals.discountMinor > 0 ? (
                  <p data-testid="part-discount">
                    {t.rich("partDiscount", {
                      subtotal: formatMoney(p.totals.subtotalMinor, o.currency),
                      discount: formatMoney(p.totals.discountMinor, o.currency),
                      total: () => <strong>{formatMoney(p.totals.totalMinor, o.currency)}</strong>,
                    })}
                  </p>
                ) : null}
                {p.shipping ? (
                  <p data-testid="part-shipping">
                    {t("partShipping", { name: p.shipping.name, cost: p.shipping.costMinor === 0 ? tship("free") : formatMoney(p.shipping.costMinor, o.currency) })}
                  </p>
                ) : null}
                {p.trackingNumber ? (
                  <p>
                    {t.rich("partTracking", { carrier: p.carrierName ?? "", number: () => <TrackingNumber number={p.trackingNumber!} url={p.trackingUrl} carrier={p.carrierName} /> })}
                    {p.shippedAt ? <span className="text-slate-600">{t.rich("shipped", { date: () => <DateTime value={p.shippedAt!} /> })}</span> : null}
                  </p>
                ) : null}
                {p.deliveredAt ? <p className="text-slate-600">{t.rich("delivered", { date: () => <DateTime value={p.deliveredAt!} /> })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="items-h" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="items-h" className="border-b border-slate-200 p-4 font-semibold">{t("items")}</h2>
          <ul className="divide-y divide-slate-200">
            {o.items.map((i) => (
              <li key={i.id} className="flex items-center gap-4 p-4">
                {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
                <img src={i.product?.images[0] ?? "/images/placeholder.svg"} alt="" width={56} height={56} className="h-14 w-14 rounded object-cover" />
                <div className="flex-1">
                  {i.product ? <Link href={`/products/${i.product.slug}`} className="font-medium hover:underline">{i.name}</Link> : <span className="font-medium">{i.name}</span>}
                  <p className="text-sm text-slate-600">{i.brand} · {i.quantity} × {formatMoney(i.priceMinor, i.currency)}</p>
                </div>
                <span className="text-right">
                  {formatMoney(i.totalPriceMinor, i.currency)}
                  {i.discountMinor > 0 ? <span className="block text-sm text-green-800">−{formatMoney(i.discountMinor, i.currency)}</span> : null}
                  <LineTax taxMinor={i.taxMinor} included={i.taxIncluded} ratePpm={i.taxRatePpm} name={o.taxName} currency={i.currency} />
                </span>
              </li>
            ))}
          </ul>
          <OrderTotals
            className="p-4"
            currency={o.currency}
            subtotalMinor={o.goodsTotalMinor}
            discountMinor={o.discountMinor}
            discountCode={o.discountCode}
            deliveryMinor={o.deliveryCostMinor}
            totalMinor={o.totalMinor}
            tax={o.tax}
          />
        </section>
        <div className="flex flex-col gap-6">
          <section aria-labelledby="timeline-h" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="timeline-h" className="mb-2 font-semibold">{t("status")}</h2>
            <ol className="flex flex-col gap-2 border-l-2 border-brand-100 pl-4" data-testid="order-timeline">
              {o.statusHistory.map((h, i) => (
                <li key={i}>
                  <p className="font-medium">
                    {ts(h.toStatus)}
                    {h.storeId && o.parts.length > 1 ? <span className="font-normal text-slate-600"> · {storeName.get(h.storeId) ?? t("aSeller")}</span> : null}
                  </p>
                  <p className="text-xs text-slate-600"><DateTime value={h.createdAt} />{h.note ? ` · ${h.note}` : ""}</p>
                </li>
              ))}
            </ol>
          </section>
          {o.delivery ? (
            <section aria-labelledby="delivery-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 id="delivery-h" className="mb-2 font-semibold">{t("delivery")}</h2>
              <address className="not-italic">
                {o.delivery.name}<br />{o.delivery.address}<br />{o.delivery.zip} {o.delivery.city}{o.delivery.region ? `, ${o.delivery.region}` : ""}{o.delivery.country ? <><br /><CountryName code={o.delivery.country} /></> : null}<br />{o.delivery.phone}
              </address>
              {o.deliveryServiceName ? (
                <p className="mt-2 text-slate-600" data-testid="delivery-service">
                  {deliveryName(o.deliveryService, o.deliveryServiceName)}
                </p>
              ) : null}
            </section>
          ) : null}
          {o.payment ? (
            <section aria-labelledby="payment-h" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 id="payment-h" className="mb-2 font-semibold">{t("payment")}</h2>
              <p>{o.payment.provider === "cod" ? t("cod") : t("card")} · {tpay(o.payment.status)}</p>
            </section>
          ) : null}
          {o.cancellable ? (
            confirming ? (
              <div role="alertdialog" aria-labelledby="cancel-q" className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-4">
                <p id="cancel-q" className="text-sm text-red-900">{t(o.payment?.status === "SUCCEEDED" ? "cancelQuestionRefund" : "cancelQuestion")}</p>
                <div className="flex gap-2">
                  <Button onClick={() => cancel.mutate({ orderId })} pending={cancel.isPending} pendingLabel={t("cancelling")}>{t("confirmCancel")}</Button>
                  <Button variant="secondary" onClick={() => setConfirming(false)}>{t("keep")}</Button>
                </div>
              </div>
            ) : (
              <Button variant="secondary" onClick={() => setConfirming(true)}>{t("cancel")}</Button>
            )
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A tracking number, as a link to the carrier's tracking page when the carrier has one. */
function TrackingNumber({ number, url, carrier }: { number: string; url: string | null; carrier?: string | null }) {
  const t = useTranslations("orders.detail");
  if (!url) return <strong className="font-mono" data-testid="tracking-number">{number}</strong>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      className="font-mono font-semibold text-brand-700 underline"
      data-testid="tracking-number"
      aria-label={t("trackLabel", { number, carrier: carrier ?? t("theCarrier") })}
    >
      {number}
    </a>
  );
}
