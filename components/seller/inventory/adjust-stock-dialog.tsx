"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { SELLER_STOCK_REASONS, type SellerStockReason } from "@/shared/stock";

const REASON_CHOICE: Record<SellerStockReason, string> = {
  RESTOCK: "Restock (goods arrived)",
  CORRECTION: "Correction (count was wrong)",
  DAMAGE: "Damage or loss",
};

/** "Adjust stock" for one variant: a signed change with a reason and a note, through the ledger. */
export function AdjustStockButton({ variantId, sku, stock, onAdjusted }: { variantId: string; sku: string; stock: number; onAdjusted?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setOpen(true)} aria-label={`Adjust stock of ${sku}`}>
        Adjust stock
      </Button>
      {open ? <AdjustStockDialog variantId={variantId} sku={sku} stock={stock} onClose={() => setOpen(false)} onAdjusted={onAdjusted} /> : null}
    </>
  );
}

function AdjustStockDialog({ variantId, sku, stock, onClose, onAdjusted }: { variantId: string; sku: string; stock: number; onClose: () => void; onAdjusted?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const firstRef = useRef<HTMLSelectElement>(null);
  const [reason, setReason] = useState<SellerStockReason>("RESTOCK");
  const [delta, setDelta] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    firstRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const adjust = useMutation(
    trpc.seller.inventory.adjust.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.seller.inventory.movements.queryKey({ variantId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.seller.products.get.pathKey() }),
        ]);
        onAdjusted?.();
        onClose();
      },
      onError: (err) => {
        const d = describeError(err);
        setErrors(d.fieldErrors);
        setMessage(d.message);
      },
    }),
  );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    // The dialog may be opened from inside another form (the product editor): React events
    // bubble through portals, so keep this submit from reaching that form.
    e.stopPropagation();
    const n = Number(delta.trim());
    if (!/^[+-]?\d+$/.test(delta.trim()) || n === 0) {
      setErrors({ delta: "Enter a whole number other than 0, e.g. 10 or -2" });
      return;
    }
    setErrors({});
    setMessage(null);
    adjust.mutate({ variantId, delta: n, reason, note });
  }

  return createPortal(
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl">
        <h2 id={titleId} className="text-lg font-semibold">
          Adjust stock of {sku}
        </h2>
        <p className="mb-3 text-sm text-slate-600">In stock now: {stock}</p>
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <SelectField
            id={`${titleId}-reason`}
            label="Reason"
            ref={firstRef}
            value={reason}
            onChange={(e) => setReason(e.target.value as typeof reason)}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
            choices={SELLER_STOCK_REASONS.map((r) => [r, REASON_CHOICE[r]] as const)}
          />
          <Field
            label="Change in quantity"
            hint="Positive adds stock, negative removes it (e.g. -2)"
            inputMode="numeric"
            value={delta}
            onChange={(e) => setDelta(e.target.value)}
            error={errors.delta}
          />
          <Field label="Note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} error={errors.note} />
          {message && !errors.delta ? <Alert>{message}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" pending={adjust.isPending} pendingLabel="Saving…">Save adjustment</Button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
