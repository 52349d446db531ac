"use client";
// Inline edits of one variant's price and stock. The field holds only the seller's draft; the
// loaded values live in React Query's cache, which each mutation's result updates through the
// same version-checked writer as live events (client/live/apply-live-event.ts), so a result
// never overwrites a newer state that an event brought first. Enter or leaving the field saves,
// Escape cancels.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import { applyLiveEventToCache } from "@/client/live/apply-live-event";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import type { AppRouter } from "@/server/api/root";
import type { VariantLive } from "@/shared/events";
import { formatMajor, parseMoney } from "@/shared/money";

type ListOutput = inferRouterOutputs<AppRouter>["seller"]["products"]["list"];
export type TableProduct = ListOutput["items"][number];
export type TableVariant = TableProduct["variants"][number];

function detailsOf(err: unknown): Record<string, unknown> {
  return err instanceof TRPCClientError ? (((err.data as { details?: Record<string, unknown> | null } | undefined)?.details ?? {}) as Record<string, unknown>) : {};
}

/** Writes a variant's live state (a mutation's result, or the state a conflict reports) into
 * every cached view of it, and a price edit's new product version into the table. */
function useWriteVariant() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return {
    write(live: VariantLive, product?: { id: string; version: number }) {
      applyLiveEventToCache(queryClient, live);
      if (!product) return;
      queryClient.setQueriesData<ListOutput>(trpc.seller.products.list.pathFilter(), (old) =>
        old ? { ...old, items: old.items.map((p) => (p.id === product.id && p.version < product.version ? { ...p, version: product.version } : p)) } : old,
      );
    },
    reload: () => queryClient.invalidateQueries(trpc.seller.products.list.pathFilter()),
  };
}

const inputClass = (error: boolean) =>
  `w-24 rounded-md border px-2 py-1 text-right text-sm tabular-nums shadow-sm ${error ? "border-red-600" : "border-slate-300"}`;

/** A cell's draft (null: showing the saved value), its error and whether it just saved.
 * Clearing the draft (Escape) clears the error and calls `onCancel`. */
function useDraft(onCancel?: () => void) {
  const [draft, setDraftState] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const setDraft = (v: string | null) => {
    setDraftState(v);
    setSaved(false);
    if (v === null) {
      setError(null);
      onCancel?.();
    }
  };
  const done = () => {
    setDraftState(null);
    setError(null);
    setSaved(true);
  };
  return { draft, setDraft, error, setError, saved, done };
}
type Draft = ReturnType<typeof useDraft>;

function EditField({
  edit: { draft, setDraft, error, saved },
  label,
  value,
  onSave,
  pending,
  children,
  inputMode,
}: {
  edit: Draft;
  label: string;
  value: string;
  onSave: () => void;
  pending: boolean;
  children?: React.ReactNode;
  inputMode: "numeric" | "decimal";
}) {
  const id = useId();
  const dirty = draft !== null && draft !== value;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-1">
        <input
          aria-label={label}
          inputMode={inputMode}
          className={inputClass(Boolean(error))}
          value={draft ?? value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          disabled={pending}
          onChange={(e) => setDraft(e.target.value)}
          // Leaving a changed field saves it, as Enter does; a field showing an error (a conflict
          // to decide, a value to fix) waits for Enter or Escape instead of retrying by itself.
          onBlur={() => {
            if (dirty && !error && !pending) onSave();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onSave();
            } else if (e.key === "Escape") {
              e.preventDefault();
              setDraft(null);
            }
          }}
        />
        {dirty ? (
          <button type="button" className="rounded px-1.5 py-1 text-xs font-medium text-brand-700 hover:bg-slate-100" onClick={onSave} disabled={pending}>
            Save<span className="sr-only"> {label}</span>
          </button>
        ) : null}
      </div>
      {pending ? <span className="text-xs text-slate-500">Saving…</span> : null}
      {saved && !dirty && !error ? (
        <span role="status" className="text-xs text-emerald-700">
          Saved
        </span>
      ) : null}
      {error ? (
        <div id={`${id}-err`} role="alert" className="max-w-56 text-right text-xs text-red-700">
          {error}
          {children}
        </div>
      ) : null}
    </div>
  );
}

export function PriceCell({ variant, productVersion }: { variant: TableVariant; productVersion: number }) {
  const trpc = useTRPC();
  const { write, reload } = useWriteVariant();
  const [conflict, setConflict] = useState(false);
  const edit = useDraft(() => setConflict(false));
  const { draft, setDraft, setError } = edit;
  const value = formatMajor(variant.priceMinor);
  const mutation = useMutation(
    trpc.seller.products.updatePrice.mutationOptions({
      onSuccess(res) {
        write(res.live, { id: res.productId, version: res.productVersion });
        edit.done();
        setConflict(false);
      },
      onError(err) {
        const e = describeError(err);
        setConflict(e.appCode === "VERSION_CONFLICT");
        setError(e.appCode === "VERSION_CONFLICT" ? "Someone changed this product since you loaded it." : (e.fieldErrors.priceMinor ?? e.message));
      },
    }),
  );
  const save = () => {
    if (draft === null || draft.trim() === value) return setDraft(null);
    const minor = parseMoney(draft);
    if (minor === null || minor < 1) return setError("Enter a price such as 12.50");
    mutation.mutate({ variantId: variant.id, priceMinor: minor, expectedVersion: productVersion });
  };
  return (
    <EditField edit={edit} label={`Price for ${variant.sku}`} value={value} onSave={save} pending={mutation.isPending} inputMode="decimal">
      {conflict ? (
        <>
          {" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={async () => {
              await reload();
              setError("Reloaded. Press Enter to save your price again, or Escape to keep the current one.");
              setConflict(false);
            }}
          >
            Reload
          </button>
        </>
      ) : null}
    </EditField>
  );
}

export function StockCell({ variant }: { variant: TableVariant }) {
  const trpc = useTRPC();
  const { write } = useWriteVariant();
  const edit = useDraft();
  const { draft, setDraft, setError } = edit;
  const value = String(variant.stock);
  const mutation = useMutation(
    trpc.seller.inventory.adjust.mutationOptions({
      onSuccess(res) {
        write(res.live);
        edit.done();
      },
      onError(err) {
        const e = describeError(err);
        const { currentStock: current, live } = detailsOf(err) as { currentStock?: unknown; live?: VariantLive };
        if (e.appCode === "VERSION_CONFLICT" && typeof current === "number") {
          // Show the stock as it is now; the draft stays, so Enter retries against it.
          if (live) write(live);
          setError(`Stock changed to ${current} since you loaded it. Press Enter to set it to ${draft} anyway, or Escape to keep ${current}.`);
        } else setError(e.fieldErrors.delta ?? e.message);
      },
    }),
  );
  const save = () => {
    if (draft === null) return;
    const t = draft.trim();
    if (!/^\d{1,7}$/.test(t)) return setError("Enter a whole number of 0 or more");
    const next = Number(t);
    if (next === variant.stock) return setDraft(null);
    mutation.mutate({ variantId: variant.id, delta: next - variant.stock, reason: "CORRECTION", expectedStock: variant.stock });
  };
  return (
    <EditField edit={edit} label={`Stock for ${variant.sku}`} value={value} onSave={save} pending={mutation.isPending} inputMode="numeric" />
  );
}
