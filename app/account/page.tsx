// /account: profile (name, email with verification and change) and saved addresses.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { countryChoices } from "@/shared/countries";
import { redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { AddressesSection } from "@/components/account/addresses-section";
import { ProfileSection } from "@/components/account/profile-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  if (!(await getSession())) redirect("/signin?callbackUrl=%2Faccount");
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.account.profile.queryOptions()), qc.prefetchQuery(trpc.account.addresses.queryOptions())]);
  const t = await getTranslations("account");
  return (
    <HydratedPage title={t("title")}>
      <div className="flex max-w-3xl flex-col gap-6">
        <ProfileSection />
        {/* The country list from the server: the browser may name and sort countries differently. */}
        <AddressesSection countries={countryChoices(await getLocale())} />
      </div>
    </HydratedPage>
  );
}
