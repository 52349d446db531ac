import type { Metadata } from "next";
import Link from "next/link";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { RegisterForm } from "@/app/register/register-form";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const session = await getSession();
  if (!session) {
    return (
      <div className="mx-auto flex max-w-md flex-col gap-4">
        <h1 className="text-2xl font-bold">Checkout</h1>
        <p className="text-slate-700">
          Create an account to place your order, so you can follow it and see your order history. Your cart comes with you.
        </p>
        <RegisterForm callbackUrl="/checkout" />
        <p className="text-sm text-slate-600">
          Already a customer? <Link href="/signin?callbackUrl=%2Fcheckout" className="text-brand-700 underline">Sign in to check out</Link>
        </p>
      </div>
    );
  }
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.cart.get.queryOptions()), qc.prefetchQuery(trpc.orders.deliveryOptions.queryOptions())]);
  return (
    <HydratedPage title="Checkout">
      <CheckoutForm defaults={{ name: session.user.name, email: session.user.email }} />
    </HydratedPage>
  );
}
