"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useIssueMessage } from "@/client/i18n-errors";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useState } from "react";
import { ZNewPassword } from "@/shared/auth-schemas";
import { useTRPC } from "@/client/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("resetPassword");
  const locale = useLocale();
  const issueMessage = useIssueMessage();
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = ZNewPassword.safeParse(form.get("password"));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setErrors({ password: issue ? issueMessage("newPassword", issue) : undefined });
      return;
    }
    if (form.get("confirm") !== parsed.data) {
      setErrors({ confirm: t("differ") });
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      await reset.mutateAsync({ token, password: parsed.data });
      setDone(true);
    } catch (err) {
      const data = err instanceof TRPCClientError ? (err.data as { fieldErrors?: Record<string, string[]> } | undefined) : undefined;
      // The server's words in English; in another language the message for what went wrong.
      if (data?.fieldErrors?.password) setErrors({ password: locale === "en" ? data.fieldErrors.password[0] : t("failed") });
      else setFormError(locale === "en" && err instanceof Error ? err.message : err instanceof TRPCClientError ? t("invalid") : t("failed"));
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">{t("done")}</Alert>
        <Link href="/signin" className="text-brand-700 underline">
          {t("signIn")}
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("title")}>
      {formError ? (
        <Alert>
          {formError}{" "}
          <Link href="/forgot-password" className="underline">
            {t("newLink")}
          </Link>
        </Alert>
      ) : null}
      <NewPasswordField label={t("newPassword")} name="password" error={errors.password} />
      <Field label={t("repeat")} name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <Button type="submit" pending={reset.isPending} pendingLabel={t("saving")}>{t("save")}</Button>
    </form>
  );
}
