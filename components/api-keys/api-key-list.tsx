// The keys of a store (or the platform's), newest first: one card per key (readable at phone
// width): name and state, the public prefix, scopes, when it was made and by whom, its last use
// (time and address) and expiry, and Revoke for keys still active.
import type { ApiKeyView } from "@/server/services/api-keys";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/data-table";
import { API_KEY_PREFIX } from "@/shared/api-scopes";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

function stateOf(k: ApiKeyView, now: Date): { label: string; className: string } {
  if (k.revokedAt) return { label: "Revoked", className: "bg-slate-200 text-slate-700" };
  if (k.expiresAt && new Date(k.expiresAt) <= now) return { label: "Expired", className: "bg-amber-100 text-amber-900" };
  return { label: "Active", className: "bg-emerald-100 text-emerald-800" };
}

export function ApiKeyList({ owner, keys, now = new Date() }: { owner: "seller" | "admin"; keys: ApiKeyView[]; now?: Date }) {
  if (keys.length === 0) return <EmptyState compact>No keys yet. Create one above to connect another program.</EmptyState>;
  return (
    <ul className="flex flex-col gap-3" aria-label="API keys">
      {keys.map((k) => {
        const state = stateOf(k, now);
        return (
          <li key={k.id} data-testid="api-key-row" data-key-id={k.id} className={`rounded-lg border border-slate-200 bg-white p-4 ${k.revokedAt ? "opacity-75" : ""}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className={`font-medium break-words ${k.revokedAt ? "line-through" : ""}`}>{k.name}</p>
                <p className="font-mono text-xs break-all text-slate-600" data-testid="api-key-prefix">
                  {API_KEY_PREFIX}
                  {k.prefix}_…
                </p>
              </div>
              <span data-testid="api-key-state" className={`rounded px-2 py-0.5 text-xs font-medium ${state.className}`}>
                {state.label}
              </span>
            </div>
            <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
              <div>
                <dt className="text-xs text-slate-500">Scopes</dt>
                <dd className="flex flex-wrap gap-1" data-testid="api-key-scopes">
                  {k.scopes.map((s) => (
                    <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                      {s}
                    </span>
                  ))}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Created</dt>
                <dd>
                  <DateTime value={k.createdAt} />
                  {k.createdBy ? <span className="block text-xs text-slate-500">by {k.createdBy.name}</span> : null}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Last used</dt>
                <dd data-testid="api-key-last-used">
                  {k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : "Never"}
                  {k.lastUsedAddress ? <span className="block font-mono text-xs break-all text-slate-500">from {k.lastUsedAddress}</span> : null}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{k.revokedAt ? "Revoked" : "Expires"}</dt>
                <dd>{k.revokedAt ? <DateTime value={k.revokedAt} /> : k.expiresAt ? <DateTime value={k.expiresAt} /> : "Never"}</dd>
              </div>
            </dl>
            {state.label === "Active" ? (
              <div className="mt-3">
                <RevokeApiKeyButton owner={owner} id={k.id} name={k.name} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
