"use client";
import { useTranslations } from "next-intl";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
// /account: the name, and the email with its verification state. An email change takes effect
// only when the link mailed to the new address is opened (decision 149).
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { parseForm } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field } from "@/components/ui/field";
import { TitledSection } from "@/components/ui/titled-section";
import { ZChangeEmailInput, ZProfileInput } from "@/shared/account";

const box = "flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

export function ProfileSection() {
  const t = useTranslations("account.profile");
  const describeError = useDescribeError();
  const issueMessage = useIssueMessage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: profile } = useSuspenseQuery(trpc.account.profile.queryOptions());
  const [nameError, setNameError] = useState<string | undefined>();
  const [emailError, setEmailError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const update = useMutation(trpc.account.updateProfile.mutationOptions());
  const changeEmail = useMutation(trpc.account.changeEmail.mutationOptions());
  const resend = useMutation(trpc.account.resendVerification.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.profile.queryKey() });

  async function onName(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(null);
    setFormError(null);
    const parsed = parseForm(ZProfileInput, { name: new FormData(e.currentTarget).get("name") }, issueMessage);
    setNameError(parsed.fieldErrors?.name);
    if (!parsed.data) return setAttempt((n) => n + 1);
    try {
      await update.mutateAsync(parsed.data);
      setDone(t("nameSaved"));
      await refresh();
    } catch (err) {
      setFormError(describeError(err).message);
    }
  }

  async function onEmail(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    setDone(null);
    setFormError(null);
    const parsed = parseForm(ZChangeEmailInput, { email: new FormData(formEl).get("email") }, issueMessage);
    setEmailError(parsed.fieldErrors?.email);
    if (!parsed.data) return setAttempt((n) => n + 1);
    try {
      await changeEmail.mutateAsync(parsed.data);
      formEl.reset();
      setDone(t("linkSent", { email: parsed.data.email }));
      await refresh();
    } catch (err) {
      const d = describeError(err);
      if (d.fieldErrors.email) {
        setEmailError(d.fieldErrors.email);
        setAttempt((n) => n + 1);
      } else setFormError(d.message);
    }
  }

  const summary = [
    ...(nameError ? [{ fieldId: "profile-name", message: nameError }] : []),
    ...(emailError ? [{ fieldId: "profile-new-email", message: emailError }] : []),
  ];
  return (
    <TitledSection id="profile" title={t("title")} className={box}>
      <ErrorSummary errors={summary} attempt={attempt} />
      {formError ? <Alert>{formError}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <form onSubmit={onName} noValidate className="flex max-w-md flex-col gap-3" aria-label={t("nameForm")}>
        <Field id="profile-name" label={t("name")} name="name" autoComplete="name" defaultValue={profile.name} error={nameError} required />
        <div>
          <Button type="submit" variant="secondary" pending={update.isPending} pendingLabel={t("saving")}>{t("saveName")}</Button>
        </div>
      </form>
      <div className="flex flex-col gap-1 text-sm">
        <p>
          {t.rich("email", { email: () => <strong data-testid="profile-email">{profile.email}</strong> })}{" "}
          {profile.emailVerified ? (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800" data-testid="email-verified">{t("verified")}</span>
          ) : (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900" data-testid="email-unverified">{t("unverified")}</span>
          )}
        </p>
        {!profile.emailVerified ? (
          <p className="text-slate-600">
            {t("confirm")}{" "}
            <button type="button" className="text-brand-700 underline" onClick={() => resend.mutate(undefined, { onSuccess: () => setDone(t("resent", { email: profile.email })), onError: (err) => setFormError(describeError(err).message) })}>
              {t("resend")}
            </button>
          </p>
        ) : null}
        {profile.pendingEmail ? (
          <p className="text-slate-600" data-testid="pending-email">
            {t.rich("pending", { email: () => <strong>{profile.pendingEmail}</strong>, current: profile.email })}
          </p>
        ) : null}
      </div>
      <form onSubmit={onEmail} noValidate className="flex max-w-md flex-col gap-3" aria-label={t("emailForm")}>
        <Field id="profile-new-email" label={t("newEmail")} name="email" type="email" autoComplete="email" error={emailError} hint={t("newEmailHint")} required />
        <div>
          <Button type="submit" variant="secondary" pending={changeEmail.isPending} pendingLabel={t("sending")}>{t("change")}</Button>
        </div>
      </form>
    </TitledSection>
  );
}
