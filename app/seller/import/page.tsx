import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { ImportForm } from "@/components/seller/import/import-form";
import { CompactTable, type CompactColumn } from "@/components/ui/compact-table";
import { COLUMNS, MAX_ROWS } from "@/server/services/seller-catalog/format";

export const metadata: Metadata = { title: "Import products" };

const CSV_COLUMNS: CompactColumn<(typeof COLUMNS)[number]>[] = [
  { label: "Column", className: "font-mono text-xs", cell: (c) => c.name },
  { label: "Required", cell: (c) => (c.required ? "yes" : "no") },
  { label: "Meaning", cell: (c) => c.doc },
];

export default async function SellerImportPage() {
  await requireRole("SELLER", "/seller/import");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Import products</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Create and update products, variants, prices and stock from a CSV file (UTF-8, one row per variant, up to {MAX_ROWS.toLocaleString("en-US")} rows).
        First check the file: nothing changes until you apply it, and the whole file is applied at once or not at all. The products page&apos;s{" "}
        <strong>Export CSV</strong> gives a file in this format. Variants missing from the file are left as they are.
      </p>
      <ImportForm />
      <details className="max-w-3xl rounded-md border border-slate-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-medium">CSV columns</summary>
        <CompactTable className="mt-3" columns={CSV_COLUMNS} rows={COLUMNS} rowKey={(c) => c.name} />
      </details>
    </div>
  );
}
