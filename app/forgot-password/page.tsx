import type { Metadata } from "next";
import { headers } from "next/headers";
import { requestAddress } from "@/server/limits";
import { devMailboxReadableBy } from "@/server/mail/mailer";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default async function ForgotPasswordPage() {
  // The dev mailbox is pointed to only where it opens: no SMTP_URL, a browser on this machine.
  const devMailbox = devMailboxReadableBy(requestAddress(await headers()));
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-bold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-slate-600">Enter the email you signed up with. We will send you a link to choose a new password.</p>
      <ForgotPasswordForm devMailbox={devMailbox} />
    </div>
  );
}
