import { AreaNav } from "@/components/layout/area-nav";
import { SellerNotifications } from "@/components/seller/notifications/seller-notifications";
import { requireRole } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

const LINKS = [
  { href: "/seller", label: "Dashboard", exact: true },
  { href: "/seller/products", label: "Products" },
  { href: "/seller/import", label: "Import" },
  { href: "/seller/orders", label: "Orders" },
];

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await requireRole("SELLER", "/seller");
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <AreaNav label="Seller" links={LINKS} />
        </div>
        <SellerNotifications />
      </div>
      {children}
    </div>
  );
}
