"use client";
// Bulk changes from the products table: select variants (a box on each row, or the whole page),
// choose one change (price, a sale with its was price, stock or status) and apply it. The server applies it in one
// transaction by the single edits' rules and reports each row it left as it was (changed by
// someone since the table loaded, below zero …); the table reloads to show the result.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";
import { parseMoney } from "@/shared/money";
import type { TableProduct } from "./inline-edit";

type Action = "price-set" | "price-percent" | "sale-start" | "sale-end" | "stock-set" | "stock-add" | "status";

const ACTIONS: [Action, string][] = [
  ["price-set", "Set price to"],
  ["price-percent", "Change price by %"],
  ["sale-start", "Put on sale: % off"],
  ["sale-end", "End sale (back to the was price)"],
  ["stock-set", "Set stock to"],
  ["stock-add", "Add to stock"],
  ["status", "Set product status"],
];

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm";

export function BulkBar({ items, selected, setSelected }: { items: TableProduct[]; selected: Set<string>; setSelected: (s: Set<string>) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action>("price-set");
  const [value, setValue] = useState("");
  const [status, setStatus] = useState<"ACTIVE" | "DRAFT" | "ARCHIVED">("ACTIVE");
  const [result, setResult] = useState<{ tone: "ok" | "error"; text: string; refused: { sku: string; message: string }[] } | null>(null);
  const all = items.flatMap((p) => p.variants.map((v) => ({ v, p })));
  const allSelected = all.length > 0 && all.every(({ v }) => selected.has(v.id));
  const mutation = useMutation(
    trpc.seller.products.bulkEdit.mutationOptions({
      onSuccess(res) {
        const refused = res.rows.filter((r) => !r.ok).map((r) => ({ sku: r.sku, message: r.ok ? "" : r.message }));
        setResult({ tone: refused.length ? "error" : "ok", text: `Updated ${res.applied} of ${res.rows.length}.${refused.length ? ` ${refused.length} left as they were:` : ""}`, refused });
        setSelected(new Set(res.rows.filter((r) => !r.ok).map((r) => r.variantId)));
        void queryClient.invalidateQueries(trpc.seller.products.list.pathFilter());
      },
      onError(err) {
        const e = describeError(err);
        setResult({ tone: "error", text: Object.values(e.fieldErrors)[0] ?? e.message, refused: [] });
      },
    }),
  );

  function apply() {
    const rows = all.filter(({ v }) => selected.has(v.id)).map(({ v, p }) => ({ variantId: v.id, expectedVersion: p.version, expectedStock: v.stock }));
    if (rows.length === 0) return setResult({ tone: "error", text: "Select at least one variant.", refused: [] });
    const t = value.trim();
    let change;
    if (action === "status") change = { kind: "status" as const, value: status };
    else if (action === "sale-end") change = { kind: "sale" as const, mode: "end" as const };
    else if (action === "sale-start") {
      const pct = Number(t.replace(/%$/, ""));
      if (!t || !Number.isFinite(pct) || pct < 1 || pct > 90) return setResult({ tone: "error", text: "Enter a discount between 1 and 90 %, such as 20", refused: [] });
      change = { kind: "sale" as const, mode: "start" as const, value: pct };
    }
    else if (action === "price-set") {
      const minor = parseMoney(t);
      if (minor === null || minor < 1) return setResult({ tone: "error", text: "Enter a price such as 12.50", refused: [] });
      change = { kind: "price" as const, mode: "set" as const, value: minor };
    } else if (action === "price-percent") {
      const pct = Number(t.replace(/%$/, ""));
      if (!t || !Number.isFinite(pct) || pct < -90 || pct > 1000) return setResult({ tone: "error", text: "Enter a percentage between -90 and 1000, such as -10", refused: [] });
      change = { kind: "price" as const, mode: "percent" as const, value: pct };
    } else {
      if (!/^-?\d{1,7}$/.test(t) || (action === "stock-set" && t.startsWith("-"))) return setResult({ tone: "error", text: action === "stock-set" ? "Enter a whole number of 0 or more" : "Enter a whole number, such as 5 or -2", refused: [] });
      change = action === "stock-set" ? { kind: "stock" as const, mode: "set" as const, value: Number(t) } : { kind: "stock" as const, mode: "add" as const, value: Number(t) };
    }
    setResult(null);
    mutation.mutate({ rows, change });
  }

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3" role="group" aria-label="Bulk changes" data-testid="bulk-bar">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(all.map(({ v }) => v.id)))} />
          Select all on this page
        </label>
        <span className="text-slate-600" aria-live="polite" data-testid="bulk-count">
          {selected.size} selected
        </span>
        <select aria-label="Bulk change" className={control} value={action} onChange={(e) => setAction(e.target.value as Action)}>
          {ACTIONS.map(([a, label]) => (
            <option key={a} value={a}>
              {label}
            </option>
          ))}
        </select>
        {action === "status" ? (
          <select aria-label="New status" className={control} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="ACTIVE">Active</option>
            <option value="DRAFT">Draft</option>
            <option value="ARCHIVED">Archived</option>
          </select>
        ) : action === "sale-end" ? null : (
          <input aria-label="Bulk value" className={`${control} w-28 text-right tabular-nums`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder={action.startsWith("price-set") ? "12.50" : action === "price-percent" ? "-10" : action === "sale-start" ? "20" : "0"} />
        )}
        <Button onClick={apply} pending={mutation.isPending} pendingLabel="Applying…" disabled={selected.size === 0}>
          Apply to {selected.size} selected
        </Button>
      </div>
      {result ? (
        <div role={result.tone === "error" ? "alert" : "status"} className={`text-sm ${result.tone === "error" ? "text-red-800" : "text-emerald-800"}`} data-testid="bulk-result">
          {result.text}
          {result.refused.length ? (
            <ul className="mt-1 list-inside list-disc">
              {result.refused.map((r) => (
                <li key={r.sku}>
                  <span className="font-mono">{r.sku}</span>: {r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
