"use client";
// The form that makes an API key (seller: for their store; admin: a platform key): a name, the
// scopes, an optional expiry. The new key's secret is shown once, above the list.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/client/trpc";
import { describeError } from "@/client/trpc-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldError, SelectField, type Choices } from "@/components/ui/field";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES, type ApiScope } from "@/shared/api-scopes";
import { NewKeySecret } from "./new-key-secret";

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY_CHOICES: Choices = [
  ["never", "Never"],
  ["7", "In 7 days"],
  ["30", "In 30 days"],
  ["90", "In 90 days"],
  ["365", "In a year"],
  ["date", "On a date…"],
];

/** The end of a chosen day (local time), or the preset's moment; null: never. */
function expiryOf(choice: string, date: string): Date | null | "missing" {
  if (choice === "never") return null;
  if (choice === "date") return date ? new Date(`${date}T23:59:59`) : "missing";
  return new Date(Date.now() + Number(choice) * DAY_MS);
}

export function CreateApiKeyForm({ owner }: { owner: "seller" | "admin" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const scopes = API_SCOPES.filter((s) => owner === "admin" || s !== "admin");
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<ApiScope[]>([]);
  const [expiry, setExpiry] = useState("never");
  const [date, setDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const scopesId = useId();
  const [tomorrow] = useState(() => new Date(Date.now() + DAY_MS).toISOString().slice(0, 10));
  const options = {
    onSuccess: (r: { key: { name: string }; secret: string }) => {
      setCreated({ name: r.key.name, secret: r.secret });
      setName("");
      setChosen([]);
      setExpiry("never");
      setDate("");
      setErrors({});
      router.refresh();
    },
    onError: (err: unknown) => {
      const e = describeError(err);
      setErrors({ form: e.message, ...e.fieldErrors });
    },
  };
  const sellerCreate = useMutation(trpc.seller.apiKeys.create.mutationOptions(options));
  const adminCreate = useMutation(trpc.admin.apiKeys.create.mutationOptions(options));
  const create = owner === "seller" ? sellerCreate : adminCreate;

  return (
    <div className="flex flex-col gap-4">
      {created ? <NewKeySecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} /> : null}
      <form
        aria-label="Create an API key"
        className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        onSubmit={(e) => {
          e.preventDefault();
          const expiresAt = expiryOf(expiry, date);
          if (expiresAt === "missing") return setErrors({ expiresAt: "Choose the day the key expires" });
          if (chosen.length === 0) return setErrors({ scopes: "Choose at least one scope" });
          setErrors({});
          create.mutate({ name, scopes: chosen, expiresAt });
        }}
      >
        <h2 className="text-lg font-semibold">Create a key</h2>
        <Field
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          required
          hint="What uses it, e.g. “Warehouse POS” or “ERP sync”"
          error={errors.name}
        />
        <fieldset className="flex flex-col gap-2" aria-describedby={errors.scopes ? `${scopesId}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Scopes: what the key may do</legend>
          <ul className="flex flex-col gap-2">
            {scopes.map((s) => (
              <li key={s}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="scopes"
                    value={s}
                    className="mt-0.5"
                    checked={chosen.includes(s)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s] : c.filter((x) => x !== s)))}
                  />
                  <span>
                    <span className="font-mono text-xs font-semibold">{s}</span>
                    <span className="block text-slate-600">{API_SCOPE_DESCRIPTIONS[s]}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id={`${scopesId}-error`} error={errors.scopes} />
        </fieldset>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <SelectField
            id={`${scopesId}-expiry`}
            label="Expires"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            choices={EXPIRY_CHOICES}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
            wrapperClassName="flex flex-col gap-1"
          />
          {expiry === "date" ? (
            <Field label="Expiry date" name="expiresOn" type="date" min={tomorrow} value={date} onChange={(e) => setDate(e.target.value)} required error={errors.expiresAt} />
          ) : (
            <FieldError error={errors.expiresAt} />
          )}
        </div>
        {errors.form && !errors.name && !errors.scopes && !errors.expiresAt ? <Alert>{errors.form}</Alert> : null}
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
    </div>
  );
}
