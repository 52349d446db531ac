import { AreaLayout } from "@/app/_layout/area-layout";

export const dynamic = "force-dynamic";

const SECTIONS = { users: "Users", stores: "Stores", orders: "Orders", reviews: "Reviews", promotions: "Discount codes", audit: "Audit log", "api-keys": "API keys", webhooks: "Webhooks", currencies: "Currencies", "tax-rates": "Tax rates" };

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <AreaLayout role="ADMIN" label="Admin" home="/admin" homeLabel="Overview" sections={SECTIONS}>{children}</AreaLayout>;
}
