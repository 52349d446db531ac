"use client";
// Account security: change password. The current password proves it is the owner; on success
// every other session of the account is signed out, this one stays.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
import { useTRPC } from "@/client/trpc";
import { parseForm } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";
import { TitledSection } from "@/components/ui/titled-section";
import { ZChangePasswordInput } from "@/shared/auth-schemas";

type Errors = Partial<Record<"currentPassword" | "newPassword", string>>;

export function ChangePasswordSection() {
  const t = useTranslations("security.changePassword");
  const describeError = useDescribeError();
  const issueMessage = useIssueMessage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation(trpc.account.changePassword.mutationOptions());

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setDone(null);
    setFormError(null);
    const parsed = parseForm(ZChangePasswordInput, { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") }, issueMessage);
    setErrors(parsed.fieldErrors ?? {});
    if (!parsed.data) return;
    try {
      const res = await change.mutateAsync(parsed.data);
      formEl.reset();
      setDone(res.signedOut > 0 ? t("doneSignedOut", { count: res.signedOut }) : t("done"));
      await queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
    } catch (err) {
      const d = describeError(err);
      if (Object.keys(d.fieldErrors).length) setErrors({ currentPassword: d.fieldErrors.currentPassword, newPassword: d.fieldErrors.newPassword });
      else setFormError(d.message);
    }
  }

  return (
    <TitledSection id="change-password" title={t("title")} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" aria-label={t("title")}>
        {formError ? <Alert>{formError}</Alert> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
        <Field label={t("current")} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <NewPasswordField label={t("new")} name="newPassword" error={errors.newPassword} />
        <div>
          <Button type="submit" pending={change.isPending} pendingLabel={t("changing")}>{t("change")}</Button>
        </div>
      </form>
    </TitledSection>
  );
}
