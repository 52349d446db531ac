// /account/security: the signed-in user's security settings. Staff who must set up two-factor are
// sent here (with `next`, where they were going) before any seller or admin page works.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSection } from "@/components/account/two-factor-section";
import { getSession } from "@/server/auth/session";
import { safeCallbackUrl } from "@/shared/safe-callback";
import { SECURITY_PAGE } from "@/shared/two-factor";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = typeof sp.next === "string" ? safeCallbackUrl(sp.next) : null;
  const here = next ? `${SECURITY_PAGE}?next=${encodeURIComponent(next)}` : SECURITY_PAGE;
  if (!(await getSession())) redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-bold">Security</h1>
      <TwoFactorSection next={next} />
    </div>
  );
}
