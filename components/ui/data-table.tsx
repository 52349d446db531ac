// The frame every list page's table shares: a scrollable bordered table with column headers,
// or an empty state when there are no rows.
export interface Column {
  label: string;
  /** e.g. "text-right" for numbers */
  className?: string;
}

/** A dashed box saying there is nothing to list; `compact` for one inside a busier page. */
export function EmptyState({ compact = false, children }: { compact?: boolean; children: React.ReactNode }) {
  const size = compact ? "p-6 text-sm" : "p-8";
  return <p className={`rounded-lg border border-dashed border-slate-300 bg-white text-center text-slate-600 ${size}`}>{children}</p>;
}

/** The bordered, scrollable table with its column headers; `children` are the rows. */
export function TableFrame({ columns, testId, children }: { columns: (string | Column)[]; testId?: string; children: React.ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid={testId}>
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

export function DataTable({ columns, rowCount, empty, children }: { columns: (string | Column)[]; rowCount: number; empty: React.ReactNode; children: React.ReactNode }) {
  if (rowCount === 0) return <EmptyState>{empty}</EmptyState>;
  return <TableFrame columns={columns}>{children}</TableFrame>;
}
