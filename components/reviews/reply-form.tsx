"use client";
// A seller's reply to a review of their store's product (one per review; saving again edits it).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError, parseForm } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { MAX_REPLY_LENGTH, ZReplyInput } from "@/shared/reviews";

export function ReplyForm({ reviewId, existing }: { reviewId: string; existing: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState(existing ?? "");
  const [error, setError] = useState<string | null>(null);
  const reply = useMutation(
    trpc.seller.reviews.reply.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
      onError: (err) => {
        const d = describeError(err);
        setError(d.fieldErrors.body ?? d.message);
      },
    }),
  );
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {existing ? "Edit reply" : "Reply"}
      </Button>
    );
  }
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parseForm(ZReplyInput, { reviewId, body });
    if (parsed.fieldErrors) return setError(parsed.fieldErrors.body ?? "Check the reply");
    setError(null);
    reply.mutate(parsed.data);
  }
  return (
    <form onSubmit={submit} className="flex w-full flex-col gap-2" noValidate>
      <label htmlFor={`${id}-reply`} className="text-sm font-medium">
        Your reply
      </label>
      <textarea
        id={`${id}-reply`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={MAX_REPLY_LENGTH}
        rows={3}
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        aria-invalid={error ? true : undefined}
      />
      <FieldError error={error} />
      <div className="flex gap-2">
        <Button type="submit" pending={reply.isPending} pendingLabel="Saving…">
          Save reply
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
