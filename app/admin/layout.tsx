import { AreaNav } from "@/components/layout/area-nav";
import { requireRole } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

const LINKS = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/stores", label: "Stores" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole("ADMIN", "/admin");
  return (
    <div className="flex flex-col gap-6">
      <AreaNav label="Admin" links={LINKS} />
      {children}
    </div>
  );
}
