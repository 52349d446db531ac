"use client";
import { useTranslations } from "next-intl";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useLiveInventory } from "@/client/live/live-provider";
import { useTRPC } from "@/client/trpc";
import { Price, useFormatMoney } from "@/components/ui/price";
import { useDescribeError } from "@/client/i18n-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { StockBadge } from "@/components/catalog/stock-badge";
import { MAX_LINE_QUANTITY } from "@/shared/stock";
import { lineCannotBeBought } from "@/shared/cart";
import { DiscountCode } from "./discount-code";
import { SalePrice } from "@/components/catalog/sale-price";
import type { AcceptedChange } from "@/server/services/cart/cart-items";
import type { CartNotice } from "@/server/services/cart/merge-guest-cart";

export function CartView() {
  const t = useTranslations("cart");
  const tt = useTranslations("cart.totals");
  const describeError = useDescribeError();
  const fmt = useFormatMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Read again when the page mounts, whatever the age of the server's answer: that answer may
  // predate a cart write the shopper just made in the page they came from (an "Add to cart"
  // still on its way when they opened the cart). The write's own invalidation cannot reach this
  // query, which was not in the browser's cache yet, and the answer would otherwise count as
  // fresh for the default stale time: the page said "empty" while the header's count said 1.
  const { data: cart } = useSuspenseQuery({ ...trpc.cart.get.queryOptions(), refetchOnMount: "always" });
  useLiveInventory(cart.lines.map((l) => l.productId));
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
  const onError = (err: unknown) => setError(describeError(err).message);
  const setQuantity = useMutation(trpc.cart.setQuantity.mutationOptions({ onSuccess: refresh, onError }));
  const remove = useMutation(trpc.cart.remove.mutationOptions({ onSuccess: refresh, onError }));
  const [accepted, setAccepted] = useState<AcceptedChange[] | null>(null);
  const accept = useMutation(
    trpc.cart.acceptChanges.mutationOptions({
      onSuccess: (r) => {
        setAccepted(r.changes);
        return refresh();
      },
      onError,
    }),
  );
  const busy = setQuantity.isPending || remove.isPending || accept.isPending;

  if (cart.lines.length === 0) {
    return (
      <div className="flex flex-col gap-4">
        {accepted?.length ? <AcceptedChanges changes={accepted} /> : null}
        {cart.notices.length > 0 ? <Notices notices={cart.notices} onDismiss={() => accept.mutate()} /> : null}
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-slate-600">
          {t.rich("empty", { link: (chunks) => <Link href="/" className="text-brand-700 underline">{chunks}</Link> })}
        </p>
      </div>
    );
  }
  const needsReview = cart.lines.some((l) => l.problems.length > 0);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-4">
        {error ? <Alert>{error}</Alert> : null}
        {accepted?.length ? <AcceptedChanges changes={accepted} /> : null}
        {cart.notices.length > 0 ? <Notices notices={cart.notices} onDismiss={() => accept.mutate()} /> : null}
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("items")}>
          {cart.lines.map((l) => (
            <li key={l.variantId} className="flex flex-wrap gap-4 p-4 sm:flex-nowrap" data-testid="cart-line">
              {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
              <img src={l.image ?? "/images/placeholder.svg"} alt="" width={80} height={80} className="h-20 w-20 rounded object-cover" />
              <div className="flex min-w-0 flex-1 basis-40 flex-col gap-1">
                <Link href={`/products/${l.slug}?variant=${l.variantId}`} className="font-medium hover:underline">
                  {l.title}
                </Link>
                <p className="text-sm text-slate-600">{l.variantTitle}</p>
                <p className="text-sm" data-testid="cart-unit-price">
                  {t.rich("each", { price: () => <SalePrice priceMinor={l.priceMinor} compareAtMinor={l.compareAtMinor} currency={l.currency} /> })}
                </p>
                <span aria-live="polite" aria-atomic="true" data-testid="cart-line-stock">
                  <StockBadge stock={l.stock} lowStockThreshold={l.lowStockThreshold} />
                </span>
                {l.problems.includes("unavailable") ? <p className="text-sm text-red-700">{t("unavailable")}</p> : null}
                {l.problems.includes("sold-out") ? (
                  <p className="text-sm font-medium text-red-700" data-testid="sold-out">
                    {t("soldOut")}
                  </p>
                ) : null}
                {l.problems.includes("insufficient-stock") ? (
                  <p className="text-sm text-red-700">{t("insufficient", { stock: l.stock })}</p>
                ) : null}
                {l.problems.includes("price-changed") ? (
                  <p className="text-sm text-amber-800" data-testid="price-changed" role="status">
                    {t("priceChanged", { from: fmt(l.priceMinorAdded, l.currency), to: fmt(l.priceMinor, l.currency) })}
                  </p>
                ) : null}
              </div>
              <div className="flex w-full flex-wrap items-center justify-between gap-2 sm:w-auto sm:flex-col sm:flex-nowrap sm:items-end">
                {lineCannotBeBought(l.problems) ? (
                  <p className="font-medium text-slate-500 line-through" aria-label={t("notCounted")}>
                    {fmt(l.lineTotalMinor, l.currency)}
                  </p>
                ) : (
                  <p className="font-medium"><Price minor={l.lineTotalMinor} currency={l.currency} /></p>
                )}
                <label className="flex items-center gap-2 text-sm">
                  <span>{t("quantity")}</span>
                  <select
                    className="rounded-md border border-slate-300 px-2 py-1"
                    value={l.quantity}
                    disabled={busy || lineCannotBeBought(l.problems)}
                    onChange={(e) => {
                      setError(null);
                      setQuantity.mutate({ variantId: l.variantId, quantity: Number(e.target.value) });
                    }}
                  >
                    {Array.from({ length: Math.max(l.quantity, Math.min(l.stock, MAX_LINE_QUANTITY)) }, (_, i) => i + 1).map((n) => (
                      <option key={n} value={n} disabled={n > l.stock}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
                <Button
                  variant={lineCannotBeBought(l.problems) ? "secondary" : "ghost"}
                  disabled={busy}
                  onClick={() => {
                    setAccepted(null);
                    remove.mutate({ variantId: l.variantId });
                  }}
                  aria-label={t("removeLabel", { title: l.title })}
                >
                  {t("remove")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <aside className="flex h-fit flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("summary")}>
        <p className="flex justify-between">
          <span>
            {tt("subtotalItems", { count: cart.countedItemCount })}
          </span>
          <strong data-testid="cart-subtotal"><Price minor={cart.subtotalMinor} currency={cart.currency} /></strong>
        </p>
        <DiscountCode discount={cart.discount} currency={cart.currency} />
        {cart.discount?.applied && cart.discount.discountMinor > 0 ? (
          <>
            <p className="flex justify-between text-green-800">
              <span>{tt("discount", { code: cart.discount.code })}</span>
              <strong data-testid="cart-discount">−{fmt(cart.discount.discountMinor, cart.currency)}</strong>
            </p>
            <p className="flex justify-between">
              <span>{tt("beforeDelivery")}</span>
              <strong data-testid="cart-total">{fmt(cart.subtotalMinor - cart.discount.discountMinor, cart.currency)}</strong>
            </p>
          </>
        ) : null}
        <p className="text-sm text-slate-600">{t("deliveryAtCheckout")}</p>
        {needsReview ? (
          <>
            <Alert tone="info">{t("needsReview")}</Alert>
            <Button onClick={() => accept.mutate()} disabled={busy}>
              {t("accept")}
            </Button>
          </>
        ) : (
          <Link href="/checkout" className="rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700">
            {t("toCheckout")}
          </Link>
        )}
      </aside>
    </div>
  );
}

function Notices({ notices, onDismiss }: { notices: CartNotice[]; onDismiss: () => void }) {
  const t = useTranslations("cart");
  const n = useTranslations("cart.notices");
  // Older notices carry only their English message.
  const text = (x: CartNotice) =>
    x.kind === "out" ? n("out", { name: x.name ?? "" })
    : x.kind === "capped" ? n("capped", { name: x.name ?? "", quantity: x.quantity ?? 0, wanted: x.wanted ?? 0 })
    : x.kind === "added" ? n("added", { name: x.name ?? "", added: x.added ?? 0, had: x.had ?? 0 })
    : x.message;
  return (
    <div role="status" className="rounded-md border border-brand-100 bg-brand-50 p-4 text-sm text-brand-900">
      <p className="font-medium">{t("updatedOnSignIn")}</p>
      <ul className="mt-1 list-disc pl-5">
        {notices.map((x) => (
          <li key={`${x.variantId}-${x.message}`}>{text(x)}</li>
        ))}
      </ul>
      <Button variant="ghost" className="mt-2" onClick={onDismiss}>
        {t("ok")}
      </Button>
    </div>
  );
}

/** What "Accept changes" did, line by line. */
function AcceptedChanges({ changes }: { changes: AcceptedChange[] }) {
  const t = useTranslations("cart");
  const describeChange = useDescribeChange();
  return (
    <div role="status" className="rounded-md border border-brand-100 bg-brand-50 p-4 text-sm text-brand-900" data-testid="accepted-changes">
      <p className="font-medium">{t("updated")}</p>
      <ul className="mt-1 list-disc pl-5">
        {changes.map((c) => (
          <li key={c.variantId}>{describeChange(c)}</li>
        ))}
      </ul>
    </div>
  );
}

function useDescribeChange(): (c: AcceptedChange) => string {
  const t = useTranslations("cart.changes");
  const fmt = useFormatMoney();
  return (c) => {
    if (c.removed) return t(c.removed === "sold-out" ? "removedSoldOut" : "removedUnavailable", { title: c.title });
    const parts: string[] = [];
    if (c.quantity) parts.push(t("quantity", { from: c.quantity.from, to: c.quantity.to }));
    if (c.priceMinor) parts.push(t("price", { to: fmt(c.priceMinor.to, c.currency), from: fmt(c.priceMinor.from, c.currency) }));
    return t("line", { title: c.title, parts: parts.join(", ") });
  };
}
