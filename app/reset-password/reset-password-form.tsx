"use client";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useState } from "react";
import { ZNewPassword } from "@/shared/auth-schemas";
import { useTRPC } from "@/client/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";

export function ResetPasswordForm({ token }: { token: string }) {
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
      setErrors({ password: parsed.error.issues[0]?.message });
      return;
    }
    if (form.get("confirm") !== parsed.data) {
      setErrors({ confirm: "The two passwords differ" });
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      await reset.mutateAsync({ token, password: parsed.data });
      setDone(true);
    } catch (err) {
      const data = err instanceof TRPCClientError ? (err.data as { fieldErrors?: Record<string, string[]> } | undefined) : undefined;
      if (data?.fieldErrors?.password) setErrors({ password: data.fieldErrors.password[0] });
      else setFormError(err instanceof Error ? err.message : "Could not change the password. Try again.");
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">Your password is changed. Everywhere you were signed in, you are now signed out.</Alert>
        <Link href="/signin" className="text-brand-700 underline">
          Sign in with your new password
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Choose a new password">
      {formError ? (
        <Alert>
          {formError}{" "}
          <Link href="/forgot-password" className="underline">
            Send me a new link
          </Link>
        </Alert>
      ) : null}
      <NewPasswordField label="New password" name="password" error={errors.password} />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <Button type="submit" pending={reset.isPending} pendingLabel="Saving…">Set new password</Button>
    </form>
  );
}
