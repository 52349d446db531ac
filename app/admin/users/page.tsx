import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { UserActions } from "@/components/admin/user-actions";
import { formatDateTime } from "@/components/orders/status-badge";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Users" };

const ROLES = ["CUSTOMER", "SELLER", "ADMIN"] as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireRole("ADMIN", "/admin/users");
  const sp = await searchParams;
  const q = firstParam(sp.q).slice(0, 200);
  const rawRole = firstParam(sp.role).toUpperCase();
  const role = (ROLES as readonly string[]).includes(rawRole) ? (rawRole as (typeof ROLES)[number]) : null;
  const page = pageParam(sp.page);
  const data = await (await serverCaller()).admin.users.list({ q, role, page });
  return (
    <>
      <h1 className="text-2xl font-bold">Users</h1>
      <form role="search" aria-label="Find users" className="flex flex-wrap items-end gap-3" action="/admin/users">
        <div className="flex flex-col gap-1">
          <label htmlFor="user-q" className="text-sm font-medium">Email or name</label>
          <input id="user-q" name="q" type="search" defaultValue={q} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="user-role" className="text-sm font-medium">Role</label>
          <select id="user-role" name="role" defaultValue={role ?? ""} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="">Any</option>
            {ROLES.map((r) => <option key={r} value={r.toLowerCase()}>{r.charAt(0) + r.slice(1).toLowerCase()}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Search</button>
      </form>
      <DataTable columns={["User", "Role", "Store", "State", "Joined", "Actions"]} rowCount={data.items.length} empty={<>No users match{q ? ` “${q}”` : ""}.</>}>
        {data.items.map((u) => (
          <tr key={u.id} data-testid="user-row" className="align-top">
            <td className="p-3"><p className="font-medium">{u.name}</p><p className="text-slate-600">{u.email}</p></td>
            <td className="p-3" data-testid="user-role">{u.role.charAt(0) + u.role.slice(1).toLowerCase()}</td>
            <td className="p-3">{u.store ? u.store.name : "—"}</td>
            <td className="p-3" data-testid="user-state">{u.disabledAt ? <span className="text-red-700">Disabled</span> : "Active"}</td>
            <td className="p-3">
              {formatDateTime(u.createdAt)}
              <p><Link href={urlWith("/admin/audit", { entityType: "User", entityId: u.id })} className="text-brand-700 underline">History</Link></p>
            </td>
            <td className="p-3">
              <UserActions user={{ id: u.id, email: u.email, role: u.role, disabled: Boolean(u.disabledAt) }} isSelf={u.id === session.user.id} />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager page={data.page} pageCount={data.pageCount} total={data.total} href={(p) => urlWith("/admin/users", { q, role: role?.toLowerCase(), page: p })} />
    </>
  );
}
