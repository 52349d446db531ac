import type { Metadata } from "next";
import { requireRole } from "@/server/auth/guards";
import { ImportForm } from "@/components/seller/import/import-form";
import { COLUMNS, MAX_ROWS } from "@/server/services/seller-catalog/format";

export const metadata: Metadata = { title: "Import products" };

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
        <table className="mt-3 w-full text-left">
          <thead>
            <tr className="text-xs uppercase text-slate-600">
              <th scope="col" className="py-1 pr-3">
                Column
              </th>
              <th scope="col" className="py-1 pr-3">
                Required
              </th>
              <th scope="col" className="py-1">
                Meaning
              </th>
            </tr>
          </thead>
          <tbody>
            {COLUMNS.map((c) => (
              <tr key={c.name} className="border-t border-slate-100">
                <td className="py-1 pr-3 font-mono text-xs">{c.name}</td>
                <td className="py-1 pr-3">{c.required ? "yes" : "no"}</td>
                <td className="py-1">{c.doc}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
