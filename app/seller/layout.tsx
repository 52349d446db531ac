import { AreaLayout } from "@/app/_layout/area-layout";
import { SellerNotifications } from "@/components/seller/notifications/seller-notifications";

export const dynamic = "force-dynamic";

const SECTIONS = { products: "Products", import: "Import", orders: "Orders", reviews: "Reviews", promotions: "Discount codes", shipping: "Shipping", settings: "Settings" };

export default function SellerLayout({ children }: { children: React.ReactNode }) {
  return (
    <AreaLayout role="SELLER" label="Seller" home="/seller" homeLabel="Dashboard" sections={SECTIONS} aside={<SellerNotifications />}>
      {children}
    </AreaLayout>
  );
}
