// The frame every list page's table shares: a scrollable bordered table with column headers,
// or an empty state when there are no rows.
export interface Column {
  label: string;
  /** e.g. "text-right" for numbers */
  className?: string;
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{children}</p>;
}

export function DataTable({ columns, rowCount, empty, children }: { columns: (string | Column)[]; rowCount: number; empty: React.ReactNode; children: React.ReactNode }) {
  if (rowCount === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            {columns.map((c) => {
              const col = typeof c === "string" ? { label: c } : c;
              return (
                <th key={col.label} scope="col" className={`p-3${col.className ? ` ${col.className}` : ""}`}>
                  {col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}
