"use client";
import { useTranslations } from "next-intl";
import { useDescribeError, useIssueMessage } from "@/client/i18n-errors";
// /account: saved addresses (add, edit, delete, make default). The default one prefills the
// checkout (decision 150).
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/client/trpc";
import { parseForm } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, SelectField, type Choices } from "@/components/ui/field";
import { CountryName } from "@/components/ui/country-name";
import { DEFAULT_COUNTRY } from "@/shared/countries";
import { TitledSection } from "@/components/ui/titled-section";
import { ZAddressInput } from "@/shared/account";

/** Field, its label (the checkout's: checkout.address.*), autocomplete. */
const FIELDS = [
  ["name", "name", "name"],
  ["phone", "phone", "tel"],
  ["address", "address", "street-address"],
  ["city", "city", "address-level2"],
  ["zip", "zip", "postal-code"],
  ["region", "region", "address-level1"],
  ["country", "country", "country"],
] as const;
type Key = (typeof FIELDS)[number][0];
type Saved = { id: string; name: string; phone: string; zip: string; city: string; address: string; region: string; country: string; isDefault: boolean };

function AddressForm({ initial, countries, onDone, onCancel }: { initial: Saved | null; countries: Choices; onDone: (message: string) => void; onCancel?: () => void }) {
  const t = useTranslations("account.addresses");
  const labels = useTranslations("checkout.address");
  const describeError = useDescribeError();
  const issueMessage = useIssueMessage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.account.createAddress.mutationOptions());
  const update = useMutation(trpc.account.updateAddress.mutationOptions());
  const prefix = initial ? `address-${initial.id}` : "address-new";

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    setFormError(null);
    const values = { ...Object.fromEntries(FIELDS.map(([k]) => [k, String(f.get(k) ?? "")])), isDefault: f.get("isDefault") === "on" };
    const parsed = parseForm(ZAddressInput, values, issueMessage);
    setErrors((parsed.fieldErrors ?? {}) as Partial<Record<Key, string>>);
    if (!parsed.data) return setAttempt((n) => n + 1);
    try {
      if (initial) await update.mutateAsync({ addressId: initial.id, address: parsed.data });
      else await create.mutateAsync(parsed.data);
      formEl.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
      onDone(initial ? t("saved") : t("added"));
    } catch (err) {
      const d = describeError(err);
      setErrors(d.fieldErrors as Partial<Record<Key, string>>);
      setFormError(Object.keys(d.fieldErrors).length ? null : d.message);
      setAttempt((n) => n + 1);
    }
  }

  const summary = FIELDS.flatMap(([k]) => (errors[k] ? [{ fieldId: `${prefix}-${k}`, message: errors[k] }] : []));
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={initial ? t("editForm") : t("addForm")}>
      <ErrorSummary errors={summary} attempt={attempt} />
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map(([k, label, autoComplete]) =>
          k === "country" ? (
            <SelectField key={k} id={`${prefix}-${k}`} label={labels(label)} name={k} autoComplete={autoComplete} defaultValue={initial?.country ?? DEFAULT_COUNTRY} error={errors[k]} choices={countries} wrapperClassName="flex min-w-0 flex-col gap-1" className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" required />
          ) : (
            <Field key={k} id={`${prefix}-${k}`} label={labels(label)} name={k} autoComplete={autoComplete} type={k === "phone" ? "tel" : "text"} defaultValue={initial?.[k]} error={errors[k]} required={k !== "region"} />
          ),
        )}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isDefault" defaultChecked={initial?.isDefault ?? false} /> {t("isDefault")}
      </label>
      <div className="flex gap-2">
        <Button type="submit" pending={create.isPending || update.isPending} pendingLabel={t("saving")}>{initial ? t("save") : t("add")}</Button>
        {onCancel ? <Button variant="secondary" onClick={onCancel}>{t("cancel")}</Button> : null}
      </div>
    </form>
  );
}

export function AddressesSection({ countries }: { countries: Choices }) {
  const t = useTranslations("account.addresses");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: addresses } = useSuspenseQuery(trpc.account.addresses.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const after = {
    onSuccess: async () => {
      setError(null);
      await queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
    },
    onError: (err: unknown) => setError(describeError(err).message),
  };
  const remove = useMutation(trpc.account.deleteAddress.mutationOptions(after));
  const makeDefault = useMutation(trpc.account.setDefaultAddress.mutationOptions(after));

  return (
    <TitledSection id="addresses" title={t("title")} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      {addresses.length === 0 ? <p className="text-sm text-slate-600">{t("none")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2" aria-label={t("list")}>
        {addresses.map((a) => (
          <li key={a.id} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm" data-testid="saved-address">
            {editing === a.id ? (
              <AddressForm initial={a} countries={countries} onCancel={() => setEditing(null)} onDone={(m) => { setEditing(null); setDone(m); }} />
            ) : (
              <>
                <address className="not-italic">
                  <strong>{a.name}</strong>
                  {a.isDefault ? <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-900">{t("default")}</span> : null}
                  <br />
                  {a.address}
                  <br />
                  {a.zip} {a.city}
                  {a.region ? `, ${a.region}` : ""}
                  <br />
                  <CountryName code={a.country} />
                  <br />
                  {a.phone}
                </address>
                <div className="flex flex-wrap gap-3">
                  <button type="button" className="text-brand-700 underline" onClick={() => { setDone(null); setEditing(a.id); }} aria-label={t("editLabel", { address: a.address })}>{t("edit")}</button>
                  {!a.isDefault ? (
                    <button type="button" className="text-brand-700 underline" onClick={() => makeDefault.mutate({ addressId: a.id })} aria-label={t("makeDefaultLabel", { address: a.address })}>{t("makeDefault")}</button>
                  ) : null}
                  <button type="button" className="text-red-700 underline" onClick={() => remove.mutate({ addressId: a.id })} aria-label={t("deleteLabel", { address: a.address })}>{t("delete")}</button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <details className="rounded-md border border-dashed border-slate-300 p-3" open={addresses.length === 0}>
        <summary className="cursor-pointer font-medium">{t("addForm")}</summary>
        <div className="pt-3">
          <AddressForm initial={null} countries={countries} onDone={setDone} />
        </div>
      </details>
    </TitledSection>
  );
}
