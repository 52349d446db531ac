"use client";
// Revoke one key, after a confirmation: requests made with it are refused from then on.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Button } from "@/components/ui/button";

export function RevokeApiKeyButton({ owner, id, name }: { owner: "seller" | "admin"; id: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      setConfirming(false);
      router.refresh();
    },
    onError: (err: unknown) => setError(describeError(err).message),
  };
  const sellerRevoke = useMutation(trpc.seller.apiKeys.revoke.mutationOptions(options));
  const adminRevoke = useMutation(trpc.admin.apiKeys.revoke.mutationOptions(options));
  const revoke = owner === "seller" ? sellerRevoke : adminRevoke;
  if (!confirming) {
    return (
      <Button variant="secondary" className="px-3 py-1" onClick={() => setConfirming(true)}>
        Revoke
      </Button>
    );
  }
  return (
    <div role="alertdialog" aria-label={`Revoke ${name}?`} className="flex flex-col gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p>Revoke “{name}”? Programs using it are refused from their next request. This cannot be undone.</p>
      <div className="flex flex-wrap gap-2">
        <Button className="bg-red-700 px-3 py-1 hover:bg-red-800" disabled={revoke.isPending} onClick={() => revoke.mutate({ id })}>
          {revoke.isPending ? "Revoking…" : "Yes, revoke"}
        </Button>
        <Button variant="secondary" className="px-3 py-1" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
