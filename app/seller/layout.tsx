import { requireRole } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await requireRole("SELLER", "/seller");
  return <div className="flex flex-col gap-6">{children}</div>;
}
