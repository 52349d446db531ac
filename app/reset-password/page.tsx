import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { getDb } from "@/server/db";
import { resetTokenUsable } from "@/server/auth/password-reset";
import { ZResetToken } from "@/shared/auth-schemas";
import { Alert } from "@/components/ui/alert";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in this page's address: never send it on as a Referer.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resetPassword"))("title"), referrer: "no-referrer", robots: { index: false } };
}
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("resetPassword");
  const parsed = ZResetToken.safeParse((await searchParams).token);
  // Looking does not use the link up: only submitting a new password does.
  const usable = parsed.success && (await resetTokenUsable(await getDb(), parsed.data));
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      {usable ? (
        <ResetPasswordForm token={parsed.data!} />
      ) : (
        <div className="flex flex-col gap-4">
          <Alert>{parsed.success ? t("invalid") : t("incomplete")}</Alert>
          <Link href="/forgot-password" className="text-sm text-brand-700 underline">
            {t("newLink")}
          </Link>
        </div>
      )}
    </div>
  );
}
