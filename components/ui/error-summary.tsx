"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

export interface SummaryError {
  /** The id of the control the message is about (the link moves focus to it). */
  fieldId: string;
  message: string;
}

/**
 * What is wrong with a form, listed at its top after an invalid submit, each message a link to its
 * control. It takes focus whenever `attempt` changes (each submit that found problems), so a
 * keyboard or screen reader user lands on it instead of on a button that did nothing.
 */
export function ErrorSummary({ errors, attempt, title }: { errors: SummaryError[]; attempt: number; title?: string }) {
  const t = useTranslations("forms");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" data-testid="error-summary"
      className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900 focus:outline-none focus:ring-4 focus:ring-red-300">
      <h2 id="error-summary-title" className="font-semibold">{title ?? t("problem")}</h2>
      <ul className="mt-2 list-disc pl-5">
        {errors.map((e) => (
          <li key={e.fieldId + e.message}>
            <a
              href={`#${e.fieldId}`}
              className="underline"
              onClick={(ev) => {
                ev.preventDefault();
                document.getElementById(e.fieldId)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
