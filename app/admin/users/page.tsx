import type { Metadata } from "next";
import Link from "next/link";
import { serverCaller } from "@/server/api/rsc";
import { requireRole } from "@/server/auth/guards";
import { firstParam, pageParam, Pager, urlWith } from "@/components/admin/pager";
import { UserActions } from "@/components/admin/user-actions";
import { DateTime } from "@/components/ui/date-time";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Labelled, SelectField, type Choices } from "@/components/ui/field";

export const metadata: Metadata = { title: "Users" };

const ROLES = ["CUSTOMER", "SELLER", "ADMIN"] as const;
const ROLE_CHOICES: Choices = [["", "Any"], ...ROLES.map((r) => [r.toLowerCase(), r.charAt(0) + r.slice(1).toLowerCase()] as const)];
const input = "rounded-md border border-slate-300 px-3 py-2 text-sm";

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
        <Labelled id="user-q" label="Email or name" labelClassName="text-sm font-medium">
          <input id="user-q" name="q" type="search" defaultValue={q} className={input} />
        </Labelled>
        <SelectField id="user-role" label="Role" labelClassName="text-sm font-medium" name="role" defaultValue={role ?? ""} className={input} choices={ROLE_CHOICES} />
        <button type="submit" className={buttonClass.primary}>Search</button>
      </form>
      <DataTable columns={["User", "Role", "Store", "State", "Two-factor", "Joined", "Actions"]} rowCount={data.items.length} empty={<>No users match{q ? ` “${q}”` : ""}.</>}>
        {data.items.map((u) => (
          <tr key={u.id} data-testid="user-row" className="align-top">
            <td className="p-3"><p className="font-medium">{u.name}</p><p className="text-slate-600">{u.email}</p></td>
            <td className="p-3" data-testid="user-role">{u.role.charAt(0) + u.role.slice(1).toLowerCase()}</td>
            <td className="p-3">{u.store ? u.store.name : "—"}</td>
            <td className="p-3" data-testid="user-state">{u.disabledAt ? <span className="text-red-700">Disabled</span> : "Active"}</td>
            <td className="p-3" data-testid="user-two-factor">
              {u.totpEnabled ? "On" : u.role === "CUSTOMER" ? "Off" : u.twoFactorExempt ? null : <span className="text-amber-700">Not set up</span>}
              {u.twoFactorExempt ? (
                <span className="ml-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700" title="A demo account: it may use staff pages without two-factor">
                  Exempt from 2FA
                </span>
              ) : null}
            </td>
            <td className="p-3">
              <DateTime value={u.createdAt} />
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
