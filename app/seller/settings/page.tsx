import { redirect } from "next/navigation";
import { SELLER_SETTINGS_SECTIONS } from "./sections";

/** /seller/settings opens its first page. */
export default function SellerSettingsPage() {
  redirect(`/seller/settings/${Object.keys(SELLER_SETTINGS_SECTIONS)[0]}`);
}
