"use client";
// The discount code box of the cart and the checkout (decision 172): the code is checked by the
// server at once; a refusal says why (unknown, expired, not started, used up, below the minimum,
// nothing eligible) and changes nothing. Not a <form>: the checkout's form holds it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/shared/money";

export interface CartDiscountView {
  code: string;
  applied: boolean;
  message: string | null;
  discountMinor: number;
  parts: { storeId: string; storeName: string; subtotalMinor: number; discountMinor: number; totalMinor: number }[];
}

export function DiscountCode({ discount, currency }: { discount: CartDiscountView | null; currency: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
  const apply = useMutation(
    trpc.cart.applyCode.mutationOptions({
      onSuccess: () => {
        setCode("");
        setError(null);
        return refresh();
      },
      onError: (err) => {
        const d = describeError(err);
        setError(d.fieldErrors.discountCode ?? d.fieldErrors.code ?? d.message);
      },
    }),
  );
  const remove = useMutation(trpc.cart.removeCode.mutationOptions({ onSuccess: refresh }));
  const submit = () => {
    if (code.trim()) apply.mutate({ code });
    else setError("Enter a code");
  };

  if (discount) {
    return (
      <div className="flex flex-col gap-2 text-sm" data-testid="discount">
        <div className="flex items-center justify-between gap-2">
          <span>
            Code <strong>{discount.code}</strong>
          </span>
          <Button variant="ghost" onClick={() => remove.mutate()} pending={remove.isPending} aria-label={`Remove the code ${discount.code}`}>
            Remove
          </Button>
        </div>
        {discount.applied ? (
          discount.parts.length > 1 ? (
            <ul className="flex flex-col gap-1" aria-label="Saving per seller">
              {discount.parts.map((p) => (
                <li key={p.storeId} className="flex justify-between gap-2">
                  <span className="min-w-0 break-words">{p.storeName}</span>
                  <span data-testid="part-saving">{p.discountMinor > 0 ? `−${formatMoney(p.discountMinor, currency)}` : "no saving"}</span>
                </li>
              ))}
            </ul>
          ) : null
        ) : (
          <p role="alert" className="text-red-700">
            {discount.message} It will not be applied; remove it or change your cart.
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1 text-sm" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="font-medium text-slate-800">
        Discount code
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name="discountCode"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              submit();
            }
          }}
          autoComplete="off"
          autoCapitalize="characters"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 uppercase"
        />
        <Button variant="secondary" onClick={submit} pending={apply.isPending} pendingLabel="Checking…">
          Apply
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
