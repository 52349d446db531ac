// Errors in the shopper's language (docs/decisions.md 183). Form checks run the server's own zod
// schemas (shared/address.ts …) in the browser; their English messages are the schema's, and a
// message in another language is looked up by field and by the kind of problem (empty, too long,
// malformed) under "validation.<field>.<kind>" in messages/*.json (en.json holds English words for
// those keys only so both files have the same keys: English shows the schema's own message).
// Errors from the server (an AppError's message) are English: shown as they are in English, and
// in another language replaced by the message for their code ("serverErrors.<appCode>", field
// errors "fieldErrors.<field>").
import { useLocale, useTranslations } from "next-intl";
import type { z } from "zod";
import { describeError } from "./trpc-errors";

export type IssueKind = "required" | "tooShort" | "tooLong" | "invalid";

/** What kind of problem a zod issue is: nothing entered, too long, or not in the right form. */
export function issueKind(issue: z.core.$ZodIssue): { kind: IssueKind; max?: number; min?: number } {
  if (issue.code === "invalid_type") return { kind: "required" };
  if (issue.code === "too_small") return Number(issue.minimum) > 1 && issue.origin === "string" ? { kind: "tooShort", min: Number(issue.minimum) } : { kind: "required" };
  if (issue.code === "too_big") return { kind: "tooLong", max: Number(issue.maximum) };
  return { kind: "invalid" };
}

/** A zod issue's message for a field, in the shopper's language: in English the schema's own. */
export function useIssueMessage(): (field: string, issue: z.core.$ZodIssue) => string {
  const locale = useLocale();
  const t = useTranslations("validation");
  return (field, issue) => {
    if (locale === "en") return issue.message;
    const { kind, max, min } = issueKind(issue);
    const key = `${field}.${kind}`;
    // Keys are built from a field name: checked with has() (typed keys cannot know them).
    const k = (t.has(key as never) ? key : `generic.${kind}`) as never;
    return t(k, { max: max ?? 0, min: min ?? 0 } as never);
  };
}

/** describeError in the shopper's language: English as the server wrote it; otherwise the
 * message for the error's code and for each field. */
export function useDescribeError(): (err: unknown) => ReturnType<typeof describeError> {
  const locale = useLocale();
  const t = useTranslations("serverErrors");
  const f = useTranslations("fieldErrors");
  const refusal = useTranslations("discount.refusal");
  return (err) => {
    const d = describeError(err);
    if (locale === "en") return d;
    // A discount code's refusal says why (decision 172): its reason has a message of its own.
    const reason = d.details?.discountRefusal;
    if (typeof reason === "string" && refusal.has(reason as never)) {
      const message = refusal(reason as never);
      return { ...d, message, fieldErrors: { discountCode: message } };
    }
    const code = d.appCode;
    const message = !code ? t("network") : t.has(code as never) ? t(code as never) : t("generic");
    const fieldErrors = Object.fromEntries(
      Object.keys(d.fieldErrors).map((k) => {
        const leaf = k.split(".").at(-1) ?? k;
        return [k, f.has(leaf as never) ? f(leaf as never) : f("generic")];
      }),
    );
    return { ...d, message, fieldErrors };
  };
}
