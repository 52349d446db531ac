import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/server/db";
import { INVALID_RESET_LINK, resetTokenUsable } from "@/server/auth/password-reset";
import { ZResetToken } from "@/shared/auth-schemas";
import { Alert } from "@/components/ui/alert";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in this page's address: never send it on as a Referer.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = ZResetToken.safeParse((await searchParams).token);
  // Looking does not use the link up: only submitting a new password does.
  const usable = parsed.success && (await resetTokenUsable(await getDb(), parsed.data));
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-bold">Choose a new password</h1>
      {usable ? (
        <ResetPasswordForm token={parsed.data!} />
      ) : (
        <div className="flex flex-col gap-4">
          <Alert>{parsed.success ? INVALID_RESET_LINK : "This reset link is incomplete. Open it again from the email, or ask for a new one."}</Alert>
          <Link href="/forgot-password" className="text-sm text-brand-700 underline">
            Send me a new link
          </Link>
        </div>
      )}
    </div>
  );
}
