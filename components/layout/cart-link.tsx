"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/client/trpc";

/** The header's cart link. Its count is a query of its own (`cart.count`): sharing `cart.get`
 * with the cart page would create that query outside the page's HydrationBoundary, which then
 * defers hydrating it and the page's suspense query would fetch during server rendering.
 * Cart mutations invalidate every `cart.*` query, so the count follows.
 * Its accessible name is its visible text ("Cart 2") plus a hidden "items", so a person using
 * voice control can say what they see (WCAG 2.5.3, axe's label-content-name-mismatch). */
export function CartLink() {
  const t = useTranslations("layout.header");
  const trpc = useTRPC();
  const { data } = useQuery(trpc.cart.count.queryOptions());
  const count = data?.itemCount ?? 0;
  return (
    <Link href="/cart" className="inline-flex shrink-0 items-center gap-1 whitespace-nowrap hover:underline">
      {t("cart")}
      {count > 0 ? (
        <>
          {" "}
          <span className="rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="cart-count">
            {count}
          </span>
          <span className="sr-only"> {t("cartItems", { count })}</span>
        </>
      ) : null}
    </Link>
  );
}
