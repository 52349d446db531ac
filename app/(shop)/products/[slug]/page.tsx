import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { zText } from "@/shared/text";
import { HydrateClient, getQueryClient, trpc } from "@/server/api/rsc";
import { ProductDetail } from "@/components/catalog/product-detail";
import { ProductReviews } from "@/components/reviews/product-reviews";
import { getSession } from "@/server/auth/session";
import { OPTION_PARAM_PREFIX, pickVariant } from "@/components/catalog/variant-options";
import { ProductRecommendations } from "@/app/(shop)/_recommendations/product-recommendations";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const ZSlug = zText().trim().min(1).max(200);
const ZVariantParam = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), zText().min(1).max(100).optional()).catch(undefined);

/** The product, or null when customers may not see it (draft, archived, deleted, unknown). */
async function loadProduct(rawSlug: string) {
  const slug = ZSlug.safeParse(rawSlug);
  if (!slug.success) return null;
  try {
    return await getQueryClient().fetchQuery(trpc.catalog.bySlug.queryOptions({ slug: slug.data }));
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await loadProduct((await params).slug);
  if (!product) return { title: (await getTranslations("product"))("notAvailable") };
  return { title: product.title, description: product.description.slice(0, 160) };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await loadProduct((await params).slug);
  if (!product) notFound();
  const sp = await searchParams;

  // The variant picker's no-JS submission (?opt_size=M&opt_colour=Red) becomes the canonical,
  // shareable ?variant=<id>.
  const variant = ZVariantParam.parse(sp.variant);
  const wanted: Record<string, string> = {};
  for (const [key, value] of Object.entries(sp)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (key.startsWith(OPTION_PARAM_PREFIX) && typeof v === "string" && v.length <= 100) wanted[key.slice(OPTION_PARAM_PREFIX.length)] = v;
  }
  if (!variant && Object.keys(wanted).length) {
    const chosen = pickVariant(product.variants, wanted);
    if (chosen) redirect(`/products/${encodeURIComponent(product.slug)}?variant=${encodeURIComponent(chosen.id)}`);
  }

  return (
    <>
      <HydrateClient>
        <ProductDetail slug={product.slug} />
        <ProductReviews slug={product.slug} signedIn={Boolean(await getSession())} />
      </HydrateClient>
      <ProductRecommendations productId={product.id} />
    </>
  );
}
