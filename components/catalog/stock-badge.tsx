import { useTranslations } from "next-intl";
import { stockState } from "@/shared/stock";

const styles = {
  "in-stock": "bg-emerald-50 text-emerald-800 ring-emerald-200",
  low: "bg-amber-50 text-amber-900 ring-amber-200",
  out: "bg-slate-100 text-slate-600 ring-slate-300",
} as const;

export function StockBadge({ stock, lowStockThreshold }: { stock: number; lowStockThreshold: number }) {
  const t = useTranslations("catalog.stock");
  const state = stockState(stock, lowStockThreshold);
  return (
    <span className={`inline-flex w-fit rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[state]}`}>
      {state === "out" ? t("out") : state === "low" ? t("low", { count: stock }) : t("inStock")}
    </span>
  );
}
