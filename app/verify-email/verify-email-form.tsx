"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function VerifyEmailForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const confirm = useMutation(trpc.account.confirmEmail.mutationOptions());
  if (!token) return <Alert>This link is incomplete. Open the link from the email again, or ask for a new one from your account page.</Alert>;
  if (confirm.data) {
    const { email, changed, claimed } = confirm.data;
    return (
      <Alert tone="success">
        <span data-testid="email-confirmed">
          {changed ? `Your account's email is now ${email}.` : `Your email address ${email} is confirmed.`}
          {claimed > 0 ? ` ${claimed === 1 ? "1 order" : `${claimed} orders`} you placed as a guest ${claimed === 1 ? "is" : "are"} now in your account.` : ""}
        </span>{" "}
        <Link href="/account" className="underline">Go to your account</Link>
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
      <p className="text-slate-700">Confirm that this email address is yours. Orders you placed as a guest with it then appear in your account.</p>
      <Button type="submit" pending={confirm.isPending} pendingLabel="Confirming…">Confirm my email</Button>
    </form>
  );
}
