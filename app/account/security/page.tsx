import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { ChangePasswordSection } from "@/components/account/change-password-section";
import { SessionsSection } from "@/components/account/sessions-section";

export const metadata: Metadata = { title: "Account security" };

/** The signed-in user's security settings, one section per concern (components/account/). */
export default async function AccountSecurityPage() {
  if (!(await getSession())) redirect("/signin?callbackUrl=%2Faccount%2Fsecurity");
  await getQueryClient().prefetchQuery(trpc.account.sessions.queryOptions());
  return (
    <HydratedPage title="Account security">
      <div className="flex max-w-3xl flex-col gap-6">
        <ChangePasswordSection />
        <SessionsSection />
      </div>
    </HydratedPage>
  );
}
