import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { countryChoices } from "@/shared/countries";
import Link from "next/link";
import { getQueryClient, trpc } from "@/server/api/rsc";
import { HydratedPage } from "@/app/_layout/hydrated-page";
import { getSession } from "@/server/auth/session";
import { CheckoutForm, type CheckoutDefaults } from "@/components/checkout/checkout-form";
import { shippingAddressOf } from "@/shared/shipping";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkout"))("title") };
}

export default async function CheckoutPage() {
  const session = await getSession();
  const t = await getTranslations("checkout");
  const qc = getQueryClient();
  // The country list is made here, once: the browser's own country names may differ from Node's,
  // and a list the browser sorted differently would not hydrate.
  const countries = countryChoices(await getLocale());
  await qc.prefetchQuery(trpc.cart.get.queryOptions());
  if (!session) {
    await qc.prefetchQuery(trpc.cart.shippingQuote.queryOptions(shippingAddressOf({})));
    // A guest checks out with an email (decision 146); one way to sign in instead.
    return (
      <HydratedPage title={t("title")}>
        <p className="-mt-2 mb-6 text-slate-700">
          {t.rich("guestIntro", {
            signin: (chunks) => <Link href="/signin?callbackUrl=%2Fcheckout" className="text-brand-700 underline">{chunks}</Link>,
            register: (chunks) => <Link href="/register?callbackUrl=%2Fcheckout" className="text-brand-700 underline">{chunks}</Link>,
          })}
        </p>
        <CheckoutForm guest defaults={{ name: "", email: "" }} countries={countries} />
      </HydratedPage>
    );
  }
  const saved = await qc.fetchQuery(trpc.account.defaultAddress.queryOptions());
  const defaults: CheckoutDefaults = saved
    ? { name: saved.name, email: session.user.email, phone: saved.phone, address: saved.address, city: saved.city, zip: saved.zip, region: saved.region, country: saved.country }
    : { name: session.user.name, email: session.user.email };
  // The delivery options for the address the form starts with, in the first page.
  await qc.prefetchQuery(trpc.cart.shippingQuote.queryOptions(shippingAddressOf(defaults)));
  return (
    <HydratedPage title={t("title")}>
      <CheckoutForm defaults={defaults} countries={countries} />
    </HydratedPage>
  );
}
