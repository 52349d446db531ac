import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSession } from "@/server/auth/session";
import { getAppUrl } from "@/server/env";
import { safeCallbackUrl } from "@/shared/safe-callback";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("registerMeta") };
}
export const dynamic = "force-dynamic";

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, new URL(getAppUrl()).origin);
  if (await getSession()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-bold">{t("registerTitle")}</h1>
      <RegisterForm callbackUrl={callbackUrl} />
    </div>
  );
}
