"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/client/trpc";

/** Whether the store's prices include tax (`seller.taxSettings` / `seller.setTaxSettings`,
 * decision 191): included, the buyer sees "incl. VAT 19%" and pays the price; not included, the
 * tax is added at checkout. Orders already placed keep what they were charged. */
export function TaxSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.seller.taxSettings.queryOptions());
  const save = useMutation(
    trpc.seller.setTaxSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.seller.taxSettings.queryKey(), data),
    }),
  );
  if (!settings.data) return <p className="text-sm text-slate-600">{settings.error ? "Your tax settings could not be loaded. Reload the page." : "Loading…"}</p>;
  const included = settings.data.pricesIncludeTax;
  return (
    <fieldset className="flex max-w-xl flex-col gap-3 rounded-md border border-slate-200 bg-white p-4" disabled={save.isPending}>
      <legend className="px-1 font-semibold">Your prices</legend>
      <label className="flex items-start gap-3 text-sm">
        <input type="radio" name="pricesIncludeTax" checked={!included} onChange={() => save.mutate({ pricesIncludeTax: false })} className="mt-1" />
        <span>
          <span className="font-medium">Exclude tax</span>
          <span className="block text-slate-600">Tax is added to the price at checkout (common in the US).</span>
        </span>
      </label>
      <label className="flex items-start gap-3 text-sm">
        <input type="radio" name="pricesIncludeTax" checked={included} onChange={() => save.mutate({ pricesIncludeTax: true })} className="mt-1" />
        <span>
          <span className="font-medium">Include tax</span>
          <span className="block text-slate-600">The price is what the buyer pays; the tax in it is shown (common for VAT).</span>
        </span>
      </label>
      <p role="status" className="text-sm text-slate-700" data-testid="tax-setting-state">
        {included ? "Your prices include tax." : "Tax is added to your prices."}
      </p>
      {save.error ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </fieldset>
  );
}
