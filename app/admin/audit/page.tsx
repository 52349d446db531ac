import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { AuditChange } from "@/components/admin/audit-change";
import { DateTime } from "@/components/ui/date-time";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Labelled, SelectField, type Choices } from "@/components/ui/field";

export const metadata: Metadata = { title: "Audit log" };

const label = "text-sm font-medium";
const input = "rounded-md border border-slate-300 px-3 py-2 text-sm";
/** "Any", then each value as it is. */
const anyOf = (values: string[]): Choices => [["", "Any"], ...values.map((v) => [v, v] as const)];

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("ADMIN", "/admin/audit");
  const sp = await searchParams;
  const filters = {
    action: firstParam(sp.action).slice(0, 100),
    entityType: firstParam(sp.entityType).slice(0, 100),
    entityId: firstParam(sp.entityId).slice(0, 100),
    actor: firstParam(sp.actor).slice(0, 200),
  };
  const page = pageParam(sp.page);
  const data = await (await serverCaller()).admin.audit.list({ ...filters, page });
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3" action="/admin/audit">
        <SelectField id="audit-action" label="Action" labelClassName={label} name="action" defaultValue={filters.action} className={input} choices={anyOf(data.actions)} />
        <SelectField id="audit-entity" label="Entity" labelClassName={label} name="entityType" defaultValue={filters.entityType} className={input} choices={anyOf(data.entityTypes)} />
        <Labelled id="audit-entity-id" label="Entity id" labelClassName={label}>
          <input id="audit-entity-id" name="entityId" defaultValue={filters.entityId} className={input} />
        </Labelled>
        <Labelled id="audit-actor" label="Actor email" labelClassName={label}>
          <input id="audit-actor" name="actor" type="search" defaultValue={filters.actor} className={input} />
        </Labelled>
        <button type="submit" className={buttonClass.primary}>Filter</button>
      </form>
      <DataTable columns={["When", "Actor", "Action", "Entity", "Change"]} rowCount={data.items.length} empty="No audit entries match.">
        {data.items.map((e) => (
          <tr key={e.id} data-testid="audit-row" className="align-top">
            <td className="whitespace-nowrap p-3"><DateTime value={e.createdAt} /></td>
            <td className="p-3">{e.actor ? <>{e.actor.name}<p className="text-xs text-slate-600 break-all">{e.actor.email}</p></> : e.apiKeyName ? `API key “${e.apiKeyName}”` : "system"}</td>
            <td className="p-3 font-mono text-xs">{e.action}</td>
            <td className="p-3">
              {data.names[e.entityId] ? (
                data.names[e.entityId]!.href ? <Link href={data.names[e.entityId]!.href!} className="text-brand-700 underline">{data.names[e.entityId]!.label}</Link> : data.names[e.entityId]!.label
              ) : (
                <span className="font-mono text-xs break-all">{e.entityId}</span>
              )}
              <p className="text-xs text-slate-600">{e.entityType}</p>
            </td>
            <td className="w-[40%] min-w-64 p-3"><AuditChange before={e.before} after={e.after} names={data.names} /></td>
          </tr>
        ))}
      </DataTable>
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/audit", { ...filters, page: p })} />
    </>
  );
}
