"use client";
import { useTranslations } from "next-intl";
// The checkout summary's live stock warnings, kept apart from the form: which lines changed
// since they were added (sold out, fewer left, a new price), from the same cart query the
// summary and its totals read, so the warning, the lines and the total always agree.
import Link from "next/link";
import { useFormatMoney } from "@/components/ui/price";
import { lineCannotBeBought, type CartLineProblem } from "@/shared/cart";

interface SummaryLine {
  variantId: string;
  title: string;
  variantTitle: string;
  quantity: number;
  stock: number;
  priceMinor: number;
  priceMinorAdded: number;
  lineTotalMinor: number;
  currency: string;
  problems: CartLineProblem[];
}

function useProblemText(): (l: SummaryLine) => string | null {
  const t = useTranslations("checkout.stock");
  const fmt = useFormatMoney();
  return (l) => {
    if (l.problems.includes("unavailable")) return t("unavailable");
    if (l.problems.includes("sold-out")) return t("soldOut");
    if (l.problems.includes("insufficient-stock")) return t("insufficient", { stock: l.stock });
    if (l.problems.includes("price-changed")) return t("priceChanged", { price: fmt(l.priceMinor, l.currency) });
    return null;
  };
}

/** A summary line's amount, or what stops it being bought (struck through: not in the total). */
export function LineProblem({ line }: { line: SummaryLine }) {
  const fmt = useFormatMoney();
  const text = useProblemText()(line);
  return (
    <>
      <span className={lineCannotBeBought(line.problems) ? "text-slate-500 line-through" : undefined}>{fmt(line.lineTotalMinor, line.currency)}</span>
      {text ? (
        <span className="block text-xs font-medium text-red-700" data-testid="summary-line-problem">
          {text}
        </span>
      ) : null}
    </>
  );
}

/** Shown, and announced, the moment a line needs the shopper's attention. */
export function CheckoutStockWarning({ lines }: { lines: SummaryLine[] }) {
  const t = useTranslations("checkout.stock");
  const problemText = useProblemText();
  const changed = lines.filter((l) => l.problems.length > 0);
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="checkout-stock-warning">
      <p className="font-medium">{t("changed")}</p>
      <ul className="mt-1 list-disc pl-5">
        {changed.map((l) => (
          <li key={l.variantId}>
            {l.title}
            {l.variantTitle ? ` (${l.variantTitle})` : ""}: {problemText(l)?.toLowerCase()}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        {t.rich("review", {
          link: (chunks) => (
            <Link href="/cart" className="font-medium underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}
