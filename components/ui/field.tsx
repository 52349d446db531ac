import { useTranslations } from "next-intl";
import { useId, type ComponentProps, type InputHTMLAttributes } from "react";
import { MIN_PASSWORD_LENGTH } from "@/shared/auth-schemas";

const labelStyle = "text-sm font-medium text-slate-800";

/** A form control with its label above it (or beside it, given a row `className`); `id` is the control's. */
export function Labelled({
  id,
  label,
  className = "flex flex-col gap-1",
  labelClassName = labelStyle,
  children,
}: {
  id: string;
  label: React.ReactNode;
  className?: string;
  labelClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A control's error message, if any (give it an `id` for the control's aria-describedby). */
export function FieldError({ id, error }: { id?: string; error?: string | null }) {
  return error ? (
    <p id={id} className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

/** A select's options as [value, label] pairs. */
export type Choices = readonly (readonly [value: string, label: string])[];

export function ChoiceOptions({ choices }: { choices: Choices }) {
  return choices.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/**
 * A labelled select: `choices` first, then any `children` (option groups). `className` styles the
 * select itself; `error` is shown below it and wired for screen readers.
 */
export function SelectField({
  id,
  label,
  labelClassName,
  wrapperClassName,
  choices = [],
  error,
  children,
  ...select
}: ComponentProps<"select"> & { id: string; label: string; labelClassName?: string; wrapperClassName?: string; choices?: Choices; error?: string }) {
  const errorId = `${id}-error`;
  return (
    <Labelled id={id} label={label} labelClassName={labelClassName} className={wrapperClassName}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...select}>
        <ChoiceOptions choices={choices} />
        {children}
      </select>
      <FieldError id={errorId} error={error} />
    </Labelled>
  );
}

/** A labelled input with its error right below it, wired for screen readers. */
export function Field({
  label,
  error,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const generated = useId();
  // A given id (an error summary links to it) names the input; otherwise one is made.
  const id = input.id ?? generated;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <Labelled id={id} label={label}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`rounded-md border px-3 py-2 text-sm shadow-sm ${error ? "border-red-600" : "border-slate-300"}`}
        {...input}
      />
      {hint && !error ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
    </Labelled>
  );
}

/** The field where someone chooses a password (registration, reset, change): the browser's
 * password manager offers a new one, and the shortest length is the schema's. */
export function NewPasswordField({ label, name, error }: { label: string; name: string; error?: string }) {
  const t = useTranslations("forms");
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={MIN_PASSWORD_LENGTH}
      hint={t("passwordHint", { min: MIN_PASSWORD_LENGTH })}
      error={error}
    />
  );
}
