"use client";
import { useLocale, useTranslations } from "next-intl";
// The discount code box of the cart and the checkout (decision 172): the code is checked by the
// server at once; a refusal says why (unknown, expired, not started, used up, below the minimum,
// nothing eligible) and changes nothing. Not a <form>: the checkout's form holds it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { useDescribeError } from "@/client/i18n-errors";
import { Button } from "@/components/ui/button";
import { useFormatMoney } from "@/components/ui/price";
import type { DiscountRefusal } from "@/shared/promotions";

export interface CartDiscountView {
  code: string;
  applied: boolean;
  message: string | null;
  refusal?: DiscountRefusal | null;
  discountMinor: number;
  parts: { storeId: string; storeName: string; subtotalMinor: number; discountMinor: number; totalMinor: number }[];
}

export function DiscountCode({ discount, currency }: { discount: CartDiscountView | null; currency: string }) {
  const t = useTranslations("discount");
  const refusalText = useTranslations("discount.refusal");
  const locale = useLocale();
  const describeError = useDescribeError();
  const fmt = useFormatMoney();
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
    else setError(t("enter"));
  };

  if (discount) {
    return (
      <div className="flex flex-col gap-2 text-sm" data-testid="discount">
        <div className="flex items-center justify-between gap-2">
          <span>
            {t.rich("code", { code: () => <strong>{discount.code}</strong> })}
          </span>
          <Button variant="ghost" onClick={() => remove.mutate()} pending={remove.isPending} aria-label={t("removeLabel", { code: discount.code })}>
            {t("remove")}
          </Button>
        </div>
        {discount.applied ? (
          discount.parts.length > 1 ? (
            <ul className="flex flex-col gap-1" aria-label={t("perSeller")}>
              {discount.parts.map((p) => (
                <li key={p.storeId} className="flex justify-between gap-2">
                  <span className="min-w-0 break-words">{p.storeName}</span>
                  <span data-testid="part-saving">{p.discountMinor > 0 ? `−${fmt(p.discountMinor, currency)}` : t("noSaving")}</span>
                </li>
              ))}
            </ul>
          ) : null
        ) : (
          <p role="alert" className="text-red-700">
            {t("notApplied", {
              // The server's reason is English; another language says it from the refusal's code.
              message: locale !== "en" && discount.refusal ? refusalText(discount.refusal) : (discount.message ?? ""),
            })}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1 text-sm" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={id} className="font-medium text-slate-800">
        {t("label")}
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
        <Button variant="secondary" onClick={submit} pending={apply.isPending} pendingLabel={t("checking")}>
          {t("apply")}
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
