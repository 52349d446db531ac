// An order for whoever holds its signed link (a guest's confirmation page and email, decision
// 147): no sign-in. A link that does not verify is a 404, like an order that does not exist.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { OrderDetail } from "@/components/orders/order-detail";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orders"))("orderMeta"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function OrderLinkPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  if (token.length > 1000) notFound();
  try {
    await getQueryClient().fetchQuery(trpc.orders.byLink.queryOptions({ token }));
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
  const justPlaced = (await searchParams).placed === "1";
  const t = await getTranslations("orders");
  return (
    <HydrateClient>
      <div className="flex flex-col gap-4">
        <OrderDetail orderId="" linkToken={token} justPlaced={justPlaced} />
        <p className="text-sm text-slate-600" data-testid="order-link-note">
          {t.rich("linkNote", { link: (chunks) => <Link href="/register" className="text-brand-700 underline">{chunks}</Link> })}
        </p>
      </div>
    </HydrateClient>
  );
}
