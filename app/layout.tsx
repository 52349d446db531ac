import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";
import { TRPCReactProvider } from "@/client/trpc";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { LiveProvider } from "@/client/live/live-provider";
import { getSession } from "@/server/auth/session";
import { env } from "@/server/env";
import { DisplayCurrencyProvider } from "@/client/currency/display-currency";
import { getDb } from "@/server/db";
import { readRates } from "@/server/services/currency/rates";
import { DISPLAY_CURRENCY_COOKIE, pickDisplayCurrency } from "@/shared/currency";

// Every page shows who is signed in, so nothing is prerendered at build time.
export const dynamic = "force-dynamic";

const ZOD_JITLESS = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true})";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [session, nonce, jar, rates, locale, t] = await Promise.all([
    getSession(),
    headers().then((h) => h.get("x-nonce") ?? undefined),
    cookies(),
    getDb().then(readRates),
    getLocale(),
    getTranslations("layout"),
  ]);
  const display = pickDisplayCurrency(jar.get(DISPLAY_CURRENCY_COOKIE)?.value, Object.keys(rates.micros));
  return (
    <html lang={locale}>
      <head>
        {/* Runs before any bundle: zod compiles object parsers with new Function unless told not
            to, and even its probe for that is reported as a CSP violation (no 'unsafe-eval'). */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
          {t("skipToContent")}
        </a>
        {/* The shopper's language and its messages for client components (i18n/request.ts). */}
        <NextIntlClientProvider>
        <TRPCReactProvider>
          <LiveProvider config={{ url: env.SIDECAR_PUBLIC_URL ?? null, port: env.SIDECAR_PORT }}>
            <DisplayCurrencyProvider value={{ display, rates }}>
              <SiteHeader user={session?.user ?? null} />
              <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
                {children}
              </main>
              <SiteFooter user={session?.user ?? null} />
            </DisplayCurrencyProvider>
          </LiveProvider>
        </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
