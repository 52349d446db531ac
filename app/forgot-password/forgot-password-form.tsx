"use client";
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
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const [emailError, setEmailError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parseForm(ZRequestPasswordResetInput, { email: new FormData(e.currentTarget).get("email") });
    setEmailError(parsed.fieldErrors?.email);
    if (!parsed.data) return;
    setFormError(null);
    try {
      await request.mutateAsync(parsed.data);
      setSentTo(parsed.data.email);
    } catch (err) {
      setFormError(err instanceof Error ? err.message : "Could not send the link. Try again.");
    }
  }

  if (sentTo) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success">
          <p className="font-medium">Check your email</p>
          <p className="mt-1">
            If an account exists for <span className="font-medium break-all">{sentTo}</span>, we have sent it a link to choose a new password. The
            link works once, for 30 minutes.
          </p>
        </Alert>
        {devMailbox ? (
          <Alert tone="info">
            This shop has no mail server set up (<code>SMTP_URL</code>), so its emails are kept on this machine. Open the{" "}
            <Link href="/dev/mail" className="font-medium underline">
              dev mailbox
            </Link>{" "}
            to read them.
          </Alert>
        ) : null}
        <p className="text-sm text-slate-600">
          <Link href="/signin" className="text-brand-700 underline">
            Back to sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Forgot password">
      {formError ? <Alert>{formError}</Alert> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={emailError} />
      <Button type="submit" pending={request.isPending} pendingLabel="Sending…">Send reset link</Button>
      <p className="text-sm text-slate-600">
        Remembered it?{" "}
        <Link href="/signin" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
