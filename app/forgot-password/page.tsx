import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { requestAddress } from "@/server/limits";
import { devMailboxReadableBy } from "@/server/mail/mailer";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("forgotPassword"))("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function ForgotPasswordPage() {
  // The dev mailbox is pointed to only where it opens: no SMTP_URL, a browser on this machine.
  const devMailbox = devMailboxReadableBy(requestAddress(await headers()));
  const t = await getTranslations("forgotPassword");
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 text-sm text-slate-600">{t("intro")}</p>
      <ForgotPasswordForm devMailbox={devMailbox} />
    </div>
  );
}
