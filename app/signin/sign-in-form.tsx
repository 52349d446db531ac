"use client";
import { useTranslations } from "next-intl";
import { useIssueMessage } from "@/client/i18n-errors";
import { safeCallbackUrl } from "@/shared/safe-callback";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZSignInInput } from "@/shared/auth-schemas";
import { ACCOUNT_DISABLED_ERROR, TWO_FACTOR_SIGN_IN_ERRORS } from "@/shared/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseForm } from "@/client/trpc-errors";

const RATE_LIMIT_PREFIX = "RATE_LIMITED:";

/** Email and password; for an account with two-factor on, the server answers "code required"
 * (no session yet) and the form asks for the code, sending all three again. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const issueMessage = useIssueMessage();
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** Set once the password was right and a code is needed: the credentials to send again. */
  const [secondStep, setSecondStep] = useState<{ email: string; password: string } | null>(null);

  async function attempt(credentials: { email: string; password: string; code?: string }) {
    setError(null);
    setPending(true);
    const res = await signIn("credentials", { ...credentials, redirect: false });
    setPending(false);
    if (res?.ok && !res.error) {
      router.push(safeCallbackUrl(callbackUrl));
      router.refresh();
      return;
    }
    const e = res?.error ?? "";
    if (e === TWO_FACTOR_SIGN_IN_ERRORS.required) {
      setSecondStep({ email: credentials.email, password: credentials.password });
    } else if (e === TWO_FACTOR_SIGN_IN_ERRORS.invalid) {
      setFieldErrors({ code: t("codeWrong") });
    } else if (e.startsWith(TWO_FACTOR_SIGN_IN_ERRORS.rateLimitedPrefix)) {
      const seconds = Number(e.slice(TWO_FACTOR_SIGN_IN_ERRORS.rateLimitedPrefix.length)) || 60;
      setError(t("codeRateLimited", { minutes: Math.ceil(seconds / 60) }));
    } else if (e === ACCOUNT_DISABLED_ERROR) {
      setSecondStep(null);
      setError(t("disabled"));
    } else if (e.startsWith(RATE_LIMIT_PREFIX)) {
      const seconds = Number(e.slice(RATE_LIMIT_PREFIX.length)) || 60;
      setError(t("rateLimited", { seconds }));
    } else {
      setSecondStep(null);
      setError(t("noMatch"));
    }
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (secondStep) {
      const code = String(form.get("code") ?? "").trim();
      if (!code) return setFieldErrors({ code: t("enterCode") });
      if (code.length > 64) return setFieldErrors({ code: t("codeTooLong") });
      setFieldErrors({});
      return attempt({ ...secondStep, code });
    }
    const parsed = parseForm(ZSignInInput, { email: form.get("email"), password: form.get("password") }, issueMessage);
    setFieldErrors(parsed.fieldErrors ?? {});
    if (parsed.data) await attempt({ email: parsed.data.email, password: parsed.data.password });
  }

  if (secondStep) {
    return (
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("twoFactorForm")} key="code">
        {error ? <Alert>{error}</Alert> : null}
        <p className="text-sm text-slate-600">
          {t.rich("twoFactorOn", { email: () => <strong className="font-medium text-slate-900">{secondStep.email}</strong> })}
        </p>
        <Field
          label={t("codeLabel")}
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          autoFocus
          required
          hint={t("codeHint")}
          error={fieldErrors.code}
        />
        <Button type="submit" disabled={pending}>
          {pending ? t("checking") : t("verify")}
        </Button>
        <button
          type="button"
          className="self-start text-sm text-brand-700 underline"
          onClick={() => {
            setSecondStep(null);
            setFieldErrors({});
            setError(null);
          }}
        >
          {t("otherAccount")}
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("signInForm")} key="password">
      {error ? <Alert>{error}</Alert> : null}
      <Field label={t("email")} name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          {t("forgot")}
        </Link>
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
      <p className="text-sm text-slate-600">
        {t.rich("newHere", {
          link: (chunks) => (
            <Link href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-brand-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </form>
  );
}
