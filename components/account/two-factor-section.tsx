"use client";
// The two-factor part of /account/security: set-up (QR code, the secret to type in, a code to
// confirm), the recovery codes shown once, new recovery codes, and turning it off with a fresh
// code. Staff whom the requirement sent here (`next`) continue where they were going after it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateSession } from "@/client/session-update";
import { useTRPC } from "@/client/trpc";
import { useTranslations } from "next-intl";
import { useDescribeError } from "@/client/i18n-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TitledSection } from "@/components/ui/titled-section";

/** The three steps that ask for a code: whether the code is digits only (what each form says is
 * in messages/*.json, security.twoFactor.forms.<step>). */
const CODE_FORMS = {
  confirm: { step: "confirm", numeric: true },
  regenerate: { step: "regenerate", numeric: true },
  disable: { step: "disable", numeric: false },
} as const;

/** A form that asks for one code and sends it. */
function CodeForm({
  step,
  numeric,
  action,
  error,
}: (typeof CODE_FORMS)[keyof typeof CODE_FORMS] & {
  /** The mutation the code is sent to. */
  action: { isPending: boolean; mutate: (input: { code: string }) => void };
  error?: string;
}) {
  const t = useTranslations("security.twoFactor");
  const label = t(`forms.${step}.label`);
  const hint = t(`forms.${step}.hint`);
  const submit = t(`forms.${step}.submit`);
  const pending = action.isPending;
  const [code, setCode] = useState("");
  return (
    <form
      className="flex flex-col gap-3 sm:max-w-xs"
      aria-label={submit}
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate({ code: code.trim() });
      }}
    >
      <Field
        label={label}
        name="code"
        autoComplete="one-time-code"
        inputMode={numeric ? "numeric" : "text"}
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        hint={hint}
        error={error}
        required
      />
      <Button type="submit" disabled={pending || code.trim() === ""}>
        {pending ? t("checking") : submit}
      </Button>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("security.twoFactor");
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">
        {t("save")}
      </p>
      <ol data-testid="recovery-codes" className="grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} className="rounded bg-white px-2 py-1">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(codes.join("\n")).then(() => setCopied(true));
          }}
        >
          {copied ? t("copied") : t("copy")}
        </Button>
        <a
          className={buttonClass.secondary}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(`${t("fileTitle")}\n\n${codes.join("\n")}\n`)}`}
          download="livemarket-recovery-codes.txt"
        >
          {t("download")}
        </a>
        <Button onClick={onDone}>{t("saved")}</Button>
      </div>
    </div>
  );
}

export function TwoFactorSection({ next }: { next?: string | null }) {
  const t = useTranslations("security.twoFactor");
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const status = useQuery(trpc.account.twoFactor.status.queryOptions());
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [justEnabled, setJustEnabled] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.account.twoFactor.pathKey() });
    router.refresh();
  };
  const failed = (form: string) => (err: unknown) => {
    const e = describeError(err);
    setErrors({ [form]: e.fieldErrors.code ?? e.message });
  };

  const begin = useMutation(trpc.account.twoFactor.beginEnrolment.mutationOptions({ onSuccess: () => setErrors({}), onError: failed("begin") }));
  const confirm = useMutation(
    trpc.account.twoFactor.confirm.mutationOptions({
      onSuccess: async (r) => {
        setErrors({});
        setRecoveryCodes(r.recoveryCodes);
        setJustEnabled(true);
        begin.reset();
        // This session proved a code: it may now do what the account's role allows.
        await updateSession({ twoFactorTicket: r.ticket });
        await refresh();
      },
      onError: failed("confirm"),
    }),
  );
  const regenerate = useMutation(
    trpc.account.twoFactor.regenerateRecoveryCodes.mutationOptions({
      onSuccess: async (r) => {
        setErrors({});
        setRecoveryCodes(r.recoveryCodes);
        await refresh();
      },
      onError: failed("regenerate"),
    }),
  );
  const disable = useMutation(
    trpc.account.twoFactor.disable.mutationOptions({
      onSuccess: async () => {
        setErrors({});
        setJustEnabled(false);
        await updateSession();
        await refresh();
      },
      onError: failed("disable"),
    }),
  );

  const s = status.data;
  return (
    <TitledSection id="two-factor" title={t("title")} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <p className="text-sm text-slate-600">
        {t("intro")}
      </p>
      {status.isPending ? <p className="text-sm text-slate-500">{t("loading")}</p> : null}
      {status.isError ? <Alert>{describeError(status.error).message}</Alert> : null}
      {s ? (
        <p className="text-sm">
          {t("status")}{" "}
          <strong data-testid="two-factor-state" className={s.enabled ? "text-emerald-700" : "text-slate-900"}>
            {s.enabled ? t("on") : t("off")}
          </strong>
          {s.enabled ? <span className="text-slate-600">{t("codesLeft", { count: s.recoveryCodesLeft })}</span> : null}
          {s.exempt && !s.enabled ? <span className="text-slate-600">{t("exempt")}</span> : null}
        </p>
      ) : null}

      {s?.required && !s.enabled ? (
        <Alert tone="info">{t("required")}</Alert>
      ) : null}

      {recoveryCodes ? <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} /> : null}

      {justEnabled && !recoveryCodes ? (
        <Alert tone="success">
          {t("enabled")}{" "}
          {next ? (
            <Link href={next} className="font-medium underline">
              {t("continue")}
            </Link>
          ) : null}
        </Alert>
      ) : null}

      {s && !s.enabled ? (
        begin.data ? (
          <div className="flex flex-col gap-4">
            <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm">
              <li>{t("scan")}</li>
              <li>{t("enter")}</li>
            </ol>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
              <img src={begin.data.qrCode} alt={t("qrAlt")} width={200} height={200} className="h-48 w-48 rounded border border-slate-200" />
              <div className="flex min-w-0 flex-col gap-3">
                <div className="text-sm">
                  <p className="text-slate-600">{t("cannotScan")}</p>
                  <code data-testid="two-factor-secret" className="block break-words rounded bg-slate-100 px-2 py-1 font-mono text-sm">
                    {begin.data.secret.match(/.{1,4}/g)?.join(" ")}
                  </code>
                </div>
                <CodeForm {...CODE_FORMS.confirm} action={confirm} error={errors.confirm} />
              </div>
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-2">
            {errors.begin ? <Alert>{errors.begin}</Alert> : null}
            <div>
              <Button onClick={() => begin.mutate()} pending={begin.isPending} pendingLabel={t("preparing")}>
                {t("setUp")}
              </Button>
            </div>
          </div>
        )
      ) : null}

      {s?.enabled && !recoveryCodes ? (
        <div className="grid gap-6 sm:grid-cols-2">
          <div className="flex flex-col gap-2">
            <h3 className="font-medium">{t("newCodes")}</h3>
            <p className="text-sm text-slate-600">{t("replaces")}</p>
            <CodeForm {...CODE_FORMS.regenerate} action={regenerate} error={errors.regenerate} />
          </div>
          <div className="flex flex-col gap-2">
            <h3 className="font-medium">{t("turnOff")}</h3>
            <p className="text-sm text-slate-600">
              {s.required ? t("offRequired") : t("offPasswordOnly")}
            </p>
            <CodeForm {...CODE_FORMS.disable} action={disable} error={errors.disable} />
          </div>
        </div>
      ) : null}
    </TitledSection>
  );
}
