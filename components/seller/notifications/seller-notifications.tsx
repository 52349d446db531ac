"use client";
// Low-stock alerts on every seller page: when a variant of the store falls to its threshold or
// sells out, a polite toast names it (sku looked up with `seller.variantSummary`) with a link to
// the product and a dismiss button, and the bell lists this session's recent alerts.
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { useTRPC } from "@/client/trpc";
import { useLivePrivate } from "@/client/live/live-provider";
import type { LiveEvent } from "@/shared/events";
import { stockAlertFor, stockAlertText } from "@/shared/stock";
import { alertStore, type StockAlert } from "./alert-store";
import { DateTime } from "@/components/ui/date-time";


function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
      <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.4 2.8A1 1 0 0 0 4.5 14h11a1 1 0 0 0 .9-1.6L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
    </svg>
  );
}

function AlertLine({ a, onNavigate }: { a: StockAlert; onNavigate?: () => void }) {
  return (
    <>
      <span className={`mt-1 h-2 w-2 shrink-0 rounded-full ${a.kind === "out" ? "bg-red-600" : "bg-amber-500"}`} aria-hidden="true" />
      <span className="min-w-0 flex-1">
        <span className="block font-medium">{a.text}</span>
        {a.productTitle ? <span className="block truncate text-xs text-slate-600">{a.productTitle}</span> : null}
        <Link href={a.href} className="text-xs font-medium text-indigo-700 hover:underline" onClick={onNavigate}>
          Open product<span className="sr-only"> ({a.text})</span>
        </Link>
      </span>
    </>
  );
}

export function SellerNotifications() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { alerts, toasts, unread } = useSyncExternalStore(alertStore.subscribe, alertStore.get, alertStore.getServer);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (e.type !== "stock.changed") return;
      const p = e.payload;
      const kind = stockAlertFor(p);
      if (!kind) return;
      void (async () => {
        // The event has no sku: ask once per variant (cached for the session).
        const summary = await queryClient
          .fetchQuery({ ...trpc.seller.variantSummary.queryOptions({ variantId: p.variantId }), staleTime: Infinity })
          .catch(() => null);
        alertStore.add({
          id: `${p.variantId}:${p.version}`,
          variantId: p.variantId,
          kind,
          text: stockAlertText(kind, summary?.sku ?? "a variant", p.stock),
          href: `/seller/products/${p.productId}`,
          productTitle: summary?.productTitle ?? null,
          at: Date.now(),
        });
      })();
    },
    [queryClient, trpc],
  );
  useLivePrivate(onEvent);

  // Escape or a click outside closes the list.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onDown);
    };
  }, [open]);

  const toggle = () => {
    if (!open) alertStore.markRead();
    setOpen(!open);
  };
  const shown = toasts.map((id) => alerts.find((a) => a.id === id)).filter((a): a is StockAlert => !!a);

  return (
    <>
      <div ref={wrapRef} className="relative">
        <button
          ref={buttonRef}
          type="button"
          onClick={toggle}
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={unread > 0 ? `Stock alerts, ${unread} new` : "Stock alerts"}
          className="relative inline-flex items-center rounded-md p-2 text-slate-700 hover:bg-slate-100"
          data-testid="alerts-button"
        >
          <BellIcon />
          {unread > 0 ? (
            <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white" data-testid="alerts-count" aria-hidden="true">
              {unread}
            </span>
          ) : null}
        </button>
        <div
          id={panelId}
          hidden={!open}
          className="absolute right-0 z-30 mt-2 w-80 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
          data-testid="alerts-panel"
        >
          <div className="mb-2 flex items-center justify-between">
            <h2 className="text-sm font-semibold">Stock alerts this session</h2>
            {alerts.length > 0 ? (
              <button type="button" className="text-xs text-slate-600 hover:underline" onClick={() => alertStore.clear()}>
                Clear all
              </button>
            ) : null}
          </div>
          {alerts.length === 0 ? (
            <p className="text-sm text-slate-600">No alerts yet. When a variant runs low or sells out, it shows here.</p>
          ) : (
            <ul className="flex max-h-80 flex-col divide-y divide-slate-100 overflow-y-auto">
              {alerts.map((a) => (
                <li key={a.id} className="flex items-start gap-2 py-2 text-sm">
                  <AlertLine a={a} onNavigate={() => setOpen(false)} />
                  <DateTime value={a.at} style="time" className="shrink-0 text-xs text-slate-500" />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div role="status" aria-live="polite" className="fixed bottom-4 right-4 z-40 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2" data-testid="stock-toasts">
        {shown.map((a) => (
          <div key={a.id} className="flex items-start gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg" data-testid="stock-toast">
            <AlertLine a={a} />
            <button
              type="button"
              onClick={() => alertStore.dismissToast(a.id)}
              className="-m-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
              aria-label={`Dismiss: ${a.text}`}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
