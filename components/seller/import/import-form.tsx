"use client";
// Choose a file -> dry run (counts and errors by line) -> apply, with progress for both. The
// server streams NDJSON progress lines from app/seller/import/run/route.ts.
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CompactTable, type CompactColumn } from "@/components/ui/compact-table";
import { countOf } from "@/components/ui/count";
import { Labelled } from "@/components/ui/field";
import { TitledSection } from "@/components/ui/titled-section";
import { useTRPC } from "@/client/trpc";
import type { DryRunResult, ImportCounts, ImportProgress } from "@/server/services/seller-catalog/import-products";
import type { RowError } from "@/server/services/seller-catalog/read-import";

// Types only (erased at build): the wire format is the service's own result types.
type Counts = ImportCounts;
type Progress = ImportProgress;
type Line =
  | ({ type: "progress" } & Progress)
  | ({ type: "result"; mode: "dry-run" } & DryRunResult)
  | { type: "result"; mode: "apply"; counts: Counts }
  | { type: "error"; message: string; appCode?: string; details?: { errors?: RowError[]; errorCount?: number } | null };

async function run(file: File, mode: "dry-run" | "apply", token: string | null, onProgress: (p: Progress) => void): Promise<Line> {
  const qs = new URLSearchParams({ mode, ...(token ? { token } : {}) });
  let res: Response;
  try {
    res = await fetch(`/seller/import/run?${qs}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
  } catch {
    return { type: "error", message: "Could not reach the server. Check your connection and try again." };
  }
  // A refusal before the run starts (sign-in, role, a bad request) is one JSON error body.
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as Omit<Extract<Line, { type: "error" }>, "type"> | null;
    return { type: "error", message: body?.message ?? `The server answered ${res.status}.`, appCode: body?.appCode, details: body?.details };
  }
  if (!res.body) return { type: "error", message: "The server sent no answer." };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let last: Line | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if (line.type === "progress") onProgress(line);
      else last = line;
    }
    if (done) break;
  }
  if (buffer.trim()) last = JSON.parse(buffer) as Line;
  return last ?? { type: "error", message: "The import stopped without an answer. Nothing was changed." };
}

/** The dry run's headline counts: key in the counts, label. */
const DRY_RUN_COUNTS = [
  ["create", "To create"],
  ["update", "To update"],
  ["unchanged", "Unchanged"],
] as const;

const ERROR_COLUMNS: CompactColumn<RowError>[] = [
  { label: "Line", className: "tabular-nums", cell: (e) => e.line },
  { label: "Column", className: "font-mono text-xs", cell: (e) => e.column ?? "" },
  { label: "Problem", cell: (e) => e.message },
];

const PHASES: Record<Progress["phase"], string> = { reading: "Reading the file", checking: "Checking rows", writing: "Writing changes", done: "Finishing" };

export function ImportForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<"dry-run" | "apply" | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<{ message: string; errors?: RowError[] } | null>(null);
  const [applied, setApplied] = useState<Counts | null>(null);

  const reset = () => {
    setDry(null);
    setError(null);
    setApplied(null);
    setProgress(null);
  };

  async function check() {
    if (!file) return setError({ message: "Choose a CSV file first." });
    reset();
    setBusy("dry-run");
    const out = await run(file, "dry-run", null, setProgress);
    setBusy(null);
    setProgress(null);
    if (out.type === "result" && out.mode === "dry-run") setDry(out);
    else if (out.type === "error") setError({ message: out.message });
  }

  async function apply() {
    if (!file || !dry) return;
    setBusy("apply");
    setError(null);
    const out = await run(file, "apply", dry.token, setProgress);
    setBusy(null);
    setProgress(null);
    if (out.type === "result" && out.mode === "apply") {
      setApplied(out.counts);
      setDry(null);
      await queryClient.invalidateQueries(trpc.seller.products.list.pathFilter());
    } else if (out.type === "error") {
      // A stale dry run or new errors: the seller must check the file again.
      setDry(null);
      setError({ message: out.message, errors: out.details?.errors });
    }
  }

  const changes = dry ? dry.counts.create + dry.counts.update : 0;
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <form
        aria-label="Import file"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <Labelled id="import-file" label="CSV file">
          <input
            ref={inputRef}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="text-sm"
            disabled={busy !== null}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
        </Labelled>
        <Button type="submit" variant="secondary" disabled={!file || busy !== null}>
          Check file (dry run)
        </Button>
      </form>

      {progress && busy ? (
        <div className="flex flex-col gap-1" role="status" aria-live="polite">
          <progress
            aria-label={busy === "apply" ? "Import progress" : "Check progress"}
            max={progress.total || 1}
            value={progress.done}
            className="h-2 w-full"
          />
          <span className="text-sm text-slate-700">
            {PHASES[progress.phase]}
            {progress.total > 1 ? `: ${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")}` : "…"}
          </span>
        </div>
      ) : busy ? (
        <p role="status" className="text-sm text-slate-700">
          {busy === "apply" ? "Applying…" : "Checking…"}
        </p>
      ) : null}

      {error ? (
        <Alert>
          <p>{error.message}</p>
          {error.errors?.length ? (
            <ul className="mt-2 list-disc pl-5">
              {error.errors.slice(0, 20).map((e, i) => (
                <li key={i}>
                  Line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      {applied ? (
        <Alert tone="success">
          Import applied: {applied.create} variants created ({applied.productsCreate} new products), {applied.update} updated, {applied.unchanged} unchanged.{" "}
          <Link href="/seller/products" className="font-medium underline">
            View products
          </Link>
        </Alert>
      ) : null}

      {dry ? (
        <TitledSection
          id="dry-run-heading"
          title={`Dry run: ${dry.rowCount.toLocaleString("en-US")} rows checked`}
          className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
        >
          <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="dry-run-counts">
            {DRY_RUN_COUNTS.map(([key, label]) => (
              <div key={key}>
                <dt className="text-slate-600">{label}</dt>
                <dd className="text-xl font-semibold" data-testid={`count-${key}`}>
                  {dry.counts[key]}
                </dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-slate-600">
            {dry.counts.productsCreate} new products, {dry.counts.productsUpdate} changed products, {dry.counts.priceChanges} price changes,{" "}
            {dry.counts.stockChanges} stock changes (recorded in the inventory ledger).
          </p>
          {dry.errorCount > 0 ? (
            <>
              <Alert>
                {countOf(dry.errorCount, "problem")} must be fixed before this file can be imported. Nothing has been changed.
              </Alert>
              <CompactTable
                className="text-sm"
                testId="import-errors"
                caption="Problems in the file"
                columns={ERROR_COLUMNS}
                rows={dry.errors}
                rowKey={(_, i) => i}
                rowTestId="import-error"
              />
              {dry.errorCount > dry.errors.length ? <p className="text-sm text-slate-600">Showing the first {dry.errors.length}.</p> : null}
            </>
          ) : changes === 0 ? (
            <Alert tone="info">Nothing to change: your catalogue already matches this file.</Alert>
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => void apply()} disabled={busy !== null}>
                Apply import ({changes} {changes === 1 ? "change" : "changes"})
              </Button>
              <span className="text-sm text-slate-600">All rows are applied together, or none.</span>
            </div>
          )}
        </TitledSection>
      ) : null}
    </div>
  );
}
