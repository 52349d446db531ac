import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyEmailForm } from "./verify-email-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verifyEmail"))("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  const t = await getTranslations("verifyEmail");
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {/* Confirmed by a click, not by opening the page: a mail scanner that fetches links confirms nothing. */}
      <VerifyEmailForm token={typeof token === "string" ? token : ""} />
    </div>
  );
}
