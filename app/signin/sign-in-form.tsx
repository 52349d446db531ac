"use client";
import { safeCallbackUrl } from "@/shared/safe-callback";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ZSignInInput } from "@/shared/auth-schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const RATE_LIMIT_PREFIX = "RATE_LIMITED:";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = ZSignInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const f = parsed.error.flatten().fieldErrors;
      setFieldErrors({ email: f.email?.[0], password: f.password?.[0] });
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    const res = await signIn("credentials", { ...parsed.data, redirect: false });
    setPending(false);
    if (res?.ok && !res.error) {
      router.push(safeCallbackUrl(callbackUrl));
      router.refresh();
      return;
    }
    if (res?.error?.startsWith(RATE_LIMIT_PREFIX)) {
      const seconds = Number(res.error.slice(RATE_LIMIT_PREFIX.length)) || 60;
      setError(`Too many failed sign-in attempts. Try again in ${seconds} seconds.`);
    } else {
      setError("That email and password do not match an account.");
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
      {error ? <Alert>{error}</Alert> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
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
