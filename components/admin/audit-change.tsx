/** Before and after of an audit entry as a key-by-key table, changed values highlighted. */
function show(v: unknown): string {
  if (v === undefined) return "—";
  if (v === null) return "null";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a)) {
    return <pre className="max-w-md overflow-x-auto whitespace-pre-wrap text-xs">{JSON.stringify({ before, after }, null, 2)}</pre>;
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  if (keys.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <table className="text-xs">
      <thead className="sr-only">
        <tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const changed = show(b?.[k]) !== show(a?.[k]);
          return (
            <tr key={k} className={changed ? "" : "text-slate-500"}>
              <th scope="row" className="pr-2 text-left font-medium">{k}</th>
              <td className="pr-2 font-mono">{show(b?.[k])}</td>
              <td className="font-mono">{changed ? <span className="rounded bg-amber-50 px-1">→ {show(a?.[k])}</span> : show(a?.[k])}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
