"use client";
import { safeCallbackUrl } from "@/shared/safe-callback";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZSignInInput } from "@/shared/auth-schemas";
import { ACCOUNT_DISABLED_ERROR, ACCOUNT_DISABLED_MESSAGE, TWO_FACTOR_SIGN_IN_ERRORS } from "@/shared/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseForm } from "@/client/trpc-errors";

const RATE_LIMIT_PREFIX = "RATE_LIMITED:";

/** Email and password; for an account with two-factor on, the server answers "code required"
 * (no session yet) and the form asks for the code, sending all three again. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
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
      setFieldErrors({ code: "That code is not right, or it was used already. Try the next one from your app." });
    } else if (e.startsWith(TWO_FACTOR_SIGN_IN_ERRORS.rateLimitedPrefix)) {
      const seconds = Number(e.slice(TWO_FACTOR_SIGN_IN_ERRORS.rateLimitedPrefix.length)) || 60;
      setError(`Too many code attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`);
    } else if (e === ACCOUNT_DISABLED_ERROR) {
      setSecondStep(null);
      setError(ACCOUNT_DISABLED_MESSAGE);
    } else if (e.startsWith(RATE_LIMIT_PREFIX)) {
      const seconds = Number(e.slice(RATE_LIMIT_PREFIX.length)) || 60;
      setError(`Too many failed sign-in attempts. Try again in ${seconds} seconds.`);
    } else {
      setSecondStep(null);
      setError("That email and password do not match an account.");
    }
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (secondStep) {
      const code = String(form.get("code") ?? "").trim();
      if (!code) return setFieldErrors({ code: "Enter the code from your app, or a recovery code" });
      if (code.length > 64) return setFieldErrors({ code: "That code is too long" });
      setFieldErrors({});
      return attempt({ ...secondStep, code });
    }
    const parsed = parseForm(ZSignInInput, { email: form.get("email"), password: form.get("password") });
    setFieldErrors(parsed.fieldErrors ?? {});
    if (parsed.data) await attempt({ email: parsed.data.email, password: parsed.data.password });
  }

  if (secondStep) {
    return (
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Two-factor code" key="code">
        {error ? <Alert>{error}</Alert> : null}
        <p className="text-sm text-slate-600">
          Two-factor authentication is on for <strong className="font-medium text-slate-900">{secondStep.email}</strong>.
        </p>
        <Field
          label="Authentication code"
          name="code"
          autoComplete="one-time-code"
          spellCheck={false}
          autoFocus
          required
          hint="The six-digit code from your authenticator app, or one of your recovery codes."
          error={fieldErrors.code}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Verify"}
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
          Use another account
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in" key="password">
      {error ? <Alert>{error}</Alert> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot password?
        </Link>
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-sm text-slate-600">
        New here?{" "}
        <Link href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
