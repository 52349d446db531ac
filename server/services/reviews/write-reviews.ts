// Review writes: a customer's review (created or edited in place), a seller's reply, an admin's
// hiding. Every write that can change what the public sees of a product's rating takes the
// product's row lock first (FOR NO KEY UPDATE: it does not block orders' foreign-key checks),
// then rewrites the product's aggregates from "Review" in a later statement, so concurrent
// reviews of one product are counted exactly once each (decisions 161-162). The rewrite records
// a `rating.changed` outbox event: the catalogue cache forgets the product's answers at commit,
// and open pages receive the new aggregates through the relay.
import "server-only";
import type { DbClient, Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { outboxEvent, recordEvents } from "@/server/services/outbox/record-event";
import { ZReplyInput, ZSaveReviewInput, ZSetHiddenInput, type TReplyInput, type TSaveReviewInput, type TSetHiddenInput } from "@/shared/reviews";

/** The newest order of the customer's in which they received the product: their order holding
 * it whose part from the product's store is DELIVERED (or, for an order without parts, the
 * order itself). Null when they have not received it. */
export async function deliveredOrderOf(tx: DbClient, userId: string, productId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Order" o
    JOIN "OrderItem" i ON i."orderId" = o.id
    LEFT JOIN "Shipment" s ON s."orderId" = o.id AND s."storeId" = i."storeId"
    WHERE o."userId" = ${userId} AND i."productId" = ${productId}
      AND (s.status = 'DELIVERED' OR (s.id IS NULL AND o.status = 'DELIVERED'))
    ORDER BY o."dateCreated" DESC, o.id DESC
    LIMIT 1`;
  return rows[0]?.id ?? null;
}

/** Locks the product's row for the rating rewrite; NOT_FOUND when it does not exist. */
async function lockProduct(tx: Tx, productId: string): Promise<{ id: string; storeId: string; status: string; deletedAt: Date | null }> {
  const [p] = await tx.$queryRaw<{ id: string; storeId: string; status: string; deletedAt: Date | null }[]>`
    SELECT id, "storeId", status::text AS status, "deletedAt" FROM "Product" WHERE id = ${productId} FOR NO KEY UPDATE`;
  if (!p) throw new AppError("NOT_FOUND", "Product not found");
  return p;
}

export interface RatingSummary {
  productId: string;
  count: number;
  sum: number;
  counts: number[];
  version: number;
}

/** Rewrites the product's aggregates from its visible reviews (the caller holds its row lock)
 * and records the `rating.changed` event. */
export async function refreshRating(tx: Tx, productId: string): Promise<RatingSummary> {
  const [row] = await tx.$queryRaw<{ storeId: string; ratingCount: number; ratingSum: number; ratingCounts: number[]; ratingVersion: number }[]>`
    UPDATE "Product" p SET "ratingCount" = a.c, "ratingSum" = a.s, "ratingCounts" = a.counts, "ratingVersion" = p."ratingVersion" + 1
    FROM (
      SELECT count(*)::int AS c, coalesce(sum(r.rating), 0)::int AS s,
             ARRAY[count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2), count(*) FILTER (WHERE r.rating = 3),
                   count(*) FILTER (WHERE r.rating = 4), count(*) FILTER (WHERE r.rating = 5)]::int[] AS counts
      FROM "Review" r WHERE r."productId" = ${productId} AND r."hiddenAt" IS NULL
    ) a
    WHERE p.id = ${productId}
    RETURNING p."storeId", p."ratingCount", p."ratingSum", p."ratingCounts", p."ratingVersion"`;
  if (!row) throw new AppError("NOT_FOUND", "Product not found");
  const summary = { productId, count: row.ratingCount, sum: row.ratingSum, counts: row.ratingCounts.map(Number), version: row.ratingVersion };
  await recordEvents(tx, [outboxEvent("rating.changed", productId, { ...summary, storeId: row.storeId })]);
  return summary;
}

/** A customer rates a product they received: creates their review, or edits the one they have
 * (one per product per customer). FORBIDDEN when they have not received it. */
export async function saveReview(tx: Tx, userId: string, raw: TSaveReviewInput) {
  const input = ZSaveReviewInput.parse(raw);
  const product = await lockProduct(tx, input.productId);
  if (product.status !== "ACTIVE" || product.deletedAt) throw new AppError("NOT_FOUND", "This product is no longer available");
  const existing = await tx.review.findUnique({ where: { productId_userId: { productId: input.productId, userId } }, select: { id: true } });
  let review;
  if (existing) {
    review = await tx.review.update({ where: { id: existing.id }, data: { rating: input.rating, body: input.body }, select: reviewSelect });
  } else {
    const orderId = await deliveredOrderOf(tx, userId, input.productId);
    if (!orderId) throw new AppError("FORBIDDEN", "You can review a product once an order of yours with it has been delivered");
    review = await tx.review.create({ data: { productId: input.productId, userId, orderId, rating: input.rating, body: input.body }, select: reviewSelect });
  }
  const rating = await refreshRating(tx, input.productId);
  return { review: { ...review, hidden: review.hiddenAt !== null }, created: !existing, rating };
}

const reviewSelect = { id: true, productId: true, orderId: true, rating: true, body: true, hiddenAt: true, createdAt: true, updatedAt: true } as const;

/** A store's seller replies to a review of one of its products, or edits the reply (one per
 * review). Another store's review answers NOT_FOUND, like a missing one. Open product pages see
 * the reply live: it records the product's `rating.changed` (unchanged aggregates, next version),
 * which makes their review lists refetch. */
export async function replyToReview(tx: Tx, actor: { userId: string; storeId: string }, raw: TReplyInput) {
  const input = ZReplyInput.parse(raw);
  const found = await tx.review.findFirst({
    where: { id: input.reviewId, product: { storeId: actor.storeId } },
    select: { id: true, productId: true, replyBody: true },
  });
  if (!found) throw new AppError("NOT_FOUND", "Review not found");
  // The product's lock, as every review write takes it: the reply goes out to open pages with the
  // product's next rating event (same aggregates, next version), so their review lists refetch.
  await lockProduct(tx, found.productId);
  const updated = await tx.review.update({
    where: { id: found.id },
    data: { replyBody: input.body, replyAt: new Date(), replyById: actor.userId },
    select: { id: true, productId: true, replyBody: true, replyAt: true },
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    action: found.replyBody === null ? "review.reply" : "review.reply_edit",
    entityType: "Review",
    entityId: found.id,
    before: found.replyBody === null ? null : { replyBody: found.replyBody },
    after: { replyBody: input.body },
  });
  await refreshRating(tx, found.productId);
  return updated;
}

/** An admin hides a review (it leaves the public lists and the averages) or shows it again,
 * with a reason; each is an audit entry naming the admin. Hiding a hidden review (or showing a
 * shown one) changes nothing and records nothing. */
export async function setReviewHidden(tx: Tx, adminId: string, raw: TSetHiddenInput) {
  const input = ZSetHiddenInput.parse(raw);
  const found = await tx.review.findUnique({ where: { id: input.reviewId }, select: { productId: true } });
  if (!found) throw new AppError("NOT_FOUND", "Review not found");
  await lockProduct(tx, found.productId);
  const review = await tx.review.findUniqueOrThrow({ where: { id: input.reviewId }, select: { id: true, hiddenAt: true, hiddenReason: true } });
  if ((review.hiddenAt !== null) === input.hidden) return { id: review.id, hidden: input.hidden, changed: false };
  const now = new Date();
  await tx.review.update({
    where: { id: review.id },
    data: input.hidden ? { hiddenAt: now, hiddenById: adminId, hiddenReason: input.reason } : { hiddenAt: null, hiddenById: null, hiddenReason: null },
  });
  await recordAudit(tx, {
    actorId: adminId,
    action: input.hidden ? "review.hide" : "review.unhide",
    entityType: "Review",
    entityId: review.id,
    before: { hidden: review.hiddenAt !== null, reason: review.hiddenReason },
    after: { hidden: input.hidden, reason: input.reason },
  });
  const rating = await refreshRating(tx, found.productId);
  return { id: review.id, hidden: input.hidden, changed: true, rating };
}
