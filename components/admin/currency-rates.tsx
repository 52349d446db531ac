"use client";
// The admins' display-currency rates: add or change one, remove one. The server checks the code
// and the rate (shared/currency.ts) and audits every change.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError, parseForm } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { SHOP_CURRENCY, ZSetRateInput } from "@/shared/currency";

interface Row {
  currency: string;
  rate: string;
  updatedAt: string;
}

export function CurrencyRates({ rates }: { rates: Row[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [currency, setCurrency] = useState("");
  const [rate, setRate] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const codeId = useId();
  const rateId = useId();
  const onError = (err: unknown) => {
    const e = describeError(err);
    setFieldErrors(e.fieldErrors);
    setMessage({ tone: "error", text: Object.values(e.fieldErrors)[0] ?? e.message });
  };
  const save = useMutation(
    trpc.admin.currencies.set.mutationOptions({
      onSuccess: (r) => {
        setMessage({ tone: "ok", text: `Saved: 1 ${SHOP_CURRENCY} = ${r.rate} ${r.currency}` });
        setCurrency("");
        setRate("");
        router.refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.admin.currencies.remove.mutationOptions({
      onSuccess: (r) => {
        setMessage({ tone: "ok", text: `Removed ${r.removed}` });
        router.refresh();
      },
      onError,
    }),
  );
  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Add or change a rate"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          const parsed = parseForm(ZSetRateInput, { currency, rate });
          setFieldErrors(parsed.fieldErrors ?? {});
          if (parsed.fieldErrors) {
            // The first field in error takes the focus, its message read with it.
            document.getElementById(parsed.fieldErrors.currency ? codeId : rateId)?.focus();
            return;
          }
          save.mutate({ currency, rate });
        }}
      >
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={codeId} className="font-medium">Currency code</label>
          <input id={codeId} value={currency} onChange={(e) => setCurrency(e.target.value)} placeholder="EUR" maxLength={3} autoComplete="off" aria-invalid={fieldErrors.currency ? true : undefined} aria-describedby={fieldErrors.currency ? `${codeId}-error` : undefined} className="w-24 rounded-md border border-slate-300 px-2 py-1 uppercase" />
          {fieldErrors.currency ? <p id={`${codeId}-error`} className="max-w-56 text-xs text-red-700">{fieldErrors.currency}</p> : null}
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={rateId} className="font-medium">{`Rate (per 1 ${SHOP_CURRENCY})`}</label>
          <input id={rateId} value={rate} onChange={(e) => setRate(e.target.value)} placeholder="0.92" inputMode="decimal" autoComplete="off" aria-invalid={fieldErrors.rate ? true : undefined} aria-describedby={fieldErrors.rate ? `${rateId}-error` : undefined} className="w-32 rounded-md border border-slate-300 px-2 py-1" />
          {fieldErrors.rate ? <p id={`${rateId}-error`} className="max-w-56 text-xs text-red-700">{fieldErrors.rate}</p> : null}
        </div>
        <Button type="submit" pending={save.isPending} pendingLabel="Saving…">Save rate</Button>
        {message ? (
          <p role={message.tone === "error" ? "alert" : "status"} className={`w-full text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {message.text}
          </p>
        ) : null}
      </form>
      <DataTable columns={["Currency", { label: `Rate per 1 ${SHOP_CURRENCY}`, className: "text-right" }, "Updated", ""]} rowCount={rates.length} empty="No display currencies yet: shoppers see prices in the shop's currency only.">
        {rates.map((r) => (
          <tr key={r.currency} data-testid="rate-row">
            <td className="p-3 font-medium">{r.currency}</td>
            <td className="p-3 text-right tabular-nums">{r.rate}</td>
            <td className="p-3"><DateTime value={r.updatedAt} /></td>
            <td className="p-3 text-right">
              <Button variant="secondary" className="px-2 py-1" disabled={remove.isPending} onClick={() => remove.mutate({ currency: r.currency })}>
                {`Remove ${r.currency}`}
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
