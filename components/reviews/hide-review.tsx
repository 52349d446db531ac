"use client";
// An admin hides a review (or shows it again) with a reason, recorded in the audit log.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError, parseForm } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { MAX_HIDE_REASON_LENGTH, ZSetHiddenInput } from "@/shared/reviews";

export function HideReview({ reviewId, hidden }: { reviewId: string; hidden: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const set = useMutation(
    trpc.admin.reviews.setHidden.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setReason("");
        router.refresh();
      },
      onError: (err) => {
        const d = describeError(err);
        setError(d.fieldErrors.reason ?? d.message);
      },
    }),
  );
  const action = hidden ? "Unhide" : "Hide";
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {action}
      </Button>
    );
  }
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parseForm(ZSetHiddenInput, { reviewId, hidden: !hidden, reason });
    if (parsed.fieldErrors) return setError(parsed.fieldErrors.reason ?? "Check the reason");
    setError(null);
    set.mutate(parsed.data);
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" noValidate>
      <label htmlFor={`${id}-reason`} className="text-sm font-medium">
        Reason
      </label>
      <input
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={MAX_HIDE_REASON_LENGTH}
        className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 text-sm"
        aria-invalid={error ? true : undefined}
      />
      <FieldError error={error} />
      <div className="flex gap-2">
        <Button type="submit" pending={set.isPending} pendingLabel="Saving…">
          {action} review
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
