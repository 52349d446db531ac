// Review reads: a product's public list (visible reviews, newest first), the customer's own
// review of a product and whether they may write one, a store's reviews for its seller, and
// every review for admins. Text leaves as stored (plain); pages render it as text.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client.ts";
import type { DbClient } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { NEWEST_FIRST, pageOf, pageWindow, ZPage } from "@/server/services/paging";
import { REVIEWS_PAGE_SIZE } from "@/shared/reviews";
import { zId } from "@/shared/text";
import { deliveredOrderOf } from "./write-reviews";

/** "Ada Lovelace" → "Ada L.": what the public sees of a reviewer. */
export function reviewerName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "Customer";
  const first = parts[0]!.slice(0, 40);
  return parts.length > 1 ? `${first} ${parts.at(-1)!.charAt(0).toUpperCase()}.` : first;
}

export const ZProductReviewsInput = z.object({
  productId: zId(),
  limit: z.int32().min(1).max(50).default(REVIEWS_PAGE_SIZE),
  /** The last review's id of the previous page. */
  cursor: zId().nullish(),
});
export type TProductReviewsInput = z.input<typeof ZProductReviewsInput>;

const publicSelect = {
  id: true, rating: true, body: true, createdAt: true, updatedAt: true, replyBody: true, replyAt: true,
  user: { select: { name: true } },
  product: { select: { store: { select: { name: true } } } },
} satisfies Prisma.ReviewSelect;

type PublicRow = Prisma.ReviewGetPayload<{ select: typeof publicSelect }>;

export interface PublicReview {
  id: string;
  rating: number;
  body: string;
  author: string;
  /** Every review comes from a delivered order (decision 161). */
  verified: true;
  createdAt: Date;
  edited: boolean;
  reply: { body: string; at: Date; storeName: string } | null;
}

function toPublic(r: PublicRow): PublicReview {
  return {
    id: r.id,
    rating: r.rating,
    body: r.body,
    author: reviewerName(r.user.name),
    verified: true,
    createdAt: r.createdAt,
    edited: r.updatedAt.getTime() - r.createdAt.getTime() > 1000,
    reply: r.replyBody !== null && r.replyAt ? { body: r.replyBody, at: r.replyAt, storeName: r.product.store.name } : null,
  };
}

/** A visible product's visible reviews, newest first, a page at a time. */
export async function listProductReviews(db: DbClient, raw: TProductReviewsInput) {
  const input = ZProductReviewsInput.parse(raw);
  const product = await db.product.findFirst({ where: { id: input.productId, status: "ACTIVE", deletedAt: null }, select: { id: true } });
  if (!product) throw new AppError("NOT_FOUND", "This product is no longer available");
  const rows = await db.review.findMany({
    where: { productId: input.productId, hiddenAt: null },
    orderBy: NEWEST_FIRST,
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: publicSelect,
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(toPublic);
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

export const ZMyReviewInput = z.object({ productId: zId() });

/** The caller's review of the product (hidden ones too, marked) and whether they may write one. */
export async function getMyReview(db: DbClient, userId: string, raw: z.input<typeof ZMyReviewInput>) {
  const { productId } = ZMyReviewInput.parse(raw);
  const review = await db.review.findUnique({
    where: { productId_userId: { productId, userId } },
    select: { id: true, rating: true, body: true, hiddenAt: true, createdAt: true, updatedAt: true },
  });
  if (review) {
    const { hiddenAt, ...rest } = review;
    return { canReview: true, review: { ...rest, hidden: hiddenAt !== null } };
  }
  return { canReview: (await deliveredOrderOf(db, userId, productId)) !== null, review: null };
}

export const SELLER_REVIEWS_PAGE_SIZE = 20;

export const ZSellerReviewsInput = z.object({
  /** "unreplied": only reviews without the store's reply yet. */
  filter: z.enum(["all", "unreplied"]).default("all"),
  page: ZPage,
});

/** A store's reviews (of its products), newest first, for its seller. Hidden ones are marked. */
export async function listStoreReviews(db: DbClient, storeId: string, raw: z.input<typeof ZSellerReviewsInput>) {
  const input = ZSellerReviewsInput.parse(raw);
  const where: Prisma.ReviewWhereInput = { product: { storeId }, ...(input.filter === "unreplied" ? { replyBody: null } : {}) };
  const [rows, total] = await Promise.all([
    db.review.findMany({
      where,
      orderBy: NEWEST_FIRST,
      ...pageWindow(input.page, SELLER_REVIEWS_PAGE_SIZE),
      select: {
        id: true, rating: true, body: true, createdAt: true, updatedAt: true, replyBody: true, replyAt: true, hiddenAt: true,
        user: { select: { name: true } },
        product: { select: { id: true, title: true, slug: true } },
      },
    }),
    db.review.count({ where }),
  ]);
  const items = rows.map(({ user, hiddenAt, ...r }) => ({ ...r, author: reviewerName(user.name), hidden: hiddenAt !== null }));
  return pageOf(items, total, input.page, SELLER_REVIEWS_PAGE_SIZE);
}

export const ADMIN_REVIEWS_PAGE_SIZE = 20;

export const ZAdminReviewsInput = z.object({
  visibility: z.enum(["all", "visible", "hidden"]).default("all"),
  page: ZPage,
});

/** Every review, newest first, with who wrote it and why it is hidden, for moderation. */
export async function listAllReviews(db: DbClient, raw: z.input<typeof ZAdminReviewsInput>) {
  const input = ZAdminReviewsInput.parse(raw);
  const where: Prisma.ReviewWhereInput =
    input.visibility === "visible" ? { hiddenAt: null } : input.visibility === "hidden" ? { hiddenAt: { not: null } } : {};
  const [rows, total] = await Promise.all([
    db.review.findMany({
      where,
      orderBy: NEWEST_FIRST,
      ...pageWindow(input.page, ADMIN_REVIEWS_PAGE_SIZE),
      select: {
        id: true, rating: true, body: true, createdAt: true, replyBody: true, hiddenAt: true, hiddenReason: true,
        user: { select: { email: true, name: true } },
        product: { select: { id: true, title: true, slug: true, store: { select: { name: true } } } },
      },
    }),
    db.review.count({ where }),
  ]);
  const items = rows.map(({ hiddenAt, ...r }) => ({ ...r, hidden: hiddenAt !== null, hiddenAt }));
  return pageOf(items, total, input.page, ADMIN_REVIEWS_PAGE_SIZE);
}
