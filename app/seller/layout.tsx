import { AreaNav } from "@/components/layout/area-nav";
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
      <AreaNav label="Seller" links={LINKS} />
      {children}
    </div>
  );
}
