import type { Metadata } from "next";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { AuditChange } from "@/components/admin/audit-change";
import { formatDateTime } from "@/components/orders/status-badge";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audit log" };

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
  const input = "rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3" action="/admin/audit">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-action" className="text-sm font-medium">Action</label>
          <select id="audit-action" name="action" defaultValue={filters.action} className={input}>
            <option value="">Any</option>
            {data.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-entity" className="text-sm font-medium">Entity</label>
          <select id="audit-entity" name="entityType" defaultValue={filters.entityType} className={input}>
            <option value="">Any</option>
            {data.entityTypes.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-entity-id" className="text-sm font-medium">Entity id</label>
          <input id="audit-entity-id" name="entityId" defaultValue={filters.entityId} className={input} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-actor" className="text-sm font-medium">Actor email</label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filters.actor} className={input} />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Filter</button>
      </form>
      <DataTable columns={["When", "Actor", "Action", "Entity", "Change"]} rowCount={data.items.length} empty="No audit entries match.">
        {data.items.map((e) => (
          <tr key={e.id} data-testid="audit-row" className="align-top">
            <td className="whitespace-nowrap p-3">{formatDateTime(e.createdAt)}</td>
            <td className="p-3">{e.actor ? e.actor.email : "system"}</td>
            <td className="p-3 font-mono">{e.action}</td>
            <td className="p-3">{e.entityType}<p className="font-mono text-xs text-slate-600">{e.entityId}</p></td>
            <td className="p-3"><AuditChange before={e.before} after={e.after} /></td>
          </tr>
        ))}
      </DataTable>
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/audit", { ...filters, page: p })} />
    </>
  );
}
