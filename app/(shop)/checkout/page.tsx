import type { Metadata } from "next";
import Link from "next/link";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { CheckoutForm, type CheckoutDefaults } from "@/components/checkout/checkout-form";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const session = await getSession();
  const qc = getQueryClient();
  await Promise.all([qc.prefetchQuery(trpc.cart.get.queryOptions()), qc.prefetchQuery(trpc.orders.deliveryOptions.queryOptions())]);
  if (!session) {
    // A guest checks out with an email (decision 146); one way to sign in instead.
    return (
      <HydratedPage title="Checkout">
        <p className="-mt-2 mb-6 text-slate-700">
          No account needed: we email your confirmation and a link to follow your order. Have an account?{" "}
          <Link href="/signin?callbackUrl=%2Fcheckout" className="text-brand-700 underline">Sign in</Link>. Or{" "}
          <Link href="/register?callbackUrl=%2Fcheckout" className="text-brand-700 underline">create an account</Link> to keep your addresses and order history; your cart comes with you.
        </p>
        <CheckoutForm guest defaults={{ name: "", email: "" }} />
      </HydratedPage>
    );
  }
  const saved = await qc.fetchQuery(trpc.account.defaultAddress.queryOptions());
  const defaults: CheckoutDefaults = saved
    ? { name: saved.name, email: session.user.email, phone: saved.phone, address: saved.address, city: saved.city, zip: saved.zip, region: saved.region, country: saved.country }
    : { name: session.user.name, email: session.user.email };
  return (
    <HydratedPage title="Checkout">
      <CheckoutForm defaults={defaults} />
    </HydratedPage>
  );
}
