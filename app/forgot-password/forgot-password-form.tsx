"use client";
import { useTranslations } from "next-intl";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ZRequestPasswordResetInput } from "@/shared/auth-schemas";
import { useTRPC } from "@/client/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseForm } from "@/client/trpc-errors";

/** One answer for every email: the page never says whether an account exists. */
export function ForgotPasswordForm({ devMailbox }: { devMailbox: boolean }) {
  const t = useTranslations("forgotPassword");
  const ta = useTranslations("auth");
  const describeError = useDescribeError();
  const issueMessage = useIssueMessage();
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const [emailError, setEmailError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parseForm(ZRequestPasswordResetInput, { email: new FormData(e.currentTarget).get("email") }, issueMessage);
    setEmailError(parsed.fieldErrors?.email);
    if (!parsed.data) return;
    setFormError(null);
    try {
      await request.mutateAsync(parsed.data);
      setSentTo(parsed.data.email);
    } catch (err) {
      setFormError(err instanceof Error ? describeError(err).message : t("failed"));
    }
  }

  if (sentTo) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">
          <p className="font-medium">{t("check")}</p>
          <p className="mt-1">
            {t.rich("sent", { email: () => <span className="font-medium break-all">{sentTo}</span> })}
          </p>
        </Alert>
        {devMailbox ? (
          <Alert tone="info">
            {t.rich("devMailbox", {
              code: (chunks) => <code>{chunks}</code>,
              link: (chunks) => (
                <Link href="/dev/mail" className="font-medium underline">
                  {chunks}
                </Link>
              ),
            })}
          </Alert>
        ) : null}
        <p className="text-sm text-slate-600">
          <Link href="/signin" className="text-brand-700 underline">
            {t("back")}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("form")}>
      {formError ? <Alert>{formError}</Alert> : null}
      <Field label={ta("email")} name="email" type="email" autoComplete="email" required error={emailError} />
      <Button type="submit" pending={request.isPending} pendingLabel={t("sending")}>{t("send")}</Button>
      <p className="text-sm text-slate-600">
        {t.rich("remembered", {
          link: (chunks) => (
            <Link href="/signin" className="text-brand-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}
