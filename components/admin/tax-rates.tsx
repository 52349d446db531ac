"use client";
// The admins' tax rates by destination (decision 190): add one, change one, remove one. The server
// checks every field (shared/tax.ts), refuses a second rate for the same zone, and audits changes.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError, parseForm } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { ZCreateTaxRateInput } from "@/shared/tax";

export interface TaxRateView {
  id: string;
  country: string;
  region: string;
  name: string;
  rate: string;
  appliesToShipping: boolean;
  updatedAt: string;
}

const EMPTY = { country: "", region: "", name: "", rate: "", appliesToShipping: false };
const FIELDS = ["country", "region", "name", "rate"] as const;

export function TaxRates({ rates }: { rates: TaxRateView[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const base = useId();
  const idOf = (f: string) => `${base}-${f}`;
  const onError = (err: unknown) => {
    const e = describeError(err);
    setFieldErrors(e.fieldErrors);
    setMessage({ tone: "error", text: Object.values(e.fieldErrors)[0] ?? e.message });
  };
  const saved = (verb: string) => (r: { country: string; region: string; name: string; rate: string }) => {
    setMessage({ tone: "ok", text: `${verb}: ${r.name} ${r.rate}% for ${r.country}${r.region ? ` ${r.region}` : ""}` });
    setForm(EMPTY);
    setEditing(null);
    router.refresh();
  };
  const create = useMutation(trpc.admin.taxRates.create.mutationOptions({ onSuccess: saved("Added"), onError }));
  const update = useMutation(trpc.admin.taxRates.update.mutationOptions({ onSuccess: saved("Saved"), onError }));
  const remove = useMutation(
    trpc.admin.taxRates.remove.mutationOptions({
      onSuccess: () => {
        setMessage({ tone: "ok", text: "Rate removed" });
        router.refresh();
      },
      onError,
    }),
  );
  const set = (k: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: k === "appliesToShipping" ? e.target.checked : e.target.value }));
  const input = (f: (typeof FIELDS)[number], label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={idOf(f)} className="font-medium">{label}</label>
      <input
        id={idOf(f)}
        value={form[f]}
        onChange={set(f)}
        autoComplete="off"
        aria-invalid={fieldErrors[f] ? true : undefined}
        aria-describedby={fieldErrors[f] ? `${idOf(f)}-error` : undefined}
        className="rounded-md border border-slate-300 px-2 py-1"
        {...props}
      />
      {fieldErrors[f] ? <p id={`${idOf(f)}-error`} className="max-w-56 text-xs text-red-700">{fieldErrors[f]}</p> : null}
    </div>
  );
  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label={editing ? "Change a tax rate" : "Add a tax rate"}
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          const parsed = parseForm(ZCreateTaxRateInput, form);
          setFieldErrors(parsed.fieldErrors ?? {});
          if (parsed.fieldErrors) {
            const first = FIELDS.find((f) => parsed.fieldErrors![f]);
            if (first) document.getElementById(idOf(first))?.focus();
            return;
          }
          if (editing) update.mutate({ id: editing, ...form });
          else create.mutate(form);
        }}
      >
        {input("country", "Country code", { placeholder: "US", maxLength: 2, className: "w-20 rounded-md border border-slate-300 px-2 py-1 uppercase" })}
        {input("region", "Region (empty: whole country)", { placeholder: "CA", className: "w-40 rounded-md border border-slate-300 px-2 py-1" })}
        {input("name", "Name shown to shoppers", { placeholder: "Sales tax", className: "w-40 rounded-md border border-slate-300 px-2 py-1" })}
        {input("rate", "Rate (%)", { placeholder: "8.875", inputMode: "decimal", className: "w-24 rounded-md border border-slate-300 px-2 py-1" })}
        <label className="flex items-center gap-2 pb-1 text-sm">
          <input type="checkbox" checked={form.appliesToShipping} onChange={set("appliesToShipping")} />
          Applies to shipping
        </label>
        <Button type="submit" pending={create.isPending || update.isPending} pendingLabel="Saving…">{editing ? "Save changes" : "Add rate"}</Button>
        {editing ? (
          <Button type="button" variant="secondary" onClick={() => { setEditing(null); setForm(EMPTY); setFieldErrors({}); }}>
            Cancel
          </Button>
        ) : null}
        {message ? (
          <p role={message.tone === "error" ? "alert" : "status"} className={`w-full text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {message.text}
          </p>
        ) : null}
      </form>
      <DataTable
        columns={["Country", "Region", "Name", { label: "Rate", className: "text-right" }, "Shipping", "Updated", ""]}
        rowCount={rates.length}
        empty="No tax rates yet: orders are placed without tax."
      >
        {rates.map((r) => {
          const zone = `${r.country}${r.region ? ` ${r.region}` : ""}`;
          return (
            <tr key={r.id} data-testid="tax-rate-row">
              <td className="p-3 font-medium">{r.country}</td>
              <td className="p-3">{r.region || <span className="text-slate-500">Whole country</span>}</td>
              <td className="p-3">{r.name}</td>
              <td className="p-3 text-right tabular-nums">{`${r.rate}%`}</td>
              <td className="p-3">{r.appliesToShipping ? "Taxed" : "Not taxed"}</td>
              <td className="p-3"><DateTime value={r.updatedAt} /></td>
              <td className="flex justify-end gap-2 p-3">
                <Button
                  variant="secondary"
                  className="px-2 py-1"
                  onClick={() => {
                    setEditing(r.id);
                    setForm({ country: r.country, region: r.region, name: r.name, rate: r.rate, appliesToShipping: r.appliesToShipping });
                    setFieldErrors({});
                    setMessage(null);
                  }}
                >
                  {`Edit ${zone}`}
                </Button>
                <Button variant="secondary" className="px-2 py-1" disabled={remove.isPending} onClick={() => remove.mutate({ id: r.id })}>
                  {`Remove ${zone}`}
                </Button>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
