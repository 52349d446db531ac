"use client";
import { useLocale, useTranslations } from "next-intl";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
import { safeCallbackUrl } from "@/shared/safe-callback";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZRegisterInput } from "@/shared/auth-schemas";
import { useTRPC } from "@/client/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";
import { parseForm } from "@/client/trpc-errors";

type Errors = Partial<Record<"name" | "email" | "password", string>>;

export function RegisterForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const issueMessage = useIssueMessage();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [taken, setTaken] = useState(false);
  const register = useMutation(trpc.auth.register.mutationOptions());

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
    const parsed = parseForm(ZRegisterInput, values, issueMessage);
    setErrors(parsed.fieldErrors ?? {});
    if (!parsed.data) return;
    setFormError(null);
    setTaken(false);
    try {
      await register.mutateAsync(parsed.data);
    } catch (err) {
      const data = err instanceof TRPCClientError ? (err.data as { fieldErrors?: Record<string, string[]>; details?: { taken?: boolean } | null } | undefined) : undefined;
      if (data?.fieldErrors) {
        const shown = describeError(err).fieldErrors;
        const isTaken = data.details?.taken === true;
        setErrors({ name: shown.name, email: isTaken && locale !== "en" ? t("takenField") : shown.email, password: shown.password });
        setTaken(isTaken);
      } else {
        setFormError(err instanceof Error ? describeError(err).message : t("registerFailed"));
      }
      return;
    }
    const res = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    if (res?.error) {
      setFormError(t("registeredSignInFailed"));
      return;
    }
    router.push(safeCallbackUrl(callbackUrl));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("registerForm")}>
      {formError ? <Alert>{formError}</Alert> : null}
      <Field label={t("name")} name="name" autoComplete="name" required error={errors.name} />
      <Field label={t("email")} name="email" type="email" autoComplete="email" required error={errors.email} />
      {taken ? (
        <p className="-mt-2 text-sm text-slate-700" data-testid="email-taken-help">
          {t.rich("taken", {
            signin: (chunks) => (
              <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-brand-700 underline">
                {chunks}
              </Link>
            ),
            reset: (chunks) => (
              <Link href="/forgot-password" className="text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      <NewPasswordField label={t("password")} name="password" error={errors.password} />
      <Button type="submit" pending={register.isPending} pendingLabel={t("creating")}>{t("create")}</Button>
      <p className="text-sm text-slate-600">
        {t.rich("haveAccount", {
          link: (chunks) => (
            <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-brand-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}
