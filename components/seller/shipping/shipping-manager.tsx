"use client";
// A seller's shipping zones and rates (/seller/shipping, decision 194): the zones listed with
// their options, a form to add or edit a zone (countries, optional regions, rest of world) with
// its options (flat, by weight, by subtotal; free from an amount).
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { countryChoices, countryName } from "@/shared/countries";
import { formatMajor, formatMoney, parseMoney } from "@/shared/money";

type Kind = "FLAT" | "WEIGHT" | "SUBTOTAL";
interface RateRow {
  key: string;
  id?: string;
  name: string;
  kind: Kind;
  amount: string;
  perKg: string;
  tiers: string;
  freeAbove: string;
}
interface ZoneView {
  id: string;
  name: string;
  countries: string[];
  regions: string[];
  restOfWorld: boolean;
  rates: { id: string; name: string; kind: Kind; amountMinor: number; perKgMinor: number; tiers: { fromMinor: number; costMinor: number }[]; freeAboveMinor: number | null; currency: string }[];
}

let rowSeq = 0;
const newRow = (): RateRow => ({ key: `r${++rowSeq}`, name: "", kind: "FLAT", amount: "", perKg: "", tiers: "0 = ", freeAbove: "" });

/** "0 = 4.99, 100 = 2.99" -> tiers; null when a pair cannot be read. */
function parseTiers(text: string): { fromMinor: number; costMinor: number }[] | null {
  const pairs = text.split(/[,\n;]/).map((p) => p.trim()).filter(Boolean);
  const tiers = pairs.map((p) => {
    const [from, cost] = p.split("=").map((x) => x?.trim() ?? "");
    const fromMinor = parseMoney(from ?? "");
    const costMinor = parseMoney(cost ?? "");
    return fromMinor === null || costMinor === null ? null : { fromMinor, costMinor };
  });
  return tiers.some((t) => t === null) || tiers.length === 0 ? null : (tiers as { fromMinor: number; costMinor: number }[]);
}

/** How a rate is priced, in words. */
export function describeRate(r: ZoneView["rates"][number]): string {
  const m = (n: number) => formatMoney(n, r.currency);
  const base =
    r.kind === "FLAT"
      ? m(r.amountMinor)
      : r.kind === "WEIGHT"
        ? `${m(r.amountMinor)} + ${m(r.perKgMinor)} per kg`
        : r.tiers.map((t) => `${m(t.costMinor)} from ${m(t.fromMinor)}`).join(", ");
  return r.freeAboveMinor !== null ? `${base}; free from ${m(r.freeAboveMinor)}` : base;
}

function rowsOf(zone: ZoneView | null): RateRow[] {
  if (!zone) return [newRow()];
  return zone.rates.map((r) => ({
    key: r.id,
    id: r.id,
    name: r.name,
    kind: r.kind,
    amount: formatMajor(r.amountMinor),
    perKg: formatMajor(r.perKgMinor),
    tiers: r.tiers.map((t) => `${formatMajor(t.fromMinor)} = ${formatMajor(t.costMinor)}`).join(", "),
    freeAbove: r.freeAboveMinor === null ? "" : formatMajor(r.freeAboveMinor),
  }));
}

