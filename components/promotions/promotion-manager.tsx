"use client";
// Discount codes of a store (seller) or of the platform (admin): create, edit, deactivate or
// reactivate, each with its usage count. Amounts are typed as money ("5.00") and percentages as
// people write them ("15" or "12.5"); the server keeps minor units and basis points.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DateTime } from "@/components/ui/date-time";
import { formatMajor, formatMoney, parseMoney } from "@/shared/money";
import { formatPercent } from "@/shared/promotions";

type Scope = "seller" | "admin";

function useApi(scope: Scope) {
  const trpc = useTRPC();
  return scope === "seller" ? trpc.seller.promotions : trpc.admin.promotions;
}

interface PromotionView {
  id: string;
  code: string;
  description: string;
  kind: "PERCENT" | "FIXED";
  percentBp: number | null;
  amountMinor: number | null;
  currency: string;
  minSubtotalMinor: number;
  startsAt: Date | string | null;
  endsAt: Date | string | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  productIds: string[];
  categoryIds: string[];
  usedCount: number;
  active: boolean;
  version: number;
}

/** "12.5" -> 1250 basis points; null when not a percentage with at most two decimals. */
function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** A Date to the value of a datetime-local input (the browser's time zone). */
function toLocalInput(d: Date | string | null): string {
  if (!d) return "";
  const x = new Date(d);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${x.getFullYear()}-${pad(x.getMonth() + 1)}-${pad(x.getDate())}T${pad(x.getHours())}:${pad(x.getMinutes())}`;
}

export function statusOf(p: Pick<PromotionView, "active" | "startsAt" | "endsAt" | "usageLimit" | "usedCount">, now = new Date()): string {
  if (!p.active) return "Deactivated";
  if (p.endsAt && new Date(p.endsAt) <= now) return "Expired";
  if (p.usageLimit !== null && p.usedCount >= p.usageLimit) return "Used up";
  if (p.startsAt && new Date(p.startsAt) > now) return "Scheduled";
  return "Active";
}

export function PromotionManager({ scope }: { scope: Scope }) {
  const api = useApi(scope);
  const list = useQuery(api.list.queryOptions());
  const [editing, setEditing] = useState<PromotionView | null>(null);
  return (
    <div className="flex flex-col gap-8">
      <PromotionForm scope={scope} key={editing?.id ?? "new"} editing={editing} onDone={() => setEditing(null)} />
      <section aria-labelledby="promotion-list" className="flex flex-col gap-3">
        <h2 id="promotion-list" className="text-lg font-semibold">
          Your codes
        </h2>
        {list.isPending ? <p className="text-sm text-slate-600">Loading…</p> : null}
        {list.error ? <Alert>{describeError(list.error).message}</Alert> : null}
        {list.data?.length === 0 ? <p className="text-sm text-slate-600">No codes yet.</p> : null}
        <ul className="flex flex-col gap-3">
          {list.data?.map((p) => (
            <li key={p.id}>
              <PromotionCard scope={scope} p={p} onEdit={() => setEditing(p)} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function PromotionCard({ scope, p, onEdit }: { scope: Scope; p: PromotionView; onEdit: () => void }) {
  const api = useApi(scope);
  const qc = useQueryClient();
  const toggle = useMutation(api.setActive.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: api.list.queryKey() }) }));
  const status = statusOf(p);
  const value = p.kind === "PERCENT" ? `${formatPercent(p.percentBp ?? 0)} off` : `${formatMoney(p.amountMinor ?? 0, p.currency)} off`;
  return (
    <article className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="promotion" aria-label={`Code ${p.code}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="break-all font-mono text-base font-semibold">{p.code}</h3>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${status === "Active" ? "bg-green-100 text-green-900" : "bg-slate-100 text-slate-700"}`}>{status}</span>
      </div>
      {p.description ? <p className="text-slate-700">{p.description}</p> : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">Discount</dt>
        <dd>{value}</dd>
        {p.minSubtotalMinor > 0 ? (
          <>
            <dt className="text-slate-500">Minimum</dt>
            <dd>{formatMoney(p.minSubtotalMinor, p.currency)} of eligible items</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Valid</dt>
        <dd>
          {p.startsAt ? <DateTime value={p.startsAt} /> : "now"} – {p.endsAt ? <DateTime value={p.endsAt} /> : "no end"}
        </dd>
        <dt className="text-slate-500">Used</dt>
        <dd data-testid="promotion-usage">
          {p.usageLimit !== null ? `${p.usedCount} of ${p.usageLimit}` : `${p.usedCount} ${p.usedCount === 1 ? "time" : "times"}`}
          {p.perCustomerLimit !== null ? ` · at most ${p.perCustomerLimit} per customer` : ""}
        </dd>
        <dt className="text-slate-500">Applies to</dt>
        <dd>
          {p.productIds.length + p.categoryIds.length === 0
            ? scope === "seller"
              ? "every product of your store"
              : "every product"
            : [p.productIds.length ? `${p.productIds.length} product${p.productIds.length > 1 ? "s" : ""}` : null, p.categoryIds.length ? `${p.categoryIds.length} categor${p.categoryIds.length > 1 ? "ies" : "y"}` : null]
                .filter(Boolean)
                .join(" and ")}
        </dd>
      </dl>
      {toggle.error ? <Alert>{describeError(toggle.error).message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onEdit} aria-label={`Edit ${p.code}`}>
          Edit
        </Button>
        <Button variant="ghost" pending={toggle.isPending} onClick={() => toggle.mutate({ id: p.id, active: !p.active })} aria-label={`${p.active ? "Deactivate" : "Reactivate"} ${p.code}`}>
          {p.active ? "Deactivate" : "Reactivate"}
        </Button>
      </div>
    </article>
  );
}

function PromotionForm({ scope, editing, onDone }: { scope: Scope; editing: PromotionView | null; onDone: () => void }) {
  const api = useApi(scope);
  const qc = useQueryClient();
  const targets = useQuery(api.targets.queryOptions());
  const [kind, setKind] = useState<"PERCENT" | "FIXED">(editing?.kind ?? "PERCENT");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const onSuccess = (p: { code: string }) => {
    setSaved(editing ? `Saved ${p.code}.` : `Created ${p.code}. Shoppers can use it now.`);
    void qc.invalidateQueries({ queryKey: api.list.queryKey() });
    onDone();
  };
  const create = useMutation(api.create.mutationOptions({ onSuccess }));
  const update = useMutation(api.update.mutationOptions({ onSuccess }));
  const error = create.error ?? update.error;
  const err = error ? describeError(error) : null;
  const fe = (k: string) => local[k] ?? err?.fieldErrors[k] ?? err?.fieldErrors[`promotion.${k}`];

  function onSubmit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    setSaved(null);
    const f = new FormData(ev.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    const problems: Record<string, string> = {};
    const percentBp = kind === "PERCENT" ? parsePercent(get("percent")) : null;
    if (kind === "PERCENT" && (percentBp === null || percentBp < 1 || percentBp > 10000)) problems.percentBp = "Enter a percentage from 0.01 to 100, like 15 or 12.5";
    const amountMinor = kind === "FIXED" ? parseMoney(get("amount")) : null;
    if (kind === "FIXED" && !amountMinor) problems.amountMinor = "Enter an amount like 5.00";
    const minSubtotalMinor = get("min") ? parseMoney(get("min")) : 0;
    if (minSubtotalMinor === null) problems.minSubtotalMinor = "Enter an amount like 50.00, or leave it empty";
    const limit = (k: string) => (get(k) ? Number(get(k)) : null);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const promotion = {
      code: get("code"),
      description: get("description"),
      kind,
      percentBp,
      amountMinor,
      minSubtotalMinor: minSubtotalMinor ?? 0,
      startsAt: get("startsAt") ? new Date(get("startsAt")) : null,
      endsAt: get("endsAt") ? new Date(get("endsAt")) : null,
      usageLimit: limit("usageLimit"),
      perCustomerLimit: limit("perCustomerLimit"),
      productIds: f.getAll("productIds").map(String),
      categoryIds: f.getAll("categoryIds").map(String),
    };
    if (editing) update.mutate({ id: editing.id, version: editing.version, promotion });
    else create.mutate(promotion, { onSuccess: () => (ev.target as HTMLFormElement).reset() });
  }

  return (
    <section aria-labelledby="promotion-form" className="flex max-w-2xl flex-col gap-3">
      <h2 id="promotion-form" className="text-lg font-semibold">
        {editing ? `Edit ${editing.code}` : "Create a discount code"}
      </h2>
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {err && Object.keys(err.fieldErrors).length === 0 ? <Alert>{err.message}</Alert> : null}
      <form className="flex flex-col gap-4" onSubmit={onSubmit} noValidate aria-label={editing ? "Edit discount code" : "New discount code"}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Code" name="code" required defaultValue={editing?.code} hint="3 to 32 letters, digits, - or _; shoppers may type it in any case" error={fe("code")} autoComplete="off" />
          <Field label="Description (optional)" name="description" maxLength={200} defaultValue={editing?.description} error={fe("description")} />
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-800">Discount</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" checked={kind === "PERCENT"} onChange={() => setKind("PERCENT")} /> Percentage
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" checked={kind === "FIXED"} onChange={() => setKind("FIXED")} /> Fixed amount
            </label>
          </div>
          {kind === "PERCENT" ? (
            <Field
              label="Percent off"
              name="percent"
              inputMode="decimal"
              defaultValue={editing?.percentBp ? formatPercent(editing.percentBp).replace("%", "") : ""}
              hint="Of the eligible items, rounded down to the cent"
              error={fe("percentBp")}
            />
          ) : (
            <Field label="Amount off (USD)" name="amount" inputMode="decimal" defaultValue={editing?.amountMinor ? formatMajor(editing.amountMinor) : ""} hint="Never more than the eligible items cost" error={fe("amountMinor")} />
          )}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Minimum spend on eligible items (optional)" name="min" inputMode="decimal" defaultValue={editing?.minSubtotalMinor ? formatMajor(editing.minSubtotalMinor) : ""} error={fe("minSubtotalMinor")} />
          <span className="hidden sm:block" />
          <Field label="Starts (optional)" name="startsAt" type="datetime-local" defaultValue={toLocalInput(editing?.startsAt ?? null)} error={fe("startsAt")} />
          <Field label="Ends (optional)" name="endsAt" type="datetime-local" defaultValue={toLocalInput(editing?.endsAt ?? null)} error={fe("endsAt")} />
          <Field label="Total uses (optional)" name="usageLimit" type="number" min={1} inputMode="numeric" defaultValue={editing?.usageLimit ?? ""} error={fe("usageLimit")} />
          <Field label="Uses per customer (optional)" name="perCustomerLimit" type="number" min={1} inputMode="numeric" defaultValue={editing?.perCustomerLimit ?? ""} error={fe("perCustomerLimit")} />
        </div>
        <details className="rounded-md border border-slate-200 p-3 text-sm" open={Boolean(editing && editing.productIds.length + editing.categoryIds.length > 0)}>
          <summary className="cursor-pointer font-medium">Limit to products or categories (none chosen: every {scope === "seller" ? "product of your store" : "product"})</summary>
          {targets.data ? (
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              <fieldset className="flex max-h-64 flex-col gap-1 overflow-y-auto">
                <legend className="font-medium">Categories (with their subcategories)</legend>
                {targets.data.categories.flatMap((c) => [c, ...c.children.map((k) => ({ ...k, child: true }))]).map((c) => (
                  <label key={c.id} className={`flex items-center gap-2 ${"child" in c ? "pl-4" : ""}`}>
                    <input type="checkbox" name="categoryIds" value={c.id} defaultChecked={editing?.categoryIds.includes(c.id)} /> {c.name}
                  </label>
                ))}
              </fieldset>
              {targets.data.products.length > 0 ? (
                <fieldset className="flex max-h-64 flex-col gap-1 overflow-y-auto">
                  <legend className="font-medium">Products</legend>
                  {targets.data.products.map((p) => (
                    <label key={p.id} className="flex items-center gap-2">
                      <input type="checkbox" name="productIds" value={p.id} defaultChecked={editing?.productIds.includes(p.id)} /> <span className="min-w-0 break-words">{p.title}</span>
                    </label>
                  ))}
                </fieldset>
              ) : null}
            </div>
          ) : (
            <p className="mt-2 text-slate-600">Loading…</p>
          )}
        </details>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={create.isPending || update.isPending} pendingLabel="Saving…">
            {editing ? "Save changes" : "Create code"}
          </Button>
          {editing ? (
            <Button variant="ghost" onClick={onDone}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
