// A light table without a frame (small uppercase headers, rows split by thin lines), for lists
// inside a panel: the CSV columns of the import page, the problems a dry run found.
export interface CompactColumn<Row> {
  label: string;
  /** extra classes of this column's cells, e.g. "font-mono text-xs" */
  className?: string;
  cell: (row: Row) => React.ReactNode;
}

export function CompactTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  className = "",
  testId,
  rowTestId,
}: {
  columns: CompactColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  /** for screen readers only */
  caption?: string;
  className?: string;
  testId?: string;
  rowTestId?: string;
}) {
  // Every column but the last keeps a gap to its right.
  const pad = (i: number) => (i < columns.length - 1 ? "py-1 pr-3" : "py-1");
  return (
    <table className={`w-full text-left ${className}`} data-testid={testId}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead className="text-xs uppercase text-slate-600">
        <tr>
          {columns.map((c, i) => (
            <th key={c.label} scope="col" className={pad(i)}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} className="border-t border-slate-100" data-testid={rowTestId}>
            {columns.map((c, i) => (
              <td key={c.label} className={c.className ? `${pad(i)} ${c.className}` : pad(i)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