function ZoneForm({ zone, onDone }: { zone: ZoneView | null; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [rates, setRates] = useState<RateRow[]>(() => rowsOf(zone));
  const [rest, setRest] = useState(zone?.restOfWorld ?? false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation(trpc.seller.shipping.saveZone.mutationOptions());
  const err = save.error ? describeError(save.error) : null;
  const fe = (k: string) => local[k] ?? err?.fieldErrors[k]?.[0];
  const set = (key: string, patch: Partial<RateRow>) => setRates((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function onSubmit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const problems: Record<string, string> = {};
    const money = (text: string, key: string, optional = false) => {
      if (optional && !text.trim()) return null;
      const v = parseMoney(text.trim());
      if (v === null) problems[key] = "Enter an amount like 4.99";
      return v;
    };
    const payload = rates.map((r, i) => {
      if (!r.name.trim()) problems[`rates.${i}.name`] = "Name the option, as shoppers will see it";
      return {
        ...(r.id ? { id: r.id } : {}),
        name: r.name.trim(),
        kind: r.kind,
        amountMinor: r.kind === "SUBTOTAL" ? 0 : (money(r.amount, `rates.${i}.amountMinor`) ?? 0),
        perKgMinor: r.kind === "WEIGHT" ? (money(r.perKg, `rates.${i}.perKgMinor`) ?? 0) : 0,
        tiers: r.kind === "SUBTOTAL" ? (parseTiers(r.tiers) ?? ((problems[`rates.${i}.tiers`] = "Write tiers like 0 = 4.99, 100 = 2.99"), [])) : [],
        freeAboveMinor: money(r.freeAbove, `rates.${i}.freeAboveMinor`, true),
      };
    });
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const regions = String(f.get("regions") ?? "").split(",").map((r) => r.trim()).filter(Boolean);
    try {
      await save.mutateAsync({
        ...(zone ? { id: zone.id } : {}),
        name: String(f.get("name") ?? ""),
        restOfWorld: rest,
        countries: rest ? [] : f.getAll("countries").map(String),
        regions: rest ? [] : regions,
        rates: payload,
      });
      await qc.invalidateQueries({ queryKey: trpc.seller.shipping.zones.queryKey() });
      onDone(zone ? `Saved the zone ${String(f.get("name"))}.` : `Added the zone ${String(f.get("name"))}. Shoppers see its options at checkout now.`);
    } catch {
      // shown from save.error
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={zone ? `Edit zone ${zone.name}` : "New shipping zone"} className="flex max-w-3xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{zone ? `Edit ${zone.name}` : "Add a shipping zone"}</h2>
      {err && Object.keys(err.fieldErrors).length === 0 ? <Alert>{err.message}</Alert> : null}
      <Field label="Zone name" name="name" defaultValue={zone?.name} error={fe("name")} required hint="For you: shoppers see the options' names" />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="restOfWorld" checked={rest} onChange={(e) => setRest(e.target.checked)} /> Rest of world (every address no other zone covers)
      </label>
      {!rest ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id="zone-countries"
            label="Countries"
            name="countries"
            multiple
            size={8}
            defaultValue={zone?.countries ?? []}
            choices={countryChoices()}
            error={fe("countries")}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          />
          <Field
            label="Regions (optional)"
            name="regions"
            defaultValue={zone?.regions.join(", ")}
            error={fe("regions")}
            hint="States or regions within those countries, separated by commas (e.g. CA, California). Empty: the whole countries. A region zone wins over its country's zone."
          />
        </div>
      ) : null}
      <fieldset className="flex flex-col gap-4">
        <legend className="font-medium">Shipping options</legend>
        {fe("rates") ? <p className="text-sm text-red-700">{fe("rates")}</p> : null}
        {rates.map((r, i) => (
          <div key={r.key} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2" data-testid="rate-row">
            <Field label="Option name" value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} error={fe(`rates.${i}.name`)} hint="As shoppers see it, e.g. Standard (3–5 days)" />
            <SelectField
              id={`rate-kind-${r.key}`}
              label="Priced"
              value={r.kind}
              onChange={(e) => set(r.key, { kind: e.target.value as Kind })}
              choices={[["FLAT", "Flat price"], ["WEIGHT", "By weight"], ["SUBTOTAL", "By order subtotal"]]}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            />
            {r.kind !== "SUBTOTAL" ? (
              <Field label={r.kind === "FLAT" ? "Price (USD)" : "Base price (USD)"} inputMode="decimal" value={r.amount} onChange={(e) => set(r.key, { amount: e.target.value })} error={fe(`rates.${i}.amountMinor`)} />
            ) : (
              <Field label="Tiers (subtotal from = price)" value={r.tiers} onChange={(e) => set(r.key, { tiers: e.target.value })} error={fe(`rates.${i}.tiers`)} hint="e.g. 0 = 6.99, 100 = 2.99; one tier starts at 0" />
            )}
            {r.kind === "WEIGHT" ? <Field label="Per kg (USD)" inputMode="decimal" value={r.perKg} onChange={(e) => set(r.key, { perKg: e.target.value })} error={fe(`rates.${i}.perKgMinor`)} hint="For every started kilogram" /> : null}
            <Field label="Free from (USD, optional)" inputMode="decimal" value={r.freeAbove} onChange={(e) => set(r.key, { freeAbove: e.target.value })} error={fe(`rates.${i}.freeAboveMinor`)} hint="Free when your items in the order reach this" />
            {rates.length > 1 ? (
              <div className="flex items-end">
                <button type="button" className="text-sm text-red-700 underline" onClick={() => setRates((rs) => rs.filter((x) => x.key !== r.key))}>
                  Remove option {r.name || i + 1}
                </button>
              </div>
            ) : null}
          </div>
        ))}
        <div>
          <Button type="button" variant="secondary" onClick={() => setRates((rs) => [...rs, newRow()])}>
            Add an option
          </Button>
        </div>
      </fieldset>
      <div className="flex gap-3">
        <Button type="submit" pending={save.isPending} pendingLabel="Saving…">
          {zone ? "Save zone" : "Add zone"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => onDone("")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function ShippingManager() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: zones } = useSuspenseQuery(trpc.seller.shipping.zones.queryOptions());
  const [editing, setEditing] = useState<ZoneView | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const del = useMutation(trpc.seller.shipping.deleteZone.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.seller.shipping.zones.queryKey() }) }));
  const done = (m: string) => {
    setEditing(null);
    setMessage(m || null);
  };
  return (
    <div className="flex flex-col gap-6">
      {message ? <Alert tone="success">{message}</Alert> : null}
      {del.error ? <Alert>{describeError(del.error).message}</Alert> : null}
      {zones.length === 0 ? (
        <Alert>You have no shipping zones: shoppers cannot order your items until you add one.</Alert>
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Shipping zones">
          {zones.map((z) => (
            <li key={z.id} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={`Zone ${z.name}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">{z.name}</h2>
                <div className="flex gap-3 text-sm">
                  <button type="button" className="text-brand-700 underline" onClick={() => setEditing(z)}>
                    Edit {z.name}
                  </button>
                  <button
                    type="button"
                    className="text-red-700 underline"
                    onClick={() => {
                      if (window.confirm(`Delete the zone ${z.name}? Shoppers in it can no longer order your items unless another zone covers them.`)) del.mutate({ id: z.id });
                    }}
                  >
                    Delete {z.name}
                  </button>
                </div>
              </div>
              <p className="text-sm text-slate-600">
                {z.restOfWorld ? "Rest of world" : z.countries.map((c) => countryName(c)).join(", ")}
                {z.regions.length > 0 ? ` — only ${z.regions.join(", ")}` : ""}
              </p>
              <ul className="mt-2 flex flex-col gap-1 text-sm">
                {z.rates.map((r) => (
                  <li key={r.id} className="flex flex-wrap justify-between gap-2">
                    <span>{r.name}</span>
                    <span className="text-slate-700">{describeRate(r)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <ZoneForm key={editing === "new" ? "new" : editing.id} zone={editing === "new" ? null : editing} onDone={done} />
      ) : (
        <div>
          <Button type="button" onClick={() => setEditing("new")}>
            Add a zone
          </Button>
        </div>
      )}
    </div>
  );
}
