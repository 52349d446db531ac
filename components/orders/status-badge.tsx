"use client";
// A client component, so seller and admin pages (English, app/_layout/area-layout.tsx) and the
// shop (the shopper's language) each get their own words.
import { useTranslations } from "next-intl";
import type { OrderStatus } from "@/shared/orders";

const TONE: Record<OrderStatus, string> = {
  PLACED: "bg-slate-100 text-slate-800",
  PAID: "bg-brand-50 text-brand-900",
  PACKED: "bg-amber-50 text-amber-900",
  SHIPPED: "bg-sky-50 text-sky-900",
  DELIVERED: "bg-emerald-50 text-emerald-900",
  CANCELLED: "bg-red-50 text-red-900",
  REFUNDED: "bg-violet-50 text-violet-900",
  NEEDS_ATTENTION: "bg-orange-100 text-orange-900",
  PENDING_PAYMENT: "bg-yellow-50 text-yellow-900",
  PAYMENT_FAILED: "bg-red-50 text-red-900",
};

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  const t = useTranslations("orders.status");
  return (
    <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${TONE[status]}`} data-testid={testId}>
      {t(status)}
    </span>
  );
}
