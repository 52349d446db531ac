"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useTRPC } from "@/client/trpc";
import { useDescribeError } from "@/client/i18n-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function VerifyEmailForm({ token }: { token: string }) {
  const t = useTranslations("verifyEmail");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmEmail.mutationOptions());
  if (!token) return <Alert>{t("incomplete")}</Alert>;
  if (confirm.data) {
    const { email, changed, claimed } = confirm.data;
    return (
      <Alert tone="success">
        <span data-testid="email-confirmed">
          {changed ? t("changed", { email }) : t("confirmed", { email })}
          {claimed > 0 ? t("claimed", { count: claimed }) : ""}
        </span>{" "}
        <Link href="/account" className="underline">{t("toAccount")}</Link>
      </Alert>
    );
  }
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate({ token });
      }}
    >
      {confirm.error ? <Alert>{describeError(confirm.error).message}</Alert> : null}
      <p className="text-slate-700">{t("intro")}</p>
      <Button type="submit" pending={confirm.isPending} pendingLabel={t("confirming")}>{t("confirm")}</Button>
    </form>
  );
}
