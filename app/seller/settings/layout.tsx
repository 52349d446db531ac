import { AreaNav } from "@/components/layout/area-nav";
import { SELLER_SETTINGS_SECTIONS } from "./sections";

/** The seller's settings: a small nav of the settings pages above the page. */
export default function SellerSettingsLayout({ children }: { children: React.ReactNode }) {
  const links = Object.entries(SELLER_SETTINGS_SECTIONS).map(([path, label]) => ({ href: `/seller/settings/${path}`, label }));
  return (
    <div className="flex flex-col gap-6">
      <AreaNav label="Settings" links={links} />
      {children}
    </div>
  );
}
