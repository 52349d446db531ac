"use client";
import type { Ref } from "react";
import { Button } from "@/components/ui/button";
import type { DiffRow } from "./form-state";

/** Shown when a save was refused because someone else saved first: never overwrite silently. */
export function ConflictPanel({
  rows,
  onReload,
  onApplyMine,
  busy,
  ref,
}: {
  ref?: Ref<HTMLElement>;
  rows: DiffRow[];
  onReload: () => void;
  onApplyMine: () => void;
  busy: boolean;
}) {
  return (
    <section ref={ref} tabIndex={-1} role="alert" aria-labelledby="conflict-title" className="scroll-mt-4 outline-none focus-visible:ring-2 focus-visible:ring-amber-500 flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="conflict-panel">
      <h2 id="conflict-title" className="text-lg font-semibold text-amber-900">
        Someone else saved this product while you were editing
      </h2>
      <p className="text-sm text-amber-900">Nothing of yours was saved yet. Compare the fields below. “Reload their version” discards your changes; “Apply mine again” saves the fields you changed on top of the saved version (fields you did not touch keep the saved values).</p>
      {rows.length === 0 ? (
        <p className="text-sm text-amber-900">No field differs from what you typed; applying yours again changes nothing visible.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-amber-300">
                <th scope="col" className="py-1 pr-3">Field</th>
                <th scope="col" className="py-1 pr-3">You loaded</th>
                <th scope="col" className="py-1 pr-3">Saved now</th>
                <th scope="col" className="py-1 pr-3">You typed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-b border-amber-200 align-top" data-testid="conflict-row">
                  <th scope="row" className="py-1 pr-3 font-medium">{r.label}</th>
                  <td className="whitespace-pre-wrap py-1 pr-3">{r.loaded}</td>
                  <td className={`whitespace-pre-wrap py-1 pr-3 ${r.saved !== r.loaded ? "font-semibold" : ""}`}>{r.saved}</td>
                  <td className={`whitespace-pre-wrap py-1 pr-3 ${r.mine !== r.loaded ? "font-semibold" : ""}`}>{r.mine}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={onReload} disabled={busy}>
          Reload their version
        </Button>
        <Button onClick={onApplyMine} disabled={busy}>
          {busy ? "Saving…" : "Apply mine again"}
        </Button>
      </div>
    </section>
  );
}
