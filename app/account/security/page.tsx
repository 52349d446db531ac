// /account/security: the signed-in user's security settings, one section per concern
// (components/account/). Staff who must set up two-factor are sent here (with `next`, where they
// were going) before any seller or admin page works.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { ChangePasswordSection } from "@/components/account/change-password-section";
import { SessionsSection } from "@/components/account/sessions-section";
import { TwoFactorSection } from "@/components/account/two-factor-section";
import { safeCallbackUrl } from "@/shared/safe-callback";
import { SECURITY_PAGE } from "@/shared/two-factor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("securityTitle") };
}

export default async function AccountSecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = typeof sp.next === "string" ? safeCallbackUrl(sp.next) : null;
  const here = next ? `${SECURITY_PAGE}?next=${encodeURIComponent(next)}` : SECURITY_PAGE;
  if (!(await getSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  await getQueryClient().prefetchQuery(trpc.account.sessions.queryOptions());
  const t = await getTranslations("account");
  return (
    <HydratedPage title={t("securityTitle")}>
      <div className="flex max-w-3xl flex-col gap-6">
        <TwoFactorSection next={next} />
        <ChangePasswordSection />
        <SessionsSection />
      </div>
    </HydratedPage>
  );
}
