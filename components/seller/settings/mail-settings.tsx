"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/client/trpc";
import { Button } from "@/components/ui/button";

/** The daily low-stock digest, on or off (`seller.mailSettings` / `seller.setMailSettings`): how a
 * seller who followed the digest's unsubscribe link gets it back. */
export function MailSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.seller.mailSettings.queryOptions());
  const save = useMutation(
    trpc.seller.setMailSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.seller.mailSettings.queryKey(), data),
    }),
  );
  if (!settings.data) return <p className="text-sm text-slate-600">{settings.error ? "Your email settings could not be loaded. Reload the page." : "Loading…"}</p>;
  const on = settings.data.lowStockDigest;
  return (
    <section className="flex max-w-xl flex-col gap-3 rounded-md border border-slate-200 bg-white p-4" aria-labelledby="digest-heading">
      <h2 id="digest-heading" className="font-semibold">
        Daily low-stock digest
      </h2>
      <p className="text-sm text-slate-700" data-testid="digest-state">
        {on ? "On: you receive the digest once a day when variants run low." : "Off: you do not receive the low-stock digest."}
      </p>
      <Button className="self-start" disabled={save.isPending} onClick={() => save.mutate({ lowStockDigest: !on })}>
        {on ? "Turn off the digest" : "Turn on the digest"}
      </Button>
      {save.error ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </section>
  );
}
