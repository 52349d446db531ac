// Reviews and ratings: the limits and input schemas shared by the server (tRPC, REST) and the
// forms, and the arithmetic of a rating summary (decisions 161-165).
import { z } from "zod";
import { zId, zText } from "./text";

export const MAX_REVIEW_LENGTH = 2000;
export const MAX_REPLY_LENGTH = 1000;
export const MAX_HIDE_REASON_LENGTH = 300;
export const REVIEWS_PAGE_SIZE = 10;

export const ZRating = z.int32().min(1, "Choose 1 to 5 stars").max(5, "Choose 1 to 5 stars");

export const ZSaveReviewInput = z.object({
  productId: zId(),
  rating: ZRating,
  body: zText().trim().max(MAX_REVIEW_LENGTH, `At most ${MAX_REVIEW_LENGTH} characters`).default(""),
});
export type TSaveReviewInput = z.input<typeof ZSaveReviewInput>;

export const ZReplyInput = z.object({
  reviewId: zId(),
  body: zText().trim().min(1, "Write a reply").max(MAX_REPLY_LENGTH, `At most ${MAX_REPLY_LENGTH} characters`),
});
export type TReplyInput = z.input<typeof ZReplyInput>;

export const ZSetHiddenInput = z.object({
  reviewId: zId(),
  hidden: z.boolean(),
  reason: zText().trim().min(3, "Give a reason (at least 3 characters)").max(MAX_HIDE_REASON_LENGTH),
});
export type TSetHiddenInput = z.input<typeof ZSetHiddenInput>;

/** What a product card or page shows of its reviews (Product's aggregate columns). */
export interface RatingFields {
  ratingCount: number;
  ratingSum: number;
}

/** The average, one decimal (null without reviews). */
export function averageOf(r: RatingFields): number | null {
  return r.ratingCount > 0 ? Math.round((r.ratingSum / r.ratingCount) * 10) / 10 : null;
}
