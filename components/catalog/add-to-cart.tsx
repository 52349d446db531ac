"use client";
import { useTranslations } from "next-intl";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useDescribeError } from "@/client/i18n-errors";
import { useTRPC } from "@/client/trpc";
import { Button } from "@/components/ui/button";
import { FieldError, Labelled } from "@/components/ui/field";
import { MAX_LINE_QUANTITY } from "@/shared/stock";

/**
 * Quantity and "Add to cart" for one variant, through `cart.add`
 * ({ variantId, quantity 1..MAX_LINE_QUANTITY } -> { itemCount }). Success is announced inline with a link to
 * the cart; a refusal (e.g. INSUFFICIENT_STOCK) is shown next to the button. Give it a `key`
 * per variant so quantity and status start afresh when the variant changes.
 */
export function AddToCart({ variantId, stock }: { variantId: string; stock: number }) {
  const t = useTranslations("product.addToCart");
  const trpc = useTRPC();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const id = useId();
  const max = Math.max(0, Math.min(stock, MAX_LINE_QUANTITY));
  const soldOut = max === 0;
  const [quantityText, setQuantityText] = useState("1");
  const [quantityError, setQuantityError] = useState<string | null>(null);

  const add = useMutation(
    trpc.cart.add.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() }),
      onError: (error) => {
        // The shown stock was stale: fetch the product again so badge and limits catch up.
        if (error.data?.appCode === "INSUFFICIENT_STOCK") void queryClient.invalidateQueries({ queryKey: trpc.catalog.bySlug.pathKey() });
      },
    }),
  );

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const quantity = Number(quantityText);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > max) {
      setQuantityError(max === 1 ? t("onlyOne") : t("range", { max }));
      return;
    }
    setQuantityError(null);
    add.mutate({ variantId, quantity });
  }

  const errorId = `${id}-error`;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <div className="flex flex-wrap items-end gap-3">
        <Labelled id={`${id}-qty`} label={t("quantity")}>
          <input
            id={`${id}-qty`}
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.max(1, max)}
            step={1}
            value={quantityText}
            onChange={(e) => {
              setQuantityText(e.target.value);
              setQuantityError(null);
            }}
            disabled={soldOut}
            aria-invalid={quantityError ? true : undefined}
            aria-describedby={quantityError ? errorId : undefined}
            className={`w-20 rounded-md border px-3 py-2 text-sm shadow-sm disabled:bg-slate-100 ${quantityError ? "border-red-600" : "border-slate-300"}`}
          />
        </Labelled>
        {/* A disabled button says why: "Sold out" while the chosen variant has none. */}
        <Button type="submit" pending={add.isPending} pendingLabel={t("adding")} disabled={soldOut} className="min-w-36">
          {soldOut ? t("soldOut") : t("add")}
        </Button>
      </div>
      <FieldError id={errorId} error={quantityError} />
      {soldOut ? (
        <p className="text-sm text-slate-700" data-testid="sold-out">
          {t("soldOutNote")}
        </p>
      ) : null}
      {add.isError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {describe(add.error).message}
        </p>
      ) : null}
      <p role="status" className="text-sm text-emerald-800 empty:hidden">
        {add.isSuccess ? (
          <>
            {t("added")}{" "}
            <Link href="/cart" className="font-medium text-brand-700 underline">
              {t("viewCart")}
            </Link>
          </>
        ) : null}
      </p>
    </form>
  );
}
