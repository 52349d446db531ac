// An audit entry's change, for people: the fields that changed as "before → after", ids shown as
// the names they stand for (users, products, stores, variants, orders), money as money, and long
// or structured values wrapped inside the cell instead of stretching the table.
import Link from "next/link";
import type { AuditName } from "@/server/services/admin/audit";
import { formatMoney } from "@/shared/money";

type Names = Record<string, AuditName>;

const FIELD_LABELS: Record<string, string> = {
  ownerId: "Owner",
  userId: "User",
  storeId: "Store",
  productId: "Product",
  variantId: "Variant",
  orderId: "Order",
  priceMinor: "Price",
  totpEnabled: "Two-factor",
  disabledAt: "Disabled",
  revokedAt: "Revoked",
  orderStatus: "Order status",
  initialStock: "Initial stock",
  otherSessionsSignedOut: "Other sessions signed out",
  sessionsSignedOut: "Sessions signed out",
};

/** "lowStockThreshold" -> "Low stock threshold". */
function fieldLabel(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_.]/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function Value({ field, value, names }: { field: string; value: unknown; names: Names }) {
  if (value === undefined || value === null || value === "") return <span className="text-slate-400">none</span>;
  if (typeof value === "string" && names[value]) {
    const n = names[value];
    return n.href ? (
      <Link href={n.href} className="text-brand-700 underline" title={value}>
        {n.label}
      </Link>
    ) : (
      <span title={value}>{n.label}</span>
    );
  }
  if (typeof value === "number" && /Minor$/.test(field)) return <>{formatMoney(value, "USD")}</>;
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return <>{value.replace("T", " ").replace(/\.\d+Z$/, " UTC")}</>;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object" || v === null)) return <>{value.map(String).join(", ")}</>;
    return (
      <ul className="list-inside list-disc">
        {value.slice(0, 20).map((v, i) => (
          <li key={i} className="break-words">
            {asRecord(v)
              ? Object.entries(v as Record<string, unknown>)
                  .map(([k, x]) => `${fieldLabel(k)}: ${typeof x === "object" ? JSON.stringify(x) : String(x)}`)
                  .join(", ")
              : String(v)}
          </li>
        ))}
        {value.length > 20 ? <li>… {value.length - 20} more</li> : null}
      </ul>
    );
  }
  if (typeof value === "object") return <span className="font-mono">{JSON.stringify(value)}</span>;
  return <>{String(value)}</>;
}

export function AuditChange({ before, after, names = {} }: { before: unknown; after: unknown; names?: Names }) {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before != null && !b) || (after != null && !a)) {
    return <pre className="max-w-full whitespace-pre-wrap break-words text-xs">{JSON.stringify({ before, after }, null, 2)}</pre>;
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  if (keys.length === 0) return <span className="text-slate-500">—</span>;
  const created = before == null;
  const changed = keys.filter((k) => created || !same(b?.[k], a?.[k]));
  const context = keys.filter((k) => !changed.includes(k));
  return (
    <dl className="grid min-w-0 grid-cols-[minmax(5rem,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs" data-testid="audit-change">
      {changed.map((k) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700">{fieldLabel(k)}</dt>
          <dd className="min-w-0 break-words">
            {created ? (
              <Value field={k} value={a?.[k]} names={names} />
            ) : (
              <>
                <span className="text-slate-600 line-through decoration-slate-400">
                  <Value field={k} value={b?.[k]} names={names} />
                </span>
                <span className="text-slate-500">{" → "}</span>
                <span className="rounded bg-amber-50 px-1 font-medium">
                  <Value field={k} value={a?.[k]} names={names} />
                </span>
              </>
            )}
          </dd>
        </div>
      ))}
      {context.map((k) => (
        <div key={k} className="contents text-slate-500">
          <dt>{fieldLabel(k)}</dt>
          <dd className="min-w-0 break-words">
            <Value field={k} value={a?.[k]} names={names} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
